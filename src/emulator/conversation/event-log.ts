// The conversation as a log, one line per event, written the moment it happens: a user writes,
// the webhook answers, the business reads, types or sends. The sandbox turns it on
// (--log-events) so that a person watching `npm start` sees the flow in order: this process is
// never blocked, while the process running the component is, during the component's own
// outgoing HTTP (see README). Delivery statuses are left to the status handler's log.
import type { TranscriptEntry, WebhookDelivery } from '../types.ts';
import type { Transcript } from './transcript.ts';

/** `12:03:04.567  source            text`: the sandbox formats its components' lines the same way. */
export function logLine(time: Date, source: string, text: string): string {
  const clock = time.toTimeString().slice(0, 8);
  return `${clock}.${String(time.getMilliseconds()).padStart(3, '0')}  ${source.padEnd(17)} ${text}`;
}

/** What the transcript shows of a message: the text, with the kind when it is not plain text. */
export function messageText(entry: Pick<TranscriptEntry, 'kind' | 'text'>): string {
  return shortWamids(entry.kind === 'text' ? entry.text : `[${entry.kind}] ${entry.text}`);
}

/** wamids are ~60 characters of base64; in a log line their tail tells them apart. */
export function shortWamids(text: string): string {
  return text.replace(/wamid\.[A-Za-z0-9+/_-]{8,}=*/g, (wamid) => `wamid…${wamid.slice(-12)}`);
}

export function deliveryLine(delivery: WebhookDelivery, count: number): string | undefined {
  const ok = delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300;
  // Status webhooks that the component accepted are reported by its status handlers.
  if (delivery.kind === 'statuses' && ok) return undefined;
  const what = `${delivery.kind === 'messages' ? `${count} message${count === 1 ? '' : 's'}` : delivery.kind === 'statuses' ? 'a status' : `a ${delivery.field ?? 'webhook'} change`}, signed with the app secret`;
  if (delivery.error !== undefined) return `${what}, not delivered: ${delivery.error} (${delivery.durationMs} ms)`;
  const refusal = ok ? 'accepted' : JSON.stringify((delivery.response ?? '').slice(0, 200));
  return `${what} → ${delivery.status} ${refusal} in ${delivery.durationMs} ms`;
}

interface Seen {
  status: TranscriptEntry['status'];
  typing: boolean;
}

/** Follows the transcript until `signal` aborts, writing a line for each change worth one. */
export async function followConversation(transcript: Transcript, write: (line: string) => void, signal: AbortSignal): Promise<void> {
  const seen = new Map<string, Seen>();
  let revision = transcript.page(undefined).revision;
  while (!signal.aborted) {
    await transcript.waitForChange(revision, 60_000, signal);
    const page = transcript.page(undefined, revision);
    revision = page.revision;
    // In the order things happened: a page lists entries in conversation order.
    for (const entry of [...page.entries].sort((a, b) => a.revision - b.revision)) {
      const before = seen.get(entry.wamid);
      seen.set(entry.wamid, { status: entry.status, typing: entry.typing === true });
      const line = changeLine(entry, before);
      // A new message carries the time it was written; a change to it is seen now.
      if (line) write(logLine(before ? new Date() : new Date(entry.time), ...line));
    }
  }
}

function changeLine(entry: TranscriptEntry, before: Seen | undefined): [string, string] | undefined {
  if (entry.direction === 'inbound') {
    if (!before) return ['user → business', `${entry.user}: ${messageText(entry)}`];
    const read = entry.status === 'read' && before.status !== 'read';
    const typing = entry.typing === true && !before.typing;
    if (!read && !typing) return undefined;
    const marks = [read ? `read ${JSON.stringify(short(shortWamids(entry.text)))}` : undefined, typing ? 'typing…' : undefined];
    return ['business', marks.filter(Boolean).join(', ')];
  }
  if (!before) return [entry.kind === 'echo' ? 'business app → user' : 'business → user', `${entry.user}: ${entry.kind === 'echo' ? entry.text : messageText(entry)}`];
  if (entry.status === 'failed' && before.status !== 'failed') return ['business → user', `✗ failed: ${JSON.stringify(short(entry.text))}`];
  return undefined;
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
