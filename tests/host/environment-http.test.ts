import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/host/environment.ts';
import { LISTENER, loadProbeEnvironment, PROBE, type CapturedLine } from './support/probe-environment.ts';

interface Echo {
  method: string;
  pathWithQuery: string;
  body: string;
  counter: number;
  greeting: string | null;
}

describe('Environment HTTP, a fresh instance per request (asterai)', () => {
  let environment: Environment;
  let stdout: CapturedLine[];
  let stderr: CapturedLine[];
  let base: string;

  beforeAll(async () => {
    ({ environment, stdout, stderr } = await loadProbeEnvironment());
    const { url } = await environment.listen();
    base = url.replace(/\/$/, '');
  });
  afterAll(() => environment.close());

  const probeUrl = (rest: string) => `${base}/acme/lab/host-test/probe${rest}`;

  it('listens on 127.0.0.1 and names the prefix of each component', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(environment.httpPath(PROBE)).toBe('/acme/lab/host-test/probe/');
  });

  it.each([
    ['/webhook', '/webhook'],
    ['/webhook?hub.mode=subscribe&hub.challenge=42', '/webhook?hub.mode=subscribe&hub.challenge=42'],
    ['', '/'],
    ['/', '/'],
    ['?x=1', '/?x=1'],
    ['/a/b/', '/a/b/'],
  ])('strips the environment and component prefix: %s arrives as %s', async (rest, seen) => {
    const response = await fetch(probeUrl(rest));
    expect(response.status).toBe(200);
    expect(((await response.json()) as Echo).pathWithQuery).toBe(seen);
  });

  it('passes method, body and env vars through', async () => {
    const response = await fetch(probeUrl('/echo'), { method: 'POST', body: 'ping ✓' });
    expect(await response.json()).toMatchObject({ method: 'post', body: 'ping ✓', greeting: 'hello from the environment' });
    expect(response.headers.get('content-type')).toBe('text/plain');
  });

  it('runs every request on a fresh instance: module state does not survive', async () => {
    const counters = [];
    for (let i = 0; i < 3; i++) counters.push(((await (await fetch(probeUrl('/count'))).json()) as Echo).counter);
    expect(counters).toEqual([1, 1, 1]);
  });

  it('serves concurrent requests', async () => {
    const responses = await Promise.all([1, 2, 3, 4].map((n) => fetch(probeUrl(`/n${n}`), { method: 'POST', body: `${n}` })));
    const bodies = await Promise.all(responses.map(async (response) => ((await response.json()) as Echo).body));
    expect(bodies).toEqual(['1', '2', '3', '4']);
  });

  it.each([
    ['/other/env/host-test/probe/x', 'no route for /other/env/host-test/probe/x: expected /acme/lab/{component-namespace}/{component-name}/...'],
    ['/acme/lab', 'no route for /acme/lab: expected /acme/lab/{component-namespace}/{component-name}/...'],
    ['/acme/lab/host-test/nobody/x', "no component 'host-test:nobody' in environment acme/lab"],
    ['/acme/lab/host-test/listener/x', "component 'host-test:listener' does not export wasi:http/incoming-handler"],
  ])('answers 404 itself for %s', async (path, message) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe(`${message}\n`);
  });

  it('answers 500 when the guest traps before responding, and keeps serving', async () => {
    const response = await fetch(probeUrl('/trap'));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("component 'host-test:probe' failed: wasm trap: wasm `unreachable` instruction executed\n");
    expect(stderr).toContainEqual({ component: PROBE, line: 'handler trapped on purpose' });
    expect(stderr).toContainEqual({
      component: PROBE,
      line: 'host: incoming-handler failed: wasm trap: wasm `unreachable` instruction executed',
    });
    expect((await fetch(probeUrl('/after-trap'))).status).toBe(200);
  });

  it.each([
    ['/no-response', "component 'host-test:probe' did not set a response"],
    ['/error-response', `component 'host-test:probe' failed the request: internal-error ("guest gave up")`],
    ['/exit', "component 'host-test:probe' failed: component 'host-test:probe' called wasi:cli/exit (failure)"],
  ])('answers 500 for %s without exiting the host', async (rest, message) => {
    const response = await fetch(probeUrl(rest));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe(`${message}\n`);
    expect((await fetch(probeUrl('/still-up'))).status).toBe(200);
  });

  it('sends the response as soon as the guest finishes the body, while the guest keeps running', async () => {
    // The guest blocks this thread after responding, so the client runs in a worker thread.
    const receivedAt = await fetchInWorker(probeUrl('/slow-tail'));
    const tail = stdout.find((entry) => entry.component === PROBE && entry.line.startsWith('tail finished at '));
    expect(receivedAt.body).toBe('early');
    expect(tail).toBeDefined();
    const finishedAt = Number(tail!.line.slice('tail finished at '.length));
    expect(finishedAt - receivedAt.at).toBeGreaterThan(1000);
  });

  it('rejects a second listen and a port in use, with specific messages', async () => {
    await expect(environment.listen()).rejects.toThrow('environment acme/lab is already listening');
    const port = Number(new URL(base).port);
    const { environment: other } = await loadProbeEnvironment();
    await expect(other.listen(port)).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: listen EADDRINUSE`);
    await other.close();
  });

  it('stops listening on close', async () => {
    const { environment: other } = await loadProbeEnvironment();
    const { url } = await other.listen();
    expect((await fetch(`${url}acme/lab/host-test/probe/`)).status).toBe(200);
    await other.close();
    await expect(fetch(`${url}acme/lab/host-test/probe/`)).rejects.toThrow();
  });
});

describe('Environment HTTP, one long-lived instance per component (benchmarks)', () => {
  let environment: Environment;
  let base: string;

  beforeAll(async () => {
    ({ environment } = await loadProbeEnvironment({ instancePerRequest: false }));
    base = (await environment.listen()).url;
  });
  afterAll(() => environment.close());

  const counter = async (rest: string) => ((await (await fetch(`${base}acme/lab/host-test/probe${rest}`)).json()) as Echo).counter;

  it('keeps module state between requests, and replaces the instance after a trap', async () => {
    expect([await counter('/a'), await counter('/b'), await counter('/c')]).toEqual([1, 2, 3]);
    expect((await fetch(`${base}acme/lab/host-test/probe/trap`)).status).toBe(500);
    expect([await counter('/d'), await counter('/e')]).toEqual([1, 2]);
  });

  it('still gives calls a fresh instance each', () => {
    expect(environment.call(PROBE, 'probe/bump', '[]')).toEqual({ ok: '1' });
    expect(environment.call(LISTENER, 'listener/on-note', JSON.stringify([{ text: 'x', author: 'me', at: { x: 0, y: 0 } }]))).toEqual({
      ok: 'null',
    });
  });
});

function fetchInWorker(url: string): Promise<{ body: string; at: number }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     fetch(workerData).then(async (response) => {
       const body = await response.text();
       parentPort.postMessage({ body, at: Date.now() });
     }, (error) => parentPort.postMessage({ error: String(error) }));`,
    { eval: true, workerData: url },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { body: string; at: number } | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}
