// A tiny webhook endpoint for the emulator tests, playing the component's part: it checks
// X-Hub-Signature-256 over the exact bytes received, as the component must.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hasMetaSignature } from '../../src/emulator/webhooks/signature.ts';
import { WEBHOOK_PATH } from '../../src/guest/inbound/webhook-endpoint.ts';

export interface ReceivedWebhook {
  raw: string;
  payload: any;
  headers: Record<string, string | string[] | undefined>;
  signatureValid: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` webhooks have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  /** The status to answer with from now on (default 200; 401 for a bad signature regardless). */
  answerWith(status: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(appSecret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const header = req.headers['x-hub-signature-256'];
      const signatureValid = hasMetaSignature(bytes, typeof header === 'string' ? header : undefined, appSecret);
      const raw = bytes.toString('utf8');
      received.push({ raw, payload: JSON.parse(raw), headers: req.headers, signatureValid });
      res.writeHead(signatureValid ? status : 401, { 'content-type': 'text/plain' });
      res.end(signatureValid ? 'EVENT_RECEIVED' : 'bad signature');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    received,
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    answerWith(next) {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
