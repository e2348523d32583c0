import { describe, expect, it } from 'vitest';
import type { SendFailure } from '../../../../src/guest/core/failure.ts';
import { RETRY_BACKOFF, decideRetry, type RetryQuestion } from '../../../../src/guest/core/retry-policy.ts';

const failure = (overrides: Partial<SendFailure> = {}): SendFailure => ({
  kind: 'server',
  code: 131000,
  message: '(#131000) Something went wrong',
  retryable: true,
  httpStatus: 500,
  traceId: 'Atrace',
  ...overrides,
});

const ask = (q: Partial<RetryQuestion>) =>
  decideRetry({ attempts: 1, failure: failure(), elapsedMs: 100, budgetMs: 5000, random: () => 0.5, ...q });

describe('decideRetry: what is retried', () => {
  it.each([
    ['rate-limited', 130429],
    ['rate-limited', 4],
    ['rate-limited', 80007],
    ['server', 1],
    ['server', 131016],
    ['server', 0],
    ['timeout', 0],
    ['network', 0],
  ] as const)('retries a retryable %s failure (code %i)', (kind, code) => {
    expect(ask({ failure: failure({ kind, code }) }).retry).toBe(true);
  });

  it.each([
    ['auth', 190],
    ['window-closed', 131047],
    ['invalid-request', 100],
    ['recipient', 131026],
    ['template', 132001],
    ['media', 131053],
    ['unknown', 0],
  ] as const)('never retries %s (code %i), and leaves its message alone', (kind, code) => {
    expect(ask({ failure: failure({ kind, code, retryable: false }) })).toStrictEqual({ retry: false });
  });

  it('never retries with a budget of 0, and leaves the message alone', () => {
    expect(ask({ budgetMs: 0 })).toStrictEqual({ retry: false });
  });
});

describe('decideRetry: exponential backoff with full jitter', () => {
  it.each([
    [1, 0.999, 249],
    [2, 0.999, 499],
    [3, 0.999, 999],
    [4, 0.999, 1998],
    [5, 0.999, 3996],
    [6, 0.999, 3996],
    [7, 0.999, 3996],
  ])('attempt %i with random %f waits %i ms', (attempts, random, waitMs) => {
    expect(ask({ attempts, random: () => random, budgetMs: 60_000 })).toStrictEqual({ retry: true, waitMs });
  });

  it.each([0, 0.25, 0.5, 0.75])('draws uniformly: random %f on the first retry', (random) => {
    expect(ask({ random: () => random })).toStrictEqual({ retry: true, waitMs: Math.floor(random * RETRY_BACKOFF.baseMs) });
  });

  it('treats a random source out of [0, 1) as its nearest edge', () => {
    expect(ask({ random: () => 7 })).toStrictEqual({ retry: true, waitMs: 249 });
    expect(ask({ random: () => -1 })).toStrictEqual({ retry: true, waitMs: 0 });
    expect(ask({ random: () => Number.NaN })).toStrictEqual({ retry: true, waitMs: 0 });
  });

  it('stops after the attempt cap even with budget left', () => {
    const decision = ask({ attempts: RETRY_BACKOFF.maxAttempts, budgetMs: 1_000_000 });
    expect(decision).toStrictEqual({ retry: false, why: `gave up after ${RETRY_BACKOFF.maxAttempts} attempts in 100 ms` });
  });
});

describe('decideRetry: Retry-After', () => {
  it('waits at least what Retry-After asks', () => {
    expect(ask({ retryAfterMs: 1000, random: () => 0.9 })).toStrictEqual({ retry: true, waitMs: 1000 });
  });

  it('keeps the jittered wait when it is longer', () => {
    expect(ask({ attempts: 5, retryAfterMs: 10, random: () => 0.5, budgetMs: 60_000 })).toStrictEqual({ retry: true, waitMs: 2000 });
  });

  it('gives up when Retry-After reaches past the budget, saying so', () => {
    const decision = ask({ retryAfterMs: 5000, elapsedMs: 300, failure: failure({ kind: 'rate-limited', code: 0, httpStatus: 429 }) });
    expect(decision).toStrictEqual({
      retry: false,
      why: 'gave up after 1 attempt in 300 ms: the next try would start after 5000 ms (Retry-After asked for 5000 ms) and the retry budget (WHATSAPP_SEND_RETRY_BUDGET_MS) is 5000 ms',
    });
  });
});

describe('decideRetry: the budget', () => {
  it('retries when the wait ends exactly at the budget', () => {
    expect(ask({ elapsedMs: 4875, random: () => 0.5 })).toStrictEqual({ retry: true, waitMs: 125 });
  });

  it('gives up when the wait would end 1 ms past the budget', () => {
    const decision = ask({ elapsedMs: 4876, random: () => 0.5, attempts: 1 });
    expect(decision.retry).toBe(false);
    expect(decision).toMatchObject({ why: expect.stringContaining('gave up after 1 attempt in 4876 ms: the next try would start after 125 ms') });
  });

  it('gives up once the budget is spent', () => {
    expect(ask({ attempts: 3, elapsedMs: 5000, random: () => 0 }).retry).toBe(true);
    expect(ask({ attempts: 3, elapsedMs: 5001, random: () => 0 })).toMatchObject({ retry: false, why: expect.stringContaining('3 attempts in 5001 ms') });
  });
});

describe('decideRetry: 131056, the pair rate limit', () => {
  const pair = failure({ kind: 'rate-limited', code: 131056, httpStatus: 400 });

  it('gives up at once with the default budget: 6 s do not fit in 5 s', () => {
    const decision = ask({ failure: pair, elapsedMs: 40 });
    expect(decision).toStrictEqual({
      retry: false,
      why: 'Meta needs 6 s between messages to the same user and the retry budget (WHATSAPP_SEND_RETRY_BUDGET_MS) is 5000 ms: send again in 6 s (after 1 attempt in 40 ms)',
    });
  });

  it('waits 6 s when the budget covers it', () => {
    expect(ask({ failure: pair, elapsedMs: 40, budgetMs: 6040 })).toStrictEqual({ retry: true, waitMs: 6000 });
    expect(ask({ failure: pair, elapsedMs: 41, budgetMs: 6040 }).retry).toBe(false);
  });

  it('waits longer when Retry-After asks for longer', () => {
    expect(ask({ failure: pair, retryAfterMs: 9000, budgetMs: 20_000 })).toStrictEqual({ retry: true, waitMs: 9000 });
  });

  it('ignores the jitter: the 6 s are a minimum', () => {
    expect(ask({ failure: pair, random: () => 0, budgetMs: 20_000 })).toStrictEqual({ retry: true, waitMs: 6000 });
  });
});
