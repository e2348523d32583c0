// graphFetch against a real local server. It only uses web globals (fetch,
// AbortController, setTimeout), which Node has too; inside the component the
// same code runs on StarlingMonkey (tests/component cover that).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphTransportError, graphFetch } from '../../../../src/guest/ports/graph-http.ts';

type Handler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler = (_q, _b, response) => response.end();
const open = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      open.add(response);
      response.on('close', () => open.delete(response));
      handler(request, Buffer.concat(chunks), response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const response of open) response.destroy();
  await new Promise((resolve) => server.close(resolve));
});

async function transportFailure(p: Promise<unknown>): Promise<GraphTransportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GraphTransportError) return e;
    throw e;
  }
  throw new Error('expected a GraphTransportError');
}

describe('graphFetch', () => {
  it('sends JSON with the bearer token and returns the text', async () => {
    let seen: { headers: IncomingMessage['headers']; body: string } | undefined;
    handler = (request, body, response) => {
      seen = { headers: request.headers, body: body.toString() };
      response.setHeader('content-type', 'application/json');
      response.end('{"messages":[{"id":"wamid.1"}]}');
    };
    const reply = await graphFetch({ method: 'POST', url: `${base}/v25.0/1/messages`, accessToken: 'tok', json: { a: 1 }, timeoutMs: 2000 });
    expect(reply).toMatchObject({ status: 200, text: '{"messages":[{"id":"wamid.1"}]}' });
    expect(seen).toMatchObject({ headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: '{"a":1}' });
  });

  it('sends a multipart body byte for byte with its content type', async () => {
    let seen: { type?: string; body: Buffer } | undefined;
    handler = (request, body, response) => {
      seen = { type: request.headers['content-type'], body };
      response.end('{"id":"1"}');
    };
    const bytes = new Uint8Array([0, 255, 13, 10, 45, 45]);
    await graphFetch({ method: 'POST', url: `${base}/media`, accessToken: 'tok', body: { contentType: 'multipart/form-data; boundary=b', bytes }, timeoutMs: 2000 });
    expect(seen?.type).toBe('multipart/form-data; boundary=b');
    expect(new Uint8Array(seen!.body)).toStrictEqual(bytes);
  });

  it('times out a server that never answers', async () => {
    handler = () => undefined;
    const started = performance.now();
    const error = await transportFailure(graphFetch({ method: 'GET', url: `${base}/hang`, accessToken: 'tok', timeoutMs: 200 }));
    expect(error.failure).toStrictEqual({ kind: 'timeout', timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('times out a body that stops half way', async () => {
    handler = (_q, _b, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(10));
    };
    const error = await transportFailure(graphFetch({ method: 'GET', url: `${base}/slow`, accessToken: 'tok', timeoutMs: 200, download: { maxBytes: 1000 } }));
    expect(error.failure.kind).toBe('timeout');
  });

  it('is a network failure when nothing listens', async () => {
    const error = await transportFailure(graphFetch({ method: 'GET', url: 'http://127.0.0.1:9/x', accessToken: 'tok', timeoutMs: 2000 }));
    expect(error.failure.kind).toBe('network');
  });

  describe('downloads', () => {
    it('returns the bytes of a 2xx', async () => {
      const data = Buffer.from([1, 2, 3, 250]);
      handler = (_q, _b, response) => response.end(data);
      const reply = await graphFetch({ method: 'GET', url: `${base}/file`, accessToken: 'tok', timeoutMs: 2000, download: { maxBytes: 4 } });
      expect(reply.bytes).toStrictEqual(new Uint8Array(data));
      expect(reply.text).toBe('');
    });

    it('returns the text of an error instead', async () => {
      handler = (_q, _b, response) => {
        response.statusCode = 404;
        response.end('URL expired or not found');
      };
      const reply = await graphFetch({ method: 'GET', url: `${base}/file`, accessToken: 'tok', timeoutMs: 2000, download: { maxBytes: 4 } });
      expect(reply).toMatchObject({ status: 404, text: 'URL expired or not found' });
      expect(reply.bytes).toBeUndefined();
    });

    it('refuses a Content-Length over the cap before reading', async () => {
      handler = (_q, _b, response) => {
        response.setHeader('content-length', '5');
        response.end(Buffer.alloc(5));
      };
      const error = await transportFailure(graphFetch({ method: 'GET', url: `${base}/file`, accessToken: 'tok', timeoutMs: 2000, download: { maxBytes: 4 } }));
      expect(error.failure).toStrictEqual({ kind: 'too-large', maxBytes: 4, bytes: 5 });
    });

    it('stops reading a body without Content-Length once it passes the cap', async () => {
      handler = (_q, _b, response) => {
        response.writeHead(200, { 'transfer-encoding': 'chunked' });
        response.write(Buffer.alloc(3));
        setTimeout(() => response.end(Buffer.alloc(3)), 20);
      };
      const error = await transportFailure(graphFetch({ method: 'GET', url: `${base}/file`, accessToken: 'tok', timeoutMs: 2000, download: { maxBytes: 4 } }));
      expect(error.failure).toStrictEqual({ kind: 'too-large', maxBytes: 4 });
    });
  });
});
