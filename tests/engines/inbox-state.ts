// What a state dir holds before an inbox case of the conformance table: files in the inbox's
// own format (src/guest/core/inbox), written the same way into each engine's state dir.
import { lutimes, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeJournal, type Journal, type RoutedEvent } from '../../src/guest/core/inbox/journal.ts';
import { HANDLER_A } from '../support/harness.ts';
import { messageRecord } from './message-record.ts';

const INBOX = 'asterai-whatsapp-inbox';
const DEAD_LETTERS = 'asterai-whatsapp-dead-letters';
/** An hour ago, to the second: within the 8 days a journal is kept. */
export const RECEIVED_AT = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

/** A message event routed to HANDLER_A, as the component journals it. */
function event(n: number): RoutedEvent {
  const id = `wamid.CONFORMANCE${n}`;
  const message = messageRecord({ content: `message ${n}`, id, timestamp: RECEIVED_AT / 1000 - 2 + n });
  return {
    key: id,
    conversation: '106540352242922/15550109999',
    type: 'message',
    kind: 'text',
    label: `message ${id} (text)`,
    args: [JSON.stringify([message])],
    deliveries: [{ handler: HANDLER_A, function: 'incoming-handler/on-message', args: 0 }],
  };
}

export const DEAD_LETTER_IDS = [`${RECEIVED_AT}-0a1b2c3d.0.0`, `${RECEIVED_AT}-0a1b2c3d.2.0`];

/** Two dead letters of one delivery: its first and third message, which HANDLER_A failed twice. */
export async function twoDeadLetters(stateDir: string): Promise<void> {
  await mkdir(join(stateDir, DEAD_LETTERS), { recursive: true });
  for (const [i, id] of DEAD_LETTER_IDS.entries()) {
    const journal: Journal = {
      receivedAt: RECEIVED_AT,
      events: [{ ...event(i * 2), claim: `${RECEIVED_AT}-0a1b2c3d:${i * 2}` }],
      deadLetter: {
        failures: [
          { at: RECEIVED_AT + 10, error: 'invocation-failed: wasm trap: wasm `unreachable` instruction executed' },
          { at: RECEIVED_AT + 14_073, error: 'invocation-failed: wasm trap: wasm `unreachable` instruction executed' },
        ],
        deadAt: RECEIVED_AT + 14_073,
        reason: 'failed 2 attempts in 14 s',
      },
    };
    await writeFile(join(stateDir, DEAD_LETTERS, `${id}.journal`), serializeJournal(journal));
  }
}

/** A delivery of three messages whose instance stopped an hour ago after handing over the first. */
export async function aStoppedDelivery(stateDir: string): Promise<void> {
  await stoppedDelivery(stateDir, RECEIVED_AT);
}

/** The same, received 9 days ago: past the 8 days a journal is kept, so its last two messages become dead letters. */
export async function aStoppedDeliveryNineDaysOld(stateDir: string): Promise<void> {
  await stoppedDelivery(stateDir, RECEIVED_AT - 9 * 86_400_000);
}

async function stoppedDelivery(stateDir: string, receivedAt: number): Promise<void> {
  const id = `${receivedAt}-5e6f7a8b`;
  await mkdir(join(stateDir, INBOX), { recursive: true });
  await writeFile(join(stateDir, INBOX, `${id}.journal`), serializeJournal({ receivedAt, events: [event(0), event(1), event(2)] }));
  await writeFile(join(stateDir, INBOX, `${id}.marks`), 'done 0 0\n');
  await symlink('gone-holder', join(stateDir, INBOX, `${id}.lease`));
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const file of ['marks', 'lease']) await lutimes(join(stateDir, INBOX, `${id}.${file}`), anHourAgo, anHourAgo);
}
