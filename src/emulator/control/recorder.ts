// Every Graph-side request, kept in arrival order for `GET /_emulator/requests`.
import { createHash } from 'node:crypto';
import { bodyJson, bodyText, type EmulatorRequest } from '../exchange.ts';
import { multipartBoundary, parseMultipart } from '../graph/multipart.ts';
import type { FaultSpec, RecordedMultipart, RecordedRequest } from '../types.ts';

/** A long sandbox session must not grow without bound: keep the latest requests, and bodies up to 1 MiB. */
const MAX_REQUESTS = 10_000;
const MAX_BODY_TEXT_BYTES = 1024 * 1024;

export class RequestRecorder {
  #requests: RecordedRequest[] = [];
  #seq = 0;

  record(request: EmulatorRequest, fault: FaultSpec | undefined): RecordedRequest {
    const json = bodyJson(request);
    const multipart = summariseMultipart(request);
    const recorded: RecordedRequest = {
      seq: ++this.#seq,
      time: new Date().toISOString(),
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body.byteLength > MAX_BODY_TEXT_BYTES ? new TextDecoder().decode(request.body.subarray(0, MAX_BODY_TEXT_BYTES)) : bodyText(request),
      bodyBytes: request.body.byteLength,
      ...(request.body.byteLength > MAX_BODY_TEXT_BYTES ? { bodyTruncated: true } : {}),
      ...(json === undefined ? {} : { json }),
      ...(multipart === undefined ? {} : { multipart }),
      ...(fault === undefined ? {} : { fault }),
    };
    this.#requests.push(recorded);
    if (this.#requests.length > MAX_REQUESTS) this.#requests.splice(0, this.#requests.length - MAX_REQUESTS);
    return recorded;
  }

  list(): RecordedRequest[] {
    return this.#requests;
  }

  clear(): number {
    const count = this.#requests.length;
    this.#requests = [];
    return count;
  }
}

function summariseMultipart(request: EmulatorRequest): RecordedMultipart | undefined {
  const boundary = multipartBoundary(request.headers['content-type']);
  const form = boundary === undefined ? undefined : parseMultipart(request.body, boundary);
  if (!form) return undefined;
  return {
    fields: form.fields,
    files: form.files.map((file) => ({
      name: file.name,
      ...(file.filename === undefined ? {} : { filename: file.filename }),
      ...(file.contentType === undefined ? {} : { contentType: file.contentType }),
      size: file.data.byteLength,
      sha256: createHash('sha256').update(file.data).digest('hex'),
    })),
  };
}
