// The example agent: what it exports, in the order things happen. asterai:whatsapp calls
// `incomingHandler.onMessage` for every message a user sends and `statusHandler.onStatus` for
// every receipt of what we sent, each in a fresh instance of this component.
//
// An export must never throw: an uncaught error traps the instance, and asterai:whatsapp logs
// the message as NOT delivered to this handler. So every export catches and logs.
import type { Message, MessageStatus } from 'asterai:whatsapp/types@0.3.0';
import { answerFor, type Answer } from './answer.ts';
import { describeSendError, describeStatus, shortId } from './report.ts';
import { CallFailed, SendFailed, markRead, sendButtons, sendList, sendLocation, sendText } from './whatsapp.ts';

export const incomingHandler = {
  onMessage(message: Message): void {
    const who = message.sender.name || message.sender.phone || message.sender.userId || 'someone';
    const to = message.sender.phone || message.sender.userId || '';
    try {
      const answer = answerFor(message);
      if (answer.kind === 'none') {
        console.log(`${who}: ${message.kind} ${shortId(message.id)}, not answered: ${answer.why}`);
        return;
      }
      // The user sees the blue ticks and "typing…" while we work on the answer.
      attempt('mark-read', () => markRead(message.id, true));
      const sent = send(to, answer, message.id);
      console.log(`answered ${who}: ${summary(answer)} (${sent.map(shortId).join(', ')})`);
    } catch (error) {
      console.error(`could not answer ${who} (${message.kind} ${shortId(message.id)}): ${describe(error)}`);
    }
  },
};

export const statusHandler = {
  onStatus(status: MessageStatus): void {
    try {
      const line = describeStatus(status);
      if (status.status === 'failed') console.error(line);
      else console.log(line);
    } catch (error) {
      console.error(`status ${status.status} of ${status.id}: ${describe(error)}`);
    }
  },
};

/** Sends the answer as a reply to `replyTo`; returns the wamids. */
function send(to: string, answer: Exclude<Answer, { kind: 'none' }>, replyTo: string): string[] {
  switch (answer.kind) {
    case 'text':
      return sendText(to, answer.body, replyTo);
    case 'buttons':
      return [sendButtons(to, answer.body, answer.buttons, replyTo)];
    case 'list':
      return [sendList(to, answer.body, answer.buttonLabel, answer.sections, replyTo)];
    case 'location':
      return [sendLocation(to, answer.latitude, answer.longitude, answer.name, answer.address, replyTo)];
  }
}

/** A step the answer does not depend on: its failure is logged, and the agent carries on. */
function attempt(operation: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    console.warn(`${describe(error, operation)}; answering anyway`);
  }
}

function summary(answer: Exclude<Answer, { kind: 'none' }>): string {
  switch (answer.kind) {
    case 'text':
      return JSON.stringify(answer.body);
    case 'buttons':
      return `${JSON.stringify(answer.body)} [${answer.buttons.map((b) => b.title).join(' | ')}]`;
    case 'list':
      return `${JSON.stringify(answer.body)} [${answer.sections.flatMap((s) => s.rows.map((r) => r.title)).join(' | ')}]`;
    case 'location':
      return `location ${answer.name} (${answer.latitude}, ${answer.longitude})`;
  }
}

function describe(error: unknown, operation?: string): string {
  if (error instanceof SendFailed) return describeSendError(operation ?? error.operation, error.error);
  if (error instanceof CallFailed) return error.message;
  return error instanceof Error ? error.message : String(error);
}
