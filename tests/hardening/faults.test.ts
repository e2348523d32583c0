// Faults around the BUILT component: handlers that trap, are slow or are missing; a Graph API
// that answers 429, 500, garbage or nothing. The webhook must still answer 200 to valid posts
// and the other handlers still receive; sends must return typed errors within their budget;
// and the same component instance must keep serving: one long-lived instance serves every
// request and every call here (a trap would make the host replace it, and say so).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoadClient, webhookPost, type LoadClient } from '../../scripts/bench/lib/load.ts';
import { messagesPayload } from '../../scripts/bench/lib/payloads.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import type { FaultSpec } from '../../src/emulator/types.ts';
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import { SECRETS, TestEnvironment } from '../support/harness.ts';

const TRAPS = 'test:traps';
const SLOW = 'test:slow';
const MISSING = 'test:missing';
const OK = 'test:ok';
const SLOW_MS = 1200;

function signedPost(tag: string) {
  const { body, ids } = messagesPayload(1, tag);
  return { body, id: ids[0] as string, signature: metaSignature(body, SECRETS.appSecret) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('handler faults', () => {
  let t: TestEnvironment;
  let client: LoadClient;

  beforeAll(async () => {
    t = await TestEnvironment.start({
      recorders: [TRAPS, SLOW, OK],
      env: {
        WHATSAPP_INCOMING_HANDLER_COMPONENTS: [TRAPS, MISSING, SLOW, OK].join(','),
        RECORDER_FAIL: TRAPS,
        RECORDER_SLOW: SLOW,
        RECORDER_SLOW_MS: String(SLOW_MS),
      },
      instancePerRequest: false,
    });
    client = await startLoadClient();
  });
  afterAll(async () => {
    await client?.stop();
    await t?.stop();
  });

  it('a trapping, a missing and a slow handler: every post answered 200 at once, the others receive every message, in order, and the instance keeps serving', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const post = signedPost(`handler-faults-${i}`);
      ids.push(post.id);
      // From another process: the host's thread is busy while the slow handler sleeps.
      const result = await client.run({ origin: t.origin, requests: [webhookPost(t.webhookPath, post.body, post.signature)], count: 1, concurrency: 1 });
      expect(result.statuses).toEqual([200]);
      expect(result.latenciesMs[0]).toBeLessThan(SLOW_MS);
      await until(`${OK} to receive ${post.id}`, async () => ((await t.recordedCalls()).some((c) => c.component === OK && c.arg.id === post.id) ? true : undefined));
    }
    const calls = (await t.recordedCalls()).map((c) => [c.component, c.arg.id]);
    // The trapping handler records before it traps; the missing one never receives.
    expect(calls).toEqual(ids.flatMap((id) => [[TRAPS, id], [SLOW, id], [OK, id]]));
    const log = t.logOf();
    for (const id of ids) {
      expect(log).toContain(`message ${id} (text) NOT delivered to ${TRAPS}: invocation-failed: wasm trap`);
      expect(log).toContain(`message ${id} (text) NOT delivered to ${MISSING}: component-not-found`);
    }
    expect(t.hostReports()).toEqual([]);
  });
});

describe('Graph API faults', () => {
  const TIMEOUT_MS = 800;
  const BUDGET_MS = 1500;
  const USER = '15550109999';
  let graph: RunningEmulator;
  let t: TestEnvironment;

  beforeAll(async () => {
    graph = await startEmulator({ accessToken: SECRETS.accessToken, phoneNumberId: SECRETS.phoneNumberId, statusDelayMs: -1 });
    t = await TestEnvironment.start({
      recorders: [OK],
      env: {
        WHATSAPP_API_BASE_URL: graph.url,
        WHATSAPP_API_TIMEOUT_MS: String(TIMEOUT_MS),
        WHATSAPP_SEND_RETRY_BUDGET_MS: String(BUDGET_MS),
      },
      instancePerRequest: false,
      instancePerCall: false,
    });
  });
  afterAll(async () => {
    await t?.stop();
    await graph?.stop();
  });

  function sendText(body: string): { value: unknown; ms: number } {
    const started = performance.now();
    const value = t.result('whatsapp/send-text', [USER, body, false, null]);
    return { value, ms: performance.now() - started };
  }

  // A fault on every request to /messages, until cleared.
  const cases: [string, Omit<FaultSpec, 'match' | 'times'>, { kind: string; retryable: boolean; 'http-status': number }][] = [
    ['429 (rate limited)', { graphError: { code: 4, status: 429 } }, { kind: 'rate-limited', retryable: true, 'http-status': 429 }],
    ['500', { status: 500, body: 'Internal Server Error' }, { kind: 'server', retryable: true, 'http-status': 500 }],
    ['garbage (200, not JSON)', { garbage: true }, { kind: 'unknown', retryable: false, 'http-status': 200 }],
    ['nothing (connection closed)', { drop: true }, { kind: 'network', retryable: true, 'http-status': 0 }],
    ['nothing (no answer)', { hang: true }, { kind: 'timeout', retryable: true, 'http-status': 0 }],
  ];

  it.each(cases)('Graph answering %s: a typed error within the budget, the webhook still 200, the same instance sends again once it recovers', async (_name, fault, expected) => {
    await graph.clearFaults();
    await graph.addFaults({ match: { pathPattern: '/messages$' }, times: 'always', ...fault });

    const failed = sendText('during the fault');
    expect(failed.value).toEqual({ error: expect.objectContaining(expected) });
    // The budget bounds when a retry may start; an attempt already started may run to its timeout.
    expect(failed.ms).toBeLessThan(BUDGET_MS + TIMEOUT_MS + 500);
    const legacy = t.call('api/send-message', ['during the fault', USER]);
    expect(legacy).toEqual({ ok: expect.stringMatching(/^"error: /) });

    const post = signedPost(`graph-fault-${expected.kind}`);
    const res = await t.send('POST', t.webhookPath, { 'x-hub-signature-256': post.signature }, post.body);
    expect(res.status).toBe(200);
    expect((await t.recordedCalls()).some((c) => c.component === OK && c.arg.id === post.id)).toBe(true);

    await graph.clearFaults();
    expect(sendText('after the fault').value).toEqual([expect.stringMatching(/^wamid\./)]);
    expect(t.hostReports()).toEqual([]);
  });
});
