import { afterEach, describe, expect, it } from 'vitest';
import { CronScheduler, normalizeCronExpression, type CronContext } from '../../../../src/host/host-cron/cron-scheduler.ts';
import type { CallOutcome } from '../../../../src/host/runtime/function-call.ts';

interface Recorded {
  calls: string[];
  reports: string[];
}

function scheduler(answer: (component: string) => CallOutcome = () => ({ ok: 'null' })): { cron: CronScheduler } & Recorded {
  const recorded: Recorded = { calls: [], reports: [] };
  const context: CronContext = {
    check: (component, fn) => (component === 'acme:gone' ? `component '${component}' not found` : fn === 'x/none' ? `function '${fn}' not found on '${component}'` : undefined),
    call: (component, fn, args) => {
      recorded.calls.push(`${component} ${fn} ${args}`);
      return answer(component);
    },
    report: (owner, message) => recorded.reports.push(`${owner}: ${message}`),
  };
  const cron = new CronScheduler(context);
  running.push(cron);
  return { cron, ...recorded };
}

const running: CronScheduler[] = [];
afterEach(() => {
  for (const cron of running.splice(0)) cron.cancelAll();
});

const waitFor = async (condition: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('normalizeCronExpression (asterai normalize_cron_expr)', () => {
  it.each([
    ['*/5 * * * *', '0 */5 * * * * *'],
    ['*/15 * * * * *', '*/15 * * * * * *'],
    ['0 0 12 * * Mon 2030', '0 0 12 * * Mon 2030'],
    ['  1   2 3 4 5  ', '0 1 2 3 4 5 *'],
  ])('%s → %s', (expression, normalized) => {
    expect(normalizeCronExpression(expression)).toEqual({ ok: normalized });
  });

  it.each([['* * * *', 4], ['', 0], ['* * * * * * * *', 8]])('refuses %j (%i fields)', (expression, n) => {
    expect(normalizeCronExpression(expression)).toEqual({ err: `expected 5, 6, or 7 cron fields, got ${n}` });
  });
});

describe('CronScheduler', () => {
  it('numbers schedules from 1 and lists each owner its own only', () => {
    const { cron } = scheduler();
    expect(cron.create('acme:a', '0 0 * * *', 'acme:b', 'x/tick', '[]')).toEqual({ ok: 1 });
    expect(cron.create('acme:b', '*/15 * * * * *', 'acme:b', 'x/tick', '[1]')).toEqual({ ok: 2 });
    expect(cron.list('acme:a')).toEqual([{ id: 1, cron: '0 0 * * *', componentName: 'acme:b', functionName: 'x/tick', argsJson: '[]', owner: 'acme:a' }]);
    expect(cron.list('acme:b').map((s) => s.id)).toEqual([2]);
    expect(cron.all().map((s) => s.id)).toEqual([1, 2]);
  });

  it("cancels only the caller's schedules: another's id is not found, as asterai answers", () => {
    const { cron } = scheduler();
    cron.create('acme:a', '0 0 * * *', 'acme:b', 'x/tick', '[]');
    expect(cron.cancel('acme:b', 1)).toEqual({ err: 'schedule 1 not found' });
    expect(cron.cancel('acme:a', 1)).toEqual({ ok: null });
    expect(cron.cancel('acme:a', 1)).toEqual({ err: 'schedule 1 not found' });
    expect(cron.list('acme:a')).toEqual([]);
  });

  it('refuses a bad expression, then a call that cannot be made, without using an id', () => {
    const { cron } = scheduler();
    expect(cron.create('acme:a', 'every minute', 'acme:b', 'x/tick', '[]')).toEqual({ err: 'expected 5, 6, or 7 cron fields, got 2' });
    expect(cron.create('acme:a', '61 * * * *', 'acme:b', 'x/tick', '[]')).toMatchObject({ err: expect.stringMatching(/^invalid cron expression: /) });
    expect(cron.create('acme:a', '* * * * *', 'acme:gone', 'x/tick', '[]')).toEqual({ err: "component 'acme:gone' not found" });
    expect(cron.create('acme:a', '* * * * *', 'acme:b', 'x/none', '[]')).toEqual({ err: "function 'x/none' not found on 'acme:b'" });
    expect(cron.create('acme:a', '* * * * *', 'acme:b', 'x/tick', '[]')).toEqual({ ok: 1 });
  });

  it('reads the day of week as the cron crate does: 1 (Sunday) to 7 (Saturday), so 0 is refused', () => {
    const { cron } = scheduler();
    expect(cron.create('acme:a', '0 0 12 * * 0', 'acme:b', 'x/tick', '[]')).toMatchObject({ err: expect.stringMatching(/^invalid cron expression: /) });
    expect(cron.create('acme:a', '0 0 12 * * 7', 'acme:b', 'x/tick', '[]')).toEqual({ ok: 1 });
  });

  it('calls the function at every matching second, and reports a call that fails', async () => {
    const { cron, calls, reports } = scheduler((component) => (component === 'acme:b' ? { ok: 'null' } : { err: { kind: 'invocation-failed', message: 'trapped' } }));
    cron.create('acme:a', '* * * * * *', 'acme:b', 'x/tick', '["hi"]');
    cron.create('acme:a', '* * * * * *', 'acme:c', 'x/tick', '[]');
    await waitFor(() => calls.filter((c) => c.startsWith('acme:b')).length >= 2 && reports.length >= 1, 4000);
    expect(calls.filter((c) => c.startsWith('acme:b'))[0]).toBe('acme:b x/tick ["hi"]');
    expect(calls.filter((c) => c.startsWith('acme:b')).length).toBeGreaterThanOrEqual(2);
    expect(reports[0]).toBe('acme:a: cron schedule 2 call failed: trapped');
  });

  it('calls nothing more once cancelled', async () => {
    const { cron, calls } = scheduler();
    cron.create('acme:a', '* * * * * *', 'acme:b', 'x/tick', '[]');
    await waitFor(() => calls.length >= 1, 3000);
    cron.cancelAll();
    const made = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(calls.length).toBe(made);
    expect(cron.all()).toEqual([]);
  });
});
