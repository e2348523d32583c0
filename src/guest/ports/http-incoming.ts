// wasi:http/incoming-handler, adapted to plain values: what the webhook logic
// needs of a request, and a way to answer it.
import {
  Fields,
  OutgoingBody,
  OutgoingResponse,
  ResponseOutparam,
  type IncomingRequest,
  type Method,
} from 'wasi:http/types@0.2.0';
import { concatBytes } from '../core/bytes.ts';
import { errorPayload } from '../core/failure.ts';

export interface HttpRequest {
  method: string;
  path: string;
  /** The raw query string, without '?'. */
  query: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: ReadonlyMap<string, string>;
  /** Reads the body, at most `limit` bytes; a longer body is not read further. */
  readBody(limit: number): Uint8Array | 'too-large';
}

export interface HttpResponse {
  status: number;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

const READ_CHUNK = 64 * 1024;
// wasi:io/streams, blocking-write-and-flush: "Perform a write of up to 4096 bytes, and then flush the stream".
const WRITE_CHUNK = 4096;

export function adaptRequest(request: IncomingRequest): HttpRequest {
  const target = request.pathWithQuery() ?? '/';
  const q = target.indexOf('?');
  const decoder = new TextDecoder();
  const headers = new Map<string, string>();
  for (const [name, value] of request.headers().entries()) {
    const key = name.toLowerCase();
    const text = decoder.decode(value);
    headers.set(key, headers.has(key) ? `${headers.get(key)}, ${text}` : text);
  }
  return {
    method: methodName(request.method()),
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers,
    readBody: (limit) => readBody(request, limit),
  };
}

function readBody(request: IncomingRequest, limit: number): Uint8Array | 'too-large' {
  const body = request.consume();
  const stream = body.stream();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      let chunk: Uint8Array;
      try {
        chunk = stream.blockingRead(BigInt(Math.min(READ_CHUNK, limit + 1 - total)));
      } catch (e) {
        // The end of the body is the stream-error `closed`, thrown as an Error whose payload it is.
        if (streamErrorTag(e) === 'closed') break;
        throw e;
      }
      total += chunk.length;
      if (total > limit) return 'too-large';
      chunks.push(chunk);
    }
  } finally {
    stream[Symbol.dispose]();
  }
  return concatBytes(chunks, total);
}

export function respond(out: ResponseOutparam, response: HttpResponse): void {
  const fields = new Fields();
  const encoder = new TextEncoder();
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    fields.append(name, encoder.encode(value));
  }
  const outgoing = new OutgoingResponse(fields);
  outgoing.setStatusCode(response.status);
  const body = outgoing.body();
  ResponseOutparam.set(out, { tag: 'ok', val: outgoing });
  const bytes = encoder.encode(response.body ?? '');
  const stream = body.write();
  for (let at = 0; at < bytes.length; at += WRITE_CHUNK) {
    stream.blockingWriteAndFlush(bytes.subarray(at, at + WRITE_CHUNK));
  }
  stream[Symbol.dispose]();
  OutgoingBody.finish(body, undefined);
}

function streamErrorTag(e: unknown): string | undefined {
  const error = errorPayload(e) ?? e;
  return (error as { tag?: string } | null)?.tag;
}

function methodName(method: Method): string {
  return method.tag === 'other' ? method.val.toUpperCase() : method.tag.toUpperCase();
}
