// The load generator, run in its own process (see load.ts): the Node host runs guests on its
// main thread, which blocks while a guest runs, so a client in the same process would measure
// its own waiting. It takes jobs over IPC, sends each job's requests over keep-alive loopback
// connections with at most `concurrency` in flight, and answers with every request's status
// and latency.
import { Agent, request } from 'node:http';
import type { LoadJob, LoadResult } from './load.ts';

function send(agent: Agent, job: LoadJob, index: number): Promise<{ status: number; ms: number; error: string; body: string }> {
  const spec = job.requests[index % job.requests.length];
  if (!spec) throw new Error('a load job needs at least one request');
  const url = new URL(spec.path, job.origin);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number, error: string, body: string) => {
      if (settled) return;
      settled = true;
      resolve({ status, ms: performance.now() - started, error, body });
    };
    const req = request(
      url,
      { method: spec.method, headers: { ...spec.headers, ...(spec.body ? { 'content-length': String(spec.body.length) } : {}) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(res.statusCode ?? 0, '', job.keepBodies ? Buffer.concat(chunks).toString('utf8') : ''));
        res.on('error', (e) => done(0, `response: ${e.message}`, ''));
      },
    );
    req.setTimeout(job.timeoutMs ?? 30_000, () => {
      req.destroy();
      done(0, 'timeout', '');
    });
    req.on('error', (e) => done(0, e.message, ''));
    req.end(spec.body ? Buffer.from(spec.body) : undefined);
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const statuses = new Array<number>(job.count).fill(0);
  const latenciesMs = new Array<number>(job.count).fill(0);
  const errors = new Array<string>(job.count).fill('');
  const bodies = job.keepBodies ? new Array<string>(job.count).fill('') : undefined;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < job.count; index = next++) {
      const outcome = await send(agent, job, index);
      statuses[index] = outcome.status;
      latenciesMs[index] = outcome.ms;
      errors[index] = outcome.error;
      if (bodies) bodies[index] = outcome.body;
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.count) }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { statuses, latenciesMs, errors, bodies, elapsedMs };
}

process.on('message', (message: { id: number; job: LoadJob }) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
