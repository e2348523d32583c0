// Responses the host writes itself (404 for no route, 500 when a guest fails), through the
// same preview2-shim response-outparam the guest would have used.
import { http } from '@bytecodealliance/preview2-shim';
import type { ResponseOutparam } from '@bytecodealliance/preview2-shim/interfaces/wasi-http-types';

const { Fields, OutgoingBody, OutgoingResponse } = http.types;

/** `blocking-write-and-flush` takes at most 4096 bytes per call (wasi:io/streams). */
const MAX_WRITE = 4096;

export function respondWithText(out: ResponseOutparam, status: number, text: string): void {
  const encoder = new TextEncoder();
  const bytes = encoder.encode(`${text}\n`);
  const response = new OutgoingResponse(Fields.fromList([['content-type', encoder.encode('text/plain; charset=utf-8')]]));
  response.setStatusCode(status);
  // The shim reads the body's stream when the response is set, so the body must exist first.
  const body = response.body();
  http.types.ResponseOutparam.set(out, { tag: 'ok', val: response });
  const stream = body.write();
  for (let offset = 0; offset < bytes.length; offset += MAX_WRITE) {
    stream.blockingWriteAndFlush(bytes.subarray(offset, offset + MAX_WRITE));
  }
  OutgoingBody.finish(body, undefined);
}
