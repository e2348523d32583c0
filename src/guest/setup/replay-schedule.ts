// At start, with WHATSAPP_STATE_DIR: asterai is asked to call this component's inbox/replay at
// the times WHATSAPP_REPLAY_SCHEDULE names, so that retries and the deliveries of a stopped
// instance do not wait for the next webhook. asterai keeps schedules as long as its process and
// lists a component only its own; the list is read before anything is made, so that starting
// again where the schedule survived (another host, a second wasi:cli/run) leaves exactly one.
import { describeError } from '../core/failure.ts';
import type { Log } from '../ports/log.ts';
import type { Schedule, Scheduler } from '../ports/scheduler.ts';

export const REPLAY_FUNCTION = 'inbox/replay';

export interface SchedulePlan {
  keep?: Schedule;
  cancel: Schedule[];
  create: boolean;
}

/** One replay schedule of `self` with the expression `cron`: the first that exists is kept, other replay schedules of `self` go. */
export function planReplaySchedule(existing: readonly Schedule[], self: string, cron: string): SchedulePlan {
  const replays = existing.filter((s) => s.component === self && s.functionName === REPLAY_FUNCTION);
  const keep = replays.find((s) => s.cron === cron);
  return { keep, cancel: replays.filter((s) => s !== keep), create: keep === undefined };
}

export function ensureReplaySchedule(scheduler: Scheduler, self: string | undefined, cron: string, log: Log): void {
  const without = 'events not yet delivered are replayed, and failed handlers retried, when the next webhook arrives or the environment starts again';
  try {
    if (!self) throw new Error('the component cannot find its own name in the environment');
    const plan = planReplaySchedule(scheduler.list(), self, cron);
    for (const schedule of plan.cancel) scheduler.cancel(schedule.id);
    const id = plan.keep?.id ?? scheduler.create(cron, self, REPLAY_FUNCTION, '[]');
    log.info(`inbox: replay schedule ${id} calls ${REPLAY_FUNCTION} at "${cron}" (WHATSAPP_REPLAY_SCHEDULE)${plan.keep ? ', as it already did' : ''}`);
  } catch (e) {
    log.warn(`inbox: no replay schedule (${describeError(e)}): ${without}`);
  }
}
