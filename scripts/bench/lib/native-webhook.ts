// The baseline of the webhook benchmark: a plain Node `http` server doing natively what the
// component does for a POST: the same route and method checks, the 3 MiB cap, HMAC-SHA256 over
// the raw bytes (node:crypto, constant-time compare), a strict UTF-8 decode and JSON.parse, the
// 200 before dispatch, then the same dispatch calls (one JSON-args call per event and handler)
// to an in-process function. Parsing and routing use the component's own code (parseWebhook,
// routeEvents) rather than a second implementation, so the difference between the two servers is the
// runtime (StarlingMonkey in wasm behind the Node host) and not the parser.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hasMetaSignature } from '../../../src/emulator/webhooks/signature.ts';
import { MAX_WEBHOOK_BYTES } from '../../../src/guest/inbound/webhook-endpoint.ts';
import { parseWebhook } from '../../../src/guest/core/webhook/parse.ts';
import { routeEvents } from '../../../src/guest/inbound/routing.ts';

export interface NativeWebhookOptions {
  appSecret: string;
  /** Handler component names, as WHATSAPP_INCOMING_HANDLER_COMPONENTS lists them. */
  handlers: string[];
  call: (component: string, functionName: string, argsJson: string) => unknown;
}

export interface NativeAnswer {
  status: number;
  text: string;
  /** The parsed JSON of a verified POST, to dispatch after answering. */
  payload?: unknown;
}

export interface NativeWebhook {
  /** The answer to a POST of `body` with this X-Hub-Signature-256 header. */
  accept(body: Buffer, signatureHeader: string | undefined): NativeAnswer;
  dispatch(payload: unknown): void;
}

export function nativeWebhook(options: NativeWebhookOptions): NativeWebhook {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const { handlers } = options;
  // Every handler takes every event and exports the current interfaces.
  const lists = { incomingHandlerComponents: handlers, statusHandlerComponents: handlers, echoHandlerComponents: handlers, preferenceHandlerComponents: handlers, eventHandlerComponents: handlers };
  return {
    accept(body, signatureHeader) {
      if (!hasMetaSignature(body, signatureHeader, options.appSecret)) return { status: 401, text: 'invalid signature' };
      try {
        return { status: 200, text: 'ok', payload: JSON.parse(decoder.decode(body)) };
      } catch {
        return { status: 200, text: 'ok' };
      }
    },
    dispatch(payload) {
      for (const event of routeEvents(parseWebhook(payload).events, lists)) {
        for (const delivery of event.deliveries) options.call(delivery.handler, delivery.function, event.args[delivery.args]!);
      }
    },
  };
}

export interface NativeWebhookServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `nativeWebhook` at `path` on 127.0.0.1 (the path the host serves the component at). */
export async function startNativeWebhook(options: NativeWebhookOptions & { path: string }): Promise<NativeWebhookServer> {
  const webhook = nativeWebhook(options);
  const answer = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const header = req.headers['x-hub-signature-256'];
    const outcome = webhook.accept(body, typeof header === 'string' ? header : undefined);
    answer(res, outcome.status, outcome.text);
    if (outcome.payload !== undefined) webhook.dispatch(outcome.payload);
  };

  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== options.path) return answer(res, 404, 'not found');
    if (req.method !== 'POST') return answer(res, 405, 'method not allowed');
    if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BYTES) return answer(res, 413, 'payload too large');
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= MAX_WEBHOOK_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (total > MAX_WEBHOOK_BYTES ? answer(res, 413, 'payload too large') : handle(req, res, Buffer.concat(chunks, total))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
