// Every Graph-side request, kept in arrival order for `GET /_emulator/requests`.
import { createHash } from 'node:crypto';
import { bodyJson, bodyText, type EmulatorRequest } from '../exchange.ts';
import { multipartBoundary, parseMultipart } from '../graph/multipart.ts';
import type { FaultSpec, RecordedMultipart, RecordedRequest } from '../types.ts';

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
      body: bodyText(request),
      bodyBytes: request.body.byteLength,
      ...(json === undefined ? {} : { json }),
      ...(multipart === undefined ? {} : { multipart }),
      ...(fault === undefined ? {} : { fault }),
    };
    this.#requests.push(recorded);
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
