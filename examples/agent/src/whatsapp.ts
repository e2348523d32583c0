// The agent's one door to WhatsApp: asterai:whatsapp's `whatsapp` send interface, called
// through asterai's call-component-function as any component calls another.
//
// The rules of that call (asterai's, not ours): arguments are a JSON array in the order of the
// WIT parameters, records are objects keyed by their WIT field names (`reply-to`), an absent
// `option` is `null`; the answer is JSON too, and a function returning `result<T, send-error>`
// answers its value on success or `{"error": <send-error>}` on failure. The call itself can
// fail before reaching the function (the component is missing, the arguments do not fit):
// the host then throws an Error whose `payload` is a `call-error`.
import { callComponentFunction } from 'asterai:host/api@1.0.0';

/** The name asterai:whatsapp has in the environment. */
const WHATSAPP = 'asterai:whatsapp';

/** `send-error` from wit/whatsapp.wit, as its JSON arrives (WIT field names). */
export interface SendErrorJson {
  kind: string;
  code: number;
  message: string;
  retryable: boolean;
  'http-status': number;
  'trace-id': string | null;
}

/** A send that asterai:whatsapp refused or Meta failed: the typed `send-error`. */
export class SendFailed extends Error {
  constructor(
    readonly operation: string,
    readonly error: SendErrorJson,
  ) {
    super(`${operation} failed: ${error.kind} (code ${error.code}): ${error.message}`);
  }
}

/** The call never reached the function: asterai:whatsapp is missing, or the arguments do not fit its WIT. */
export class CallFailed extends Error {}

export interface Button {
  id: string;
  title: string;
}

export interface ListSection {
  title: string;
  rows: { id: string; title: string; description?: string }[];
}

/** Sends a text; returns the wamids (a body over 4096 characters goes out as several messages). */
export function sendText(to: string, body: string, replyTo?: string): string[] {
  return call('send-text', [to, body, replyTo ?? null]) as string[];
}

/** Up to 3 reply buttons (titles up to 20 characters); a tap comes back as a message whose `reply-id` is the button id. */
export function sendButtons(to: string, body: string, buttons: readonly Button[], replyTo?: string): string {
  return call('send-buttons', [to, body, buttons, replyTo ?? null]) as string;
}

/** A list opened by a button labelled `buttonLabel`: up to 10 rows in all (titles up to 24 characters). */
export function sendList(to: string, body: string, buttonLabel: string, sections: readonly ListSection[], replyTo?: string): string {
  const rows = sections.map((section) => ({
    title: section.title,
    rows: section.rows.map((row) => ({ id: row.id, title: row.title, description: row.description ?? null })),
  }));
  return call('send-list', [to, body, buttonLabel, rows, replyTo ?? null]) as string;
}

export function sendLocation(to: string, latitude: number, longitude: number, name?: string, address?: string, replyTo?: string): string {
  return call('send-location', [to, latitude, longitude, name ?? null, address ?? null, replyTo ?? null]) as string;
}

/** Marks the message (and the ones before it) read; with `typing`, shows "typing…" until we answer (or 25 s). */
export function markRead(messageId: string, typing: boolean): void {
  call('mark-read', [messageId, typing]);
}

function call(fn: string, args: readonly unknown[]): unknown {
  let answer: string;
  try {
    answer = callComponentFunction(WHATSAPP, `whatsapp/${fn}`, JSON.stringify(args));
  } catch (thrown) {
    const payload = (thrown as { payload?: { kind?: string; message?: string } } | null)?.payload;
    throw new CallFailed(`${WHATSAPP} whatsapp/${fn}: ${payload?.kind ?? 'error'}: ${payload?.message ?? String(thrown)}`);
  }
  const value: unknown = JSON.parse(answer);
  if (isSendError(value)) throw new SendFailed(fn, value.error);
  return value;
}

function isSendError(value: unknown): value is { error: SendErrorJson } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'kind' in error && 'code' in error;
}
