// The one way the component talks to Meta's Graph API: fetch (wasi:http
// outgoing-handler underneath), always with a timeout, because a fetch that
// never settles would hang the export and trap the instance.
export interface GraphRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  accessToken: string;
  json?: unknown;
  timeoutMs: number;
}

export interface GraphReply {
  status: number;
  headers: Headers;
  /** The body as text; Graph answers JSON, but a proxy in between may not. */
  text: string;
}

export type GraphTransportFailure = { kind: 'timeout'; timeoutMs: number } | { kind: 'network'; reason: string };

export class GraphTransportError extends Error {
  constructor(readonly failure: GraphTransportFailure) {
    super(failure.kind === 'timeout' ? `no answer from Graph within ${failure.timeoutMs} ms` : failure.reason);
  }
}

export async function graphFetch(request: GraphRequest): Promise<GraphReply> {
  const headers: Record<string, string> = { authorization: `Bearer ${request.accessToken}` };
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      signal: controller.signal,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (e) {
    if (controller.signal.aborted) throw new GraphTransportError({ kind: 'timeout', timeoutMs: request.timeoutMs });
    throw new GraphTransportError({ kind: 'network', reason: `could not reach Graph: ${describe(e)}` });
  } finally {
    clearTimeout(timer);
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
