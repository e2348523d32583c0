// The node:http edge: turns sockets into EmulatorRequests and Replies back into bytes, and
// knows how to stop without leaving a socket, a timer or a pending wait behind.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorRequest, Reply } from './exchange.ts';

export type Handler = (request: EmulatorRequest) => Promise<Reply>;

export interface RunningServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  host: string;
  port: number;
  /** Bodies larger than this are answered 413 without being buffered. */
  maxBodyBytes: number;
  /** Called when a handler throws: the emulator must keep serving. */
  onError(error: unknown): void;
}

export async function serve(handler: Handler, options: ServeOptions): Promise<RunningServer> {
  const inFlight = new Set<AbortController>();
  let listeningUrl = '';

  const server = createServer((req, res) => {
    const controller = new AbortController();
    inFlight.add(controller);
    const finish = (): void => {
      inFlight.delete(controller);
      controller.abort();
    };
    // 'close' on the response fires when it was sent or when the client went away first.
    res.on('close', finish);
    void answer(req, res, controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return;
      options.onError(error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8' });
        res.end('emulator error');
      } else {
        res.destroy();
      }
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const body = await readBody(req, options.maxBodyBytes);
    if (body === 'too-large') {
      res.writeHead(413, { 'content-type': 'text/plain; charset=UTF-8', connection: 'close' });
      res.end('request body too large');
      return;
    }
    const path = req.url ?? '/';
    const parsed = new URL(path, 'http://emulator.invalid');
    const request: EmulatorRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      pathname: parsed.pathname,
      query: parsed.searchParams,
      headers: lowercaseHeaders(req),
      body,
      origin: req.headers.host ? `http://${req.headers.host}` : listeningUrl,
      signal,
    };
    const reply = await handler(request);
    if (signal.aborted) return;
    switch (reply.kind) {
      case 'hang':
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'respond': {
        const payload = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : Buffer.from(reply.body);
        res.writeHead(reply.status, { ...reply.headers, 'content-length': String(payload.length) });
        res.end(payload);
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  listeningUrl = `http://${options.host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: listeningUrl,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const controller of inFlight) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function lowercaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      resolve(tooLarge ? 'too-large' : Buffer.concat(chunks));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!ended) reject(new Error('the client went away before sending the whole body'));
    });
  });
}
