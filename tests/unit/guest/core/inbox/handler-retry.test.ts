import { describe, expect, it } from 'vitest';
import { afterFailure, describeDuration, nextStep, type CallErrorKind } from '../../../../../src/guest/core/inbox/handler-retry.ts';

const T0 = 1_000_000;
const failures = (...at: number[]) => at.map((t) => ({ at: T0 + t, error: 'invocation-failed: trap' }));

describe('the retry schedule', () => {
  it('spreads the default 6 attempts over the hour: 14 s, 56 s, 3.75 min, 15 min and 60 min after the first failure', () => {
    const policy = { maxAttempts: 6, windowMs: 3_600_000 };
    const due: number[] = [];
    const made = failures(0);
    for (let n = 1; n <= 5; n++) {
      const decision = afterFailure(policy, made, 'invocation-failed');
      if (!('retryAt' in decision)) throw new Error(`no retry ${n}`);
      due.push(decision.retryAt - T0);
      made.push({ at: decision.retryAt, error: 'invocation-failed: trap' });
    }
    expect(due).toEqual([14_063, 56_250, 225_000, 900_000, 3_600_000]);
    expect(afterFailure(policy, made, 'invocation-failed')).toEqual({ deadLetter: 'failed 6 attempts in 1 h' });
  });

  it('fits any attempts and window: the last retry at the end of the window, each wait 4 times the one before', () => {
    expect(afterFailure({ maxAttempts: 3, windowMs: 2000 }, failures(0), 'invocation-failed')).toEqual({ retryAt: T0 + 500 });
    expect(afterFailure({ maxAttempts: 3, windowMs: 2000 }, failures(0, 500), 'serialization-failed')).toEqual({ retryAt: T0 + 2000 });
    expect(afterFailure({ maxAttempts: 2, windowMs: 0 }, failures(0), 'invocation-failed')).toEqual({ retryAt: T0 });
    expect(afterFailure({ maxAttempts: 1, windowMs: 60_000 }, failures(0), 'invocation-failed')).toEqual({ deadLetter: 'failed, and WHATSAPP_HANDLER_MAX_ATTEMPTS is 1' });
  });

  it.each<[CallErrorKind, string]>([
    ['component-not-found', 'the handler is not in the environment: not retried'],
    ['function-not-found', 'the handler does not export the function: not retried'],
    ['invalid-args', 'the handler cannot take the arguments (invalid-args): not retried'],
  ])('goes to the dead letters at once on %s', (kind, reason) => {
    expect(afterFailure({ maxAttempts: 6, windowMs: 3_600_000 }, failures(0), kind)).toEqual({ deadLetter: reason });
  });

  it('says what to do with a delivery from its failures so far', () => {
    const policy = { maxAttempts: 3, windowMs: 2000 };
    expect(nextStep(policy, [], () => T0)).toEqual({ attempt: true });
    expect(nextStep(policy, failures(0), () => T0 + 499)).toEqual({ attempt: false, dueAt: T0 + 500 });
    expect(nextStep(policy, failures(0), () => T0 + 500)).toEqual({ attempt: true });
    expect(nextStep(policy, failures(0, 500), () => T0 + 1999)).toEqual({ attempt: false, dueAt: T0 + 2000 });
    // A crash after the last failure was marked and before its dead letter was written.
    expect(nextStep(policy, failures(0, 500, 2000), () => T0 + 2000)).toEqual({ deadLetter: 'failed 3 attempts in 2 s' });
  });
});

describe('describeDuration', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [14_063, '14 s'],
    [225_000, '3.8 min'],
    [5_400_000, '1.5 h'],
  ])('%i ms → %s', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
