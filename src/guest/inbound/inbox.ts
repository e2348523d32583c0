// The inbox with WHATSAPP_STATE_DIR, flow by flow: a webhook delivery journaled before its 200
// and dispatched after it; the replay at start, on the schedule and after each delivery; the
// dead letters, listed and dispatched again; and pruning, at most once an hour, of what is past
// keeping (claims and journals after 8 days, dead letters after 30).
import type { DeadLetter } from 'asterai:whatsapp/inbox@0.3.0';
import { toHex } from '../core/bytes.ts';
import type { Config } from '../core/config.ts';
import { describeError } from '../core/failure.ts';
import { describeDuration } from '../core/inbox/handler-retry.ts';
import { journalId } from '../core/inbox/journal-id.ts';
import type { Journal, RoutedEvent } from '../core/inbox/journal.ts';
import { openClaimStore } from '../ports/claim-store.ts';
import { openInboxStore } from '../ports/inbox-store.ts';
import type { Log } from '../ports/log.ts';
import type { StateDir } from '../ports/state-dir.ts';
import { emptyReport, type CallFunction, type DispatchReport } from './dispatch.ts';
import { dispatchInbox, type InboxPorts } from './inbox-pass.ts';
import { JOURNAL_LIFETIME_MS } from './journal-delivery.ts';

/** How long the replay at start may go on: wasi:cli/run holds up the environment's start (and asterai's call API) until it returns. */
export const START_REPLAY_BUDGET_MS = 30_000;
/** Dead letters wait this long to be dispatched again, then are dropped (with a log line). */
export const DEAD_LETTER_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface InboxContext {
  call: CallFunction;
  log: Log;
  now(): number;
  /** `n` random bytes. */
  random(n: number): Uint8Array;
}

/** The inbox in the state dir (made if it is not there). */
export function openInbox(state: StateDir, config: Pick<Config, 'handlerMaxAttempts' | 'handlerRetryWindowMs'>, context: InboxContext): InboxPorts {
  return {
    inbox: openInboxStore(state),
    claims: openClaimStore(state),
    call: context.call,
    log: context.log,
    now: context.now,
    policy: { maxAttempts: config.handlerMaxAttempts, windowMs: config.handlerRetryWindowMs },
    holder: toHex(context.random(8)),
  };
}

export interface JournaledDelivery {
  id: string;
  journal: Journal;
}

/** Journals a delivery's events (written and synced). Throws when it cannot: then nothing may be acknowledged. */
export function journalDelivery(ports: InboxPorts, events: RoutedEvent[], random: (n: number) => Uint8Array): JournaledDelivery {
  const receivedAt = ports.now();
  const id = journalId(receivedAt, random(4));
  const journal = { receivedAt, events };
  ports.inbox.create(id, journal, ports.holder);
  return { id, journal };
}

/** After the 200: what is due in the inbox, the delivery just journaled included, oldest first; then pruning. */
export async function dispatchAfterDelivery(ports: InboxPorts, own: JournaledDelivery): Promise<DispatchReport> {
  const report = await dispatchInbox(ports, { own });
  prune(ports);
  return report;
}

/** At start: every delivery whose instance stopped before the environment started, and every due retry, within the start budget. */
export async function replayAtStart(ports: InboxPorts, startedAt: number): Promise<DispatchReport> {
  const report = await dispatchInbox(ports, { goneBefore: startedAt, deadline: startedAt + START_REPLAY_BUDGET_MS });
  const letters = ports.inbox.deadLetters().length;
  const left = ports.inbox.entries().length;
  const parts = [
    `${report.delivered} handler call${report.delivered === 1 ? '' : 's'} replayed`,
    `${left} deliver${left === 1 ? 'y' : 'ies'} still in the inbox`,
    `${letters} dead letter${letters === 1 ? '' : 's'}${letters > 0 ? ' (inbox/list-dead-letters shows them)' : ''}`,
  ];
  const slow = ports.now() - startedAt > START_REPLAY_BUDGET_MS ? `; stopped after ${describeDuration(START_REPLAY_BUDGET_MS)}, the rest is replayed on the schedule` : '';
  ports.log[letters > 0 ? 'warn' : 'info'](`inbox at start: ${parts.join(', ')}${slow}`);
  return report;
}

/** A pass over the inbox (the replay schedule calls it), then pruning. */
export async function replayDue(ports: InboxPorts): Promise<DispatchReport> {
  const report = await dispatchInbox(ports);
  prune(ports);
  return report;
}

/** Dispatches the dead letter `id` (all of them, oldest first, when undefined) again, with fresh attempts. */
export async function redispatchDeadLetters(ports: InboxPorts, id: string | undefined, random: (n: number) => Uint8Array): Promise<DispatchReport> {
  const letters = ports.inbox.deadLetters().filter((letter) => id === undefined || letter.id === id);
  if (id !== undefined && letters.length === 0) throw new Error(`no dead letter has the id "${id}" (inbox/list-dead-letters lists them; one re-dispatched is not a dead letter any more)`);
  const journals = new Set<string>();
  const now = ports.now();
  for (const [i, letter] of letters.entries()) {
    // Ids in the order of the dead letters, so that they are dispatched oldest first.
    const newId = journalId(now + i, random(4));
    if (!ports.inbox.take(newId, ports.holder)) continue;
    if (ports.inbox.redispatch(letter.id, newId)) journals.add(newId);
    else ports.inbox.remove(newId);
  }
  if (journals.size === 0) return emptyReport();
  return dispatchInbox(ports, { only: journals });
}

function prune(ports: InboxPorts): void {
  const { inbox, claims, log } = ports;
  const now = ports.now();
  try {
    if (!inbox.pruneDue(now, PRUNE_EVERY_MS, ports.holder)) return;
    claims.prune(now - JOURNAL_LIFETIME_MS);
    for (const id of inbox.pruneDeadLetters(now - DEAD_LETTER_LIFETIME_MS)) {
      log.warn(`inbox: dead letter ${id} dropped after ${DEAD_LETTER_LIFETIME_MS / 86_400_000} days without being dispatched again`);
    }
  } catch (e) {
    log.warn(`inbox: pruning failed: ${describeError(e)}`);
  }
}

/** The dead letters as inbox/list-dead-letters returns them, oldest first; one that cannot be read is named in the log. */
export function deadLetterViews(ports: InboxPorts): DeadLetter[] {
  return ports.inbox.deadLetters().flatMap(({ id, journal: parsed }) => {
    const event = 'journal' in parsed ? parsed.journal.events[0] : undefined;
    const delivery = event?.deliveries[0];
    if (!('journal' in parsed) || !event || !delivery || !parsed.journal.deadLetter) {
      ports.log.warn(`inbox: dead letter ${id} cannot be read (${'incomplete' in parsed ? parsed.incomplete : 'no event in it'})`);
      return [];
    }
    const { receivedAt, deadLetter: note } = parsed.journal;
    return [
      {
        id,
        event: event.key,
        description: event.label,
        handler: delivery.handler,
        functionName: delivery.function,
        arguments: event.args[delivery.args] ?? '[]',
        attempts: note.failures.length,
        lastError: note.failures.at(-1)?.error ?? '',
        reason: note.reason,
        receivedAt: new Date(receivedAt).toISOString(),
        deadAt: new Date(note.deadAt).toISOString(),
      },
    ];
  });
}
