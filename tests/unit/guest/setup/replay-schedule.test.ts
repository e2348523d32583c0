import { describe, expect, it } from 'vitest';
import type { Schedule, Scheduler } from '../../../../src/guest/ports/scheduler.ts';
import { ensureReplaySchedule, planReplaySchedule } from '../../../../src/guest/setup/replay-schedule.ts';
import { log } from '../support/events.ts';

const SELF = 'asterai:whatsapp';
const schedule = (id: number, cron: string, functionName = 'inbox/replay', component = SELF): Schedule => ({ id: BigInt(id), cron, component, functionName });

describe('planReplaySchedule', () => {
  it('makes one when there is none', () => {
    expect(planReplaySchedule([schedule(1, '* * * * *', 'other/tick')], SELF, '*/15 * * * * *')).toEqual({ keep: undefined, cancel: [], create: true });
  });

  it('keeps the one with the expression and cancels the other replay schedules', () => {
    const plan = planReplaySchedule([schedule(1, '* * * * *'), schedule(2, '*/15 * * * * *'), schedule(3, '*/15 * * * * *')], SELF, '*/15 * * * * *');
    expect(plan).toEqual({ keep: schedule(2, '*/15 * * * * *'), cancel: [schedule(1, '* * * * *'), schedule(3, '*/15 * * * * *')], create: false });
  });
});

describe('ensureReplaySchedule', () => {
  function scheduler(existing: Schedule[] = [], fail?: string): Scheduler & { made: string[]; cancelled: bigint[] } {
    const made: string[] = [];
    const cancelled: bigint[] = [];
    return {
      made,
      cancelled,
      list: () => existing,
      create: (cron, component, fn, args) => {
        if (fail) throw new Error(fail);
        made.push(`${cron} ${component} ${fn} ${args}`);
        return 7n;
      },
      cancel: (id) => void cancelled.push(id),
    };
  }

  it('lists before it creates, so that starting again leaves one schedule', () => {
    const lines = log();
    const first = scheduler();
    ensureReplaySchedule(first, SELF, '*/15 * * * * *', lines);
    expect(first.made).toEqual(['*/15 * * * * * asterai:whatsapp inbox/replay []']);
    const again = scheduler([schedule(7, '*/15 * * * * *')]);
    ensureReplaySchedule(again, SELF, '*/15 * * * * *', lines);
    expect(again.made).toEqual([]);
    expect(lines.lines).toEqual([
      'info inbox: replay schedule 7 calls inbox/replay at "*/15 * * * * *" (WHATSAPP_REPLAY_SCHEDULE)',
      'info inbox: replay schedule 7 calls inbox/replay at "*/15 * * * * *" (WHATSAPP_REPLAY_SCHEDULE), as it already did',
    ]);
  });

  it('says what happens without a schedule when the host refuses one', () => {
    const lines = log();
    ensureReplaySchedule(scheduler([], 'invalid cron expression: bad'), SELF, '61 * * * *', lines);
    expect(lines.lines).toEqual([
      'warn inbox: no replay schedule (invalid cron expression: bad): events not yet delivered are replayed, and failed handlers retried, when the next webhook arrives or the environment starts again',
    ]);
  });
});
