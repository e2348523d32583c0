// When a handler that failed to take an event gets it again, and when it stops getting it.
// Pure: the dispatcher reads the clock and the failures so far; this only decides.
//
// - A delivery is attempted at most WHATSAPP_HANDLER_MAX_ATTEMPTS times (A), the first one
//   included, and its retries are spread over WHATSAPP_HANDLER_RETRY_WINDOW_MS (W) from the
//   first failure: retry n (1 ≤ n ≤ A−1) is due W / 4^(A−1−n) after it, so each wait is four
//   times the one before and the last retry comes at the end of the window. With the defaults
//   (6 attempts, 1 hour): 14 s, 56 s, 3.75 min, 15 min and 60 min after the first failure. Early
//   retries catch a handler's blip (a trap, a timeout), late ones outlast an outage of its LLM
//   provider. A window of 0 makes every retry due at once: one per replay. No jitter: a retry happens at the first replay after it is due (the replay
//   schedule, the next webhook, a restart), which already spreads them.
// - A call error that a retry cannot cure goes to the dead letters at once: the handler is not
//   in the environment (component-not-found), does not export the function (function-not-found)
//   or cannot take the arguments (invalid-args). asterai's environment does not change while it
//   runs, so only a restart with another environment could cure them: re-dispatch then.
import type { Failure } from './journal.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included; at least 1. */
  maxAttempts: number;
  windowMs: number;
}

/** asterai's call-error kinds (asterai:host/api call-error-kind). */
export type CallErrorKind = 'component-not-found' | 'function-not-found' | 'invalid-args' | 'invocation-failed' | 'serialization-failed';

/** Why each kind no retry can cure goes to the dead letters at once; the others are retried. */
const PERMANENT: Partial<Record<CallErrorKind, string>> = {
  'component-not-found': 'the handler is not in the environment: not retried',
  'function-not-found': 'the handler does not export the function: not retried',
  'invalid-args': 'the handler cannot take the arguments (invalid-args): not retried',
};

export type NextStep = { attempt: true } | { attempt: false; dueAt: number } | { deadLetter: string };

/** What to do now with a delivery that failed `failures` times (in order); `now` is read only when a retry's time matters. */
export function nextStep(policy: RetryPolicy, failures: readonly Failure[], now: () => number): NextStep {
  if (failures.length === 0) return { attempt: true };
  if (failures.length >= policy.maxAttempts) return { deadLetter: gaveUp(failures) };
  const dueAt = retryDueAt(policy, failures, failures.length);
  return dueAt <= now() ? { attempt: true } : { attempt: false, dueAt };
}

export type AfterFailure = { retryAt: number } | { deadLetter: string };

/** After a failed attempt: `failures` includes it, `kind` is its call-error kind. */
export function afterFailure(policy: RetryPolicy, failures: readonly Failure[], kind: CallErrorKind): AfterFailure {
  const permanent = PERMANENT[kind];
  if (permanent) return { deadLetter: permanent };
  if (failures.length >= policy.maxAttempts) return { deadLetter: gaveUp(failures) };
  return { retryAt: retryDueAt(policy, failures, failures.length) };
}

/** When retry `n` is due: W / 4^(A−1−n) after the first failure. */
function retryDueAt(policy: RetryPolicy, failures: readonly Failure[], n: number): number {
  const first = failures[0]?.at ?? 0;
  return first + Math.round(policy.windowMs / 4 ** (policy.maxAttempts - 1 - n));
}

function gaveUp(failures: readonly Failure[]): string {
  const first = failures[0]?.at ?? 0;
  const last = failures.at(-1)?.at ?? first;
  const attempts = `${failures.length} attempt${failures.length === 1 ? '' : 's'}`;
  return failures.length === 1 ? 'failed, and WHATSAPP_HANDLER_MAX_ATTEMPTS is 1' : `failed ${attempts} in ${describeDuration(last - first)}`;
}

/** `900 ms`, `14 s`, `3.8 min`, `1.5 h`. */
export function describeDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${round1(ms / 60_000)} min`;
  return `${round1(ms / 3_600_000)} h`;
}

function round1(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
