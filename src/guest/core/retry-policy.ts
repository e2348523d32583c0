// When to try a failed Graph call again, and after how long. Pure: the client
// measures time, sleeps and draws the random numbers; this only decides.
//
// - Only failures classified retryable are retried (rate limits, Meta's server
//   errors, timeouts and network failures: see graph-error.ts and failure.ts).
// - Exponential backoff with full jitter: before retry n, wait a uniformly
//   random time in [0, min(cap, base * 2^(n-1))) (AWS Architecture Blog,
//   "Exponential Backoff And Jitter"), but never less than Retry-After says.
// - Everything happens within the call's budget (WHATSAPP_SEND_RETRY_BUDGET_MS):
//   a retry whose wait would end past the budget is not started. 0 disables.
// - 131056, the pair rate limit: Meta wants at least 6 s between messages to
//   the same user, so that wait needs 6 s of budget, or the call gives up at once.
import type { SendFailure } from './failure.ts';
import { PAIR_RATE_LIMIT_CODE, PAIR_RATE_LIMIT_DELAY_MS } from './graph-error.ts';

export const RETRY_BACKOFF = { baseMs: 250, capMs: 4000, maxAttempts: 8 } as const;

export interface RetryQuestion {
  /** How many attempts were made so far (1 after the first failure). */
  attempts: number;
  failure: SendFailure;
  /** Retry-After of the failed answer, in ms, when it had one. */
  retryAfterMs?: number;
  /** Time since the call started, the failed attempt included. */
  elapsedMs: number;
  budgetMs: number;
  /** A number in [0, 1). */
  random: () => number;
}

export type RetryDecision =
  | { retry: true; waitMs: number }
  /** `why` is set when the failure was retryable and the budget stopped it: it belongs in the error message. */
  | { retry: false; why?: string };

export function decideRetry(q: RetryQuestion): RetryDecision {
  if (!q.failure.retryable || q.budgetMs <= 0) return { retry: false };
  const spent = `${q.attempts} attempt${q.attempts === 1 ? '' : 's'} in ${Math.round(q.elapsedMs)} ms`;
  const budget = `the retry budget (WHATSAPP_SEND_RETRY_BUDGET_MS) is ${q.budgetMs} ms`;

  if (q.failure.code === PAIR_RATE_LIMIT_CODE) {
    const waitMs = Math.max(PAIR_RATE_LIMIT_DELAY_MS, q.retryAfterMs ?? 0);
    if (q.elapsedMs + waitMs > q.budgetMs) {
      return {
        retry: false,
        why: `Meta needs ${PAIR_RATE_LIMIT_DELAY_MS / 1000} s between messages to the same user and ${budget}: send again in ${Math.ceil(waitMs / 1000)} s (after ${spent})`,
      };
    }
    return { retry: true, waitMs };
  }

  if (q.attempts >= RETRY_BACKOFF.maxAttempts) return { retry: false, why: `gave up after ${spent}` };
  const ceiling = Math.min(RETRY_BACKOFF.capMs, RETRY_BACKOFF.baseMs * 2 ** (q.attempts - 1));
  const jittered = Math.floor(clampUnit(q.random()) * ceiling);
  const waitMs = Math.max(jittered, q.retryAfterMs ?? 0);
  if (q.elapsedMs + waitMs > q.budgetMs) {
    const after = q.retryAfterMs === undefined ? '' : ` (Retry-After asked for ${q.retryAfterMs} ms)`;
    return { retry: false, why: `gave up after ${spent}: the next try would start after ${waitMs} ms${after} and ${budget}` };
  }
  return { retry: true, waitMs };
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1 - Number.EPSILON) : 0;
}
