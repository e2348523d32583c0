// The agent's log lines: one readable line per status and per failed send. Pure text, so it
// can be tested in Node; the agent prints them and asterai shows them under its name.
import type { MessageStatus } from 'asterai:whatsapp/types@0.3.0';
import type { SendErrorJson } from './whatsapp.ts';

/** What to do about each `send-error.kind` (the table is in asterai:whatsapp's README). */
const ADVICE: Readonly<Record<string, string>> = {
  'window-closed': 'the user last wrote more than 24 h ago: only an approved template (whatsapp/send-template) reaches them now',
  'rate-limited': 'Meta is throttling this number; the component already retried within WHATSAPP_SEND_RETRY_BUDGET_MS',
  server: "Meta's side failed; the component already retried, and the message may still have gone out",
  auth: 'check WHATSAPP_ACCESS_TOKEN and its permissions',
  config: 'a setting of the environment is missing or wrong (the message names it)',
  recipient: 'this user cannot receive the message',
  'invalid-request': 'the message broke one of WhatsApp\'s rules (the message says which)',
  template: 'the template is missing, paused or its parameters do not fit',
  media: 'the media could not be uploaded or downloaded',
  network: 'the Graph API could not be reached',
  timeout: 'the Graph API did not answer in time; the message may still have gone out',
};

export function describeSendError(operation: string, error: SendErrorJson): string {
  const facts = [
    error.code === 0 ? undefined : `Graph code ${error.code}`,
    error['http-status'] === 0 ? undefined : `HTTP ${error['http-status']}`,
    error.retryable ? 'retryable' : 'not retryable',
    error['trace-id'] ? `trace ${error['trace-id']}` : undefined,
  ].filter((fact) => fact !== undefined);
  const advice = ADVICE[error.kind];
  return `${operation} failed: ${error.kind} (${facts.join(', ')}): ${error.message}${advice ? ` (${advice})` : ''}`;
}

const STATUS_MARKS: Readonly<Record<MessageStatus['status'], string>> = {
  sent: '✓ sent',
  delivered: '✓✓ delivered',
  read: '✓✓ read',
  played: '▶ played',
  failed: '✗ failed',
};

/** One line per status; the callback data the agent sent with the message (the id of the message it answered) follows it. */
export function describeStatus(status: MessageStatus): string {
  const answering = status.callbackData ? `, answering ${shortId(status.callbackData)}` : '';
  const line = `${STATUS_MARKS[status.status]} ${shortId(status.id)} to ${status.recipient}${answering}`;
  const errors = status.errors.map((e) => `${e.code} ${e.title}${e.details ? `: ${e.details}` : ''}`);
  return errors.length > 0 ? `${line}: ${errors.join('; ')}` : line;
}

/** wamids are ~60 characters of base64; the tail tells them apart in a log. */
export function shortId(wamid: string): string {
  return wamid.length > 20 ? `wamid…${wamid.slice(-12)}` : wamid;
}
