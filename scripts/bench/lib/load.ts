// Starts the load generator (load-client.ts) in a child process and runs jobs on it. Used by the
// benchmarks and by the load tests in tests/hardening.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadRequest {
  method: string;
  /** Path and query, resolved against the job's origin. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface LoadJob {
  /** `http://127.0.0.1:8080` */
  origin: string;
  /** Request i of the job is `requests[i % requests.length]`. */
  requests: LoadRequest[];
  count: number;
  /** At most this many requests in flight, each on its own keep-alive connection. */
  concurrency: number;
  /** Per request (default 30 s); a request that times out counts with status 0. */
  timeoutMs?: number;
  /** Return each response body too (default false). */
  keepBodies?: boolean;
}

export interface LoadResult {
  /** By request index; 0 when no response came (see `errors`). */
  statuses: number[];
  latenciesMs: number[];
  errors: string[];
  bodies?: string[];
  /** From the first request sent to the last response received. */
  elapsedMs: number;
}

export interface LoadClient {
  pid: number;
  run(job: LoadJob): Promise<LoadResult>;
  stop(): Promise<void>;
}

const CLIENT_PATH = fileURLToPath(new URL('./load-client.ts', import.meta.url));

type Reply = { ready: true } | { id: number; result: LoadResult } | { id: number; error: string };

export async function startLoadClient(): Promise<LoadClient> {
  const child: ChildProcess = fork(CLIENT_PATH, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the load client did not start within 30 s')), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load client exited early (code ${code})`)));
    child.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        clearTimeout(timer);
        resolve();
        return;
      }
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(`load client: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
  });
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the load client exited'));
    pending.clear();
  });
  if (child.pid === undefined) throw new Error('the load client has no pid');
  return {
    pid: child.pid,
    run(job) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, job });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A signed webhook POST as a load request. */
export function webhookPost(path: string, body: Uint8Array, signature: string | undefined): LoadRequest {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'x-hub-signature-256': signature }) },
    body,
  };
}
