// The agent's one door to WhatsApp: asterai:whatsapp's `whatsapp` send interface, called
// through asterai's call-component-function as any component calls another.
//
// The rules of that call (asterai's, not ours): arguments are a JSON array in the order of the
// WIT parameters, records are objects keyed by their WIT field names (`reply-to`), an absent
// `option` is `null`, a variant is `{"tag": case, "value": payload}`; the answer is JSON too,
// and a function returning `result<T, send-error>` answers its value on success or
// `{"error": <send-error>}` on failure. The call itself can fail before reaching the function
// (the component is missing, the arguments do not fit): the host then throws an Error whose
// `payload` is a `call-error`.
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

/**
 * What every send may add (the WIT `send-options`): the message to quote, and callback data
 * that Meta hands back in every status of the message sent (the agent's status log shows it).
 */
export interface SendOptions {
  replyTo?: string;
  callbackData?: string;
}

function options(sendOptions: SendOptions): { 'reply-to': string | null; 'callback-data': string | null } {
  return { 'reply-to': sendOptions.replyTo ?? null, 'callback-data': sendOptions.callbackData ?? null };
}

/** An interactive message's words (the WIT `interactive-text`), with neither header nor footer. */
function bodyOnly(body: string): { header: null; body: string; footer: null } {
  return { header: null, body, footer: null };
}

/** Sends a text; returns the wamids (a body over 4096 characters goes out as several messages). */
export function sendText(to: string, body: string, sendOptions: SendOptions = {}): string[] {
  return call('send-text', [to, body, false, options(sendOptions)]) as string[];
}

/** Up to 3 reply buttons (titles up to 20 characters); a tap comes back as a message whose `reply-id` is the button id. */
export function sendButtons(to: string, body: string, buttons: readonly Button[], sendOptions: SendOptions = {}): string {
  return call('send-buttons', [to, bodyOnly(body), buttons, options(sendOptions)]) as string;
}

/** A list opened by a button labelled `buttonLabel`: up to 10 rows in all (titles up to 24 characters). */
export function sendList(to: string, body: string, buttonLabel: string, sections: readonly ListSection[], sendOptions: SendOptions = {}): string {
  const rows = sections.map((section) => ({
    title: section.title,
    rows: section.rows.map((row) => ({ id: row.id, title: row.title, description: row.description ?? null })),
  }));
  return call('send-list', [to, bodyOnly(body), buttonLabel, rows, options(sendOptions)]) as string;
}

export function sendLocation(to: string, latitude: number, longitude: number, name: string, address: string, sendOptions: SendOptions = {}): string {
  return call('send-location', [to, { latitude, longitude, name, address }, options(sendOptions)]) as string;
}

/** A text with one button that opens `url` (labelled up to 20 characters): a payment or booking link. */
export function sendCtaUrl(to: string, body: string, label: string, url: string, sendOptions: SendOptions = {}): string {
  return call('send-cta-url', [to, bodyOnly(body), { label, url }, options(sendOptions)]) as string;
}

/** A text with a "Send location" button; the user's location comes back as a `location` message. */
export function sendLocationRequest(to: string, body: string, sendOptions: SendOptions = {}): string {
  return call('send-location-request', [to, body, options(sendOptions)]) as string;
}

/** Uploads a file (its bytes and type) for the sends that take a media id; returns that id. */
export function uploadMedia(data: Uint8Array, mimeType: string, filename: string): string {
  return call('upload-media', [Array.from(data), mimeType, filename]) as string;
}

/** An audio file, or with `voice` a voice note (OGG/Opus), by media id or https link. */
export function sendAudio(to: string, source: string, voice: boolean, sendOptions: SendOptions = {}): string {
  return call('send-audio', [to, source, voice, options(sendOptions)]) as string;
}

/** An approved template without variables: what reaches a user who has not written for 24 hours. */
export function sendTemplate(to: string, name: string, language: string, sendOptions: SendOptions = {}): string {
  return call('send-template', [to, name, language, null, options(sendOptions)]) as string;
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
