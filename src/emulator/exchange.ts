// The emulator's own request/reply types, so that every route is a plain async function
// from data to data. http-server.ts adapts them to node:http at the edge.

export interface EmulatorRequest {
  method: string;
  /** Path with the query string, exactly as received. */
  path: string;
  pathname: string;
  query: URLSearchParams;
  /** Header names lowercased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** `http://host:port` as the client addressed us, for URLs we hand out (media downloads). */
  origin: string;
  /** Aborted when the client goes away or the emulator stops: every wait must honour it. */
  signal: AbortSignal;
}

export type Reply =
  | { kind: 'respond'; status: number; headers: Record<string, string>; body: string | Uint8Array }
  /** Keep the request open until the client gives up. */
  | { kind: 'hang' }
  /** Destroy the socket without an HTTP response. */
  | { kind: 'drop' };

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function textReply(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { kind: 'respond', status, headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers }, body: text };
}

export function bodyText(request: EmulatorRequest): string {
  return new TextDecoder().decode(request.body);
}

/** The JSON body when the content-type says JSON and it parses, otherwise undefined. */
export function bodyJson(request: EmulatorRequest): unknown {
  if (!(request.headers['content-type'] ?? '').toLowerCase().includes('json')) return undefined;
  try {
    return JSON.parse(bodyText(request));
  } catch {
    return undefined;
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts (then `false`), leaving no timer behind. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
