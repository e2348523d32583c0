// Retries inside one call, on a virtual clock: what is retried, how long the
// client waits, and where it stops.
import { describe, expect, it } from 'vitest';
import { GraphTransportError } from '../../../../src/guest/ports/graph-http.ts';
import { failure, fakeGraph, graphError, sendText, sent, testConfig } from './fake-graph.ts';

const send = (graph: ReturnType<typeof fakeGraph>, env: Record<string, string> = {}) =>
  sendText(graph.client(testConfig(env)), '16505551234', 'hi');

describe('GraphClient retries', () => {
  it('retries 500 three times, then succeeds, with growing jittered waits', async () => {
    const graph = fakeGraph((_r, n) => (n <= 3 ? { status: 500, text: 'oops' } : sent(n)));
    expect(await send(graph)).toStrictEqual(['wamid.SENT4']);
    expect(graph.requests).toHaveLength(4);
    // random() is 0.5: half of 250, 500, 1000.
    expect(graph.sleeps).toStrictEqual([125, 250, 500]);
  });

  it('honours Retry-After on a 429', async () => {
    const graph = fakeGraph((_r, n) => (n === 1 ? { status: 429, text: '', headers: { 'retry-after': '2' } } : sent(n)));
    expect(await send(graph)).toStrictEqual(['wamid.SENT2']);
    expect(graph.sleeps).toStrictEqual([2000]);
  });

  it('retries 130429, then succeeds', async () => {
    const graph = fakeGraph((_r, n) => (n === 1 ? graphError(130429) : sent(n)));
    expect(await send(graph)).toStrictEqual(['wamid.SENT2']);
    expect(graph.requests).toHaveLength(2);
  });

  it('stops when the budget is spent, with the last failure, retryable, saying why', async () => {
    const graph = fakeGraph(() => ({ status: 503, text: '', takesMs: 400 }));
    const error = await failure(send(graph, { WHATSAPP_SEND_RETRY_BUDGET_MS: '2000' }));
    expect(error.failure).toMatchObject({ kind: 'server', code: 0, retryable: true, httpStatus: 503 });
    expect(error.message).toMatch(/^the Graph API answered HTTP 503 \(gave up after \d attempts in \d+ ms: the next try would start after \d+ ms and the retry budget \(WHATSAPP_SEND_RETRY_BUDGET_MS\) is 2000 ms\)$/);
    const lastStart = graph.startedAt.at(-1)! - graph.startedAt[0]!;
    expect(lastStart).toBeLessThanOrEqual(2000);
    expect(graph.now() - graph.startedAt[0]!).toBeLessThanOrEqual(2000 + 400);
  });

  it('returns 131056 at once when the budget cannot cover 6 s', async () => {
    const graph = fakeGraph(() => graphError(131056));
    const error = await failure(send(graph));
    expect(graph.requests).toHaveLength(1);
    expect(graph.sleeps).toStrictEqual([]);
    expect(error.failure).toMatchObject({ kind: 'rate-limited', code: 131056, retryable: true });
    expect(error.message).toContain('Meta needs 6 s between messages to the same user');
  });

  it('waits 6 s for 131056 when the budget covers it', async () => {
    const graph = fakeGraph((_r, n) => (n === 1 ? graphError(131056) : sent(n)));
    expect(await send(graph, { WHATSAPP_SEND_RETRY_BUDGET_MS: '7000' })).toStrictEqual(['wamid.SENT2']);
    expect(graph.sleeps).toStrictEqual([6000]);
  });

  it('does not retry with a budget of 0, and the message is Meta\'s alone', async () => {
    const graph = fakeGraph(() => graphError(130429));
    const error = await failure(send(graph, { WHATSAPP_SEND_RETRY_BUDGET_MS: '0' }));
    expect(graph.requests).toHaveLength(1);
    expect(error.message).toBe('(#130429) error');
  });

  it.each([
    ['a timeout', new GraphTransportError({ kind: 'timeout', timeoutMs: 1000 })],
    ['a network failure', new GraphTransportError({ kind: 'network', reason: 'could not reach Graph: refused' })],
  ])('retries %s (so a message that did arrive is sent twice)', async (_what, error) => {
    const graph = fakeGraph((_r, n) => (n === 1 ? { fail: error, takesMs: 1000 } : sent(n)));
    expect(await send(graph)).toStrictEqual(['wamid.SENT2']);
    expect(graph.requests).toHaveLength(2);
  });

  it('does not retry a timeout that used up the budget (the default: a 10 s timeout, a 5 s budget)', async () => {
    const graph = fakeGraph(() => ({ fail: new GraphTransportError({ kind: 'timeout', timeoutMs: 10_000 }), takesMs: 10_000 }));
    const error = await failure(send(graph));
    expect(error.failure).toMatchObject({ kind: 'timeout', retryable: true });
    expect(graph.requests).toHaveLength(1);
  });

  it('never retries what is not retryable', async () => {
    for (const code of [190, 131047, 100, 131026, 132001, 131053]) {
      const graph = fakeGraph(() => graphError(code));
      await failure(send(graph));
      expect(graph.requests).toHaveLength(1);
    }
  });

  it('shares one budget across the parts of a long text', async () => {
    // Every request fails once with 500 then succeeds; each retry waits 125 ms.
    const graph = fakeGraph((_r, n) => (n % 2 === 1 ? { status: 500, text: '' } : sent(n)));
    const ids = await sendText(graph.client(testConfig({ WHATSAPP_SEND_RETRY_BUDGET_MS: '300' })), '1', 'x'.repeat(4096 * 3)).catch((e: Error) => e);
    // Two parts fit (125 + 125 ms); the third part's retry would end at 375 ms.
    expect(graph.sleeps).toStrictEqual([125, 125]);
    expect((ids as Error).message).toContain('part 3 of 3 failed after 2 sent');
  });

  it('tells the runtime about each retry', async () => {
    const notices: unknown[] = [];
    const graph = fakeGraph((_r, n) => (n === 1 ? graphError(4) : sent(n)));
    await sendText(graph.client(testConfig(), { onRetry: (notice) => notices.push(notice) }), '1', 'hi');
    expect(notices).toMatchObject([{ attempts: 1, waitMs: 125, failure: { kind: 'rate-limited', code: 4 } }]);
  });
});
