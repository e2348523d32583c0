// A tiny Graph client for the emulator tests: what the component does, minus the component.
import type { RunningEmulator } from '../../src/emulator/spawn.ts';

export const TOKEN = 'test-token';
export const PHONE_NUMBER_ID = '111222333444555';
export const VERSION = 'v25.0';

export interface GraphAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; `any` so assertions can read into Meta's JSON without casts. */
  json: any;
}

export async function graph(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  init: { token?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<GraphAnswer> {
  const token = init.token === undefined ? TOKEN : init.token;
  const headers: Record<string, string> = { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...init.headers };
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function sendMessage(emulator: RunningEmulator, body: unknown, init?: Parameters<typeof graph>[4]): Promise<GraphAnswer> {
  return graph(emulator, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/messages`, body, init);
}

export function textMessage(body: string, to = '+1 (650) 555-1234'): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body } };
}
