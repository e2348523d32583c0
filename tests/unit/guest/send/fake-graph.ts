// A scripted Graph for GraphClient tests: answers by a function of the request
// and its number, on a virtual clock that requests and sleeps advance.
import { readConfig, type Config } from '../../../../src/guest/core/config.ts';
import { SendError } from '../../../../src/guest/core/failure.ts';
import { buildTextMessages } from '../../../../src/guest/core/messages/text.ts';
import type { GraphReply, GraphRequest } from '../../../../src/guest/ports/graph-http.ts';
import { GraphClient, type ClientRuntime } from '../../../../src/guest/send/graph-client.ts';

export const TOKEN = 'EAAG-secret-token-0123456789';

export function testConfig(env: Record<string, string> = {}): Config {
  return readConfig({
    WHATSAPP_ACCESS_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: '1065',
    WHATSAPP_API_BASE_URL: 'http://graph.test/',
    WHATSAPP_API_VERSION: 'v26.0',
    ...env,
  });
}

export interface Answer {
  status?: number;
  json?: unknown;
  text?: string;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** Virtual time the request takes. */
  takesMs?: number;
  /** Throw this instead of answering (a GraphTransportError). */
  fail?: Error;
}

export interface FakeGraph {
  requests: GraphRequest[];
  /** Virtual time at which each request started. */
  startedAt: number[];
  sleeps: number[];
  client(config?: Config, runtime?: Partial<ClientRuntime>): GraphClient;
  now(): number;
}

export function fakeGraph(answer: (request: GraphRequest, n: number) => Answer): FakeGraph {
  let clock = 1_000_000;
  const requests: GraphRequest[] = [];
  const startedAt: number[] = [];
  const sleeps: number[] = [];
  const transport = async (request: GraphRequest): Promise<GraphReply> => {
    requests.push(request);
    startedAt.push(clock);
    const a = answer(request, requests.length);
    clock += a.takesMs ?? 0;
    if (a.fail) throw a.fail;
    const status = a.status ?? 200;
    const ok = status >= 200 && status < 300;
    if (request.download && ok) return { status, headers: new Headers(a.headers), text: '', bytes: a.bytes ?? new Uint8Array(0) };
    return { status, headers: new Headers(a.headers), text: a.text ?? JSON.stringify(a.json ?? {}) };
  };
  return {
    requests,
    startedAt,
    sleeps,
    now: () => clock,
    client: (config = testConfig(), runtime = {}) =>
      new GraphClient(config, transport, {
        now: () => clock,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
        random: () => 0.5,
        boundary: () => 'test-boundary',
        ...runtime,
      }),
  };
}

export const sent = (n: number): Answer => ({ json: { messaging_product: 'whatsapp', contacts: [{ input: '1', wa_id: '1' }], messages: [{ id: `wamid.SENT${n}` }] } });

export function graphError(code: number, status = 400, message = `(#${code}) error`, details?: string): Answer {
  return {
    status,
    json: { error: { message, type: 'OAuthException', code, ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}), fbtrace_id: 'Atrace' } },
  };
}

export async function failure(p: Promise<unknown>): Promise<SendError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SendError) return e;
    throw e;
  }
  throw new Error('expected a SendError');
}

/** A text sent the way the `send-text` export sends it: built, then posted part by part. */
export async function sendText(client: GraphClient, to: string, body: string, replyTo?: string): Promise<string[]> {
  return client.sendTexts(buildTextMessages(to, body, false, { replyTo }));
}
