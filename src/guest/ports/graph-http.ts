// The one way the component talks to Meta's Graph API (and to the media URLs
// Graph hands out): fetch (wasi:http outgoing-handler underneath), always with
// a timeout, because a fetch that never settles would hang the export and trap
// the instance.
//
// StarlingMonkey's fetch does not honour an AbortSignal (measured: a request
// to a server that never answers kept the call waiting for the host's own
// 600 s limit), so the timeout races every await against a timer instead; the
// abandoned request is left to the host.
import { concatBytes } from '../core/bytes.ts';
import { describeError } from '../core/failure.ts';

export interface GraphRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  accessToken: string;
  /** A JSON body (sent as application/json). */
  json?: unknown;
  /** Any other body, e.g. multipart/form-data for a media upload. */
  body?: { contentType: string; bytes: Uint8Array<ArrayBuffer> };
  timeoutMs: number;
  /** Read a 2xx answer as bytes (a media download), refusing more than `maxBytes`. */
  download?: { maxBytes: number };
}

export interface GraphReply {
  status: number;
  headers: Headers;
  /** The body as text (for a download: only when the status is not 2xx); Graph answers JSON, but a proxy in between may not. */
  text: string;
  /** A download's bytes (2xx only). */
  bytes?: Uint8Array;
}

export type GraphTransportFailure =
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'network'; reason: string }
  | { kind: 'too-large'; maxBytes: number; bytes?: number };

export class GraphTransportError extends Error {
  constructor(readonly failure: GraphTransportFailure) {
    super(describeFailure(failure));
  }
}

function describeFailure(failure: GraphTransportFailure): string {
  switch (failure.kind) {
    case 'timeout':
      return `no answer from Graph within ${failure.timeoutMs} ms`;
    case 'network':
      return failure.reason;
    case 'too-large':
      return `the answer is larger than ${failure.maxBytes} bytes`;
  }
}

class Timeout extends Error {}

export async function graphFetch(request: GraphRequest): Promise<GraphReply> {
  const headers: Record<string, string> = { authorization: `Bearer ${request.accessToken}` };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.body !== undefined) {
    headers['content-type'] = request.body.contentType;
    body = request.body.bytes;
  }
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Timeout());
    }, request.timeoutMs);
  });
  // Settles only by rejecting, and only while a race below is waiting on it.
  timedOut.catch(() => undefined);
  const within = <T>(work: Promise<T>): Promise<T> => Promise.race([work, timedOut]);
  try {
    const response = await within(fetch(request.url, { method: request.method, headers, body, signal: controller.signal }));
    const ok = response.status >= 200 && response.status < 300;
    if (request.download !== undefined && ok) {
      const bytes = await readCapped(response, request.download.maxBytes, within);
      return { status: response.status, headers: response.headers, text: '', bytes };
    }
    const text = await within(response.text());
    return { status: response.status, headers: response.headers, text };
  } catch (e) {
    if (e instanceof GraphTransportError) throw e;
    if (e instanceof Timeout || controller.signal.aborted) throw new GraphTransportError({ kind: 'timeout', timeoutMs: request.timeoutMs });
    throw new GraphTransportError({ kind: 'network', reason: `could not reach Graph: ${describeError(e)}` });
  } finally {
    clearTimeout(timer);
  }
}

/** The body as bytes, stopping as soon as it is known to be over `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, within: <T>(work: Promise<T>) => Promise<T>): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isSafeInteger(declared) && declared > maxBytes) {
    throw new GraphTransportError({ kind: 'too-large', maxBytes, bytes: declared });
  }
  const reader = response.body?.getReader();
  if (reader === undefined) {
    const bytes = new Uint8Array(await within(response.arrayBuffer()));
    if (bytes.length > maxBytes) throw new GraphTransportError({ kind: 'too-large', maxBytes, bytes: bytes.length });
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await within(reader.read());
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw new GraphTransportError({ kind: 'too-large', maxBytes });
    }
    chunks.push(value);
  }
  return concatBytes(chunks, total);
}
