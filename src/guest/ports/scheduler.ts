// asterai:host-cron/scheduler: schedules that call a function of a component at the times a
// cron expression names. asterai keeps them while the environment runs, and lists and cancels
// for a component only the schedules it made (runtime/src/runtime/cron.rs).
import { cancelSchedule, createSchedule, listSchedules } from 'asterai:host-cron/scheduler@0.1.0';
import { describeError, errorPayload } from '../core/failure.ts';

export interface Schedule {
  id: bigint;
  cron: string;
  component: string;
  functionName: string;
}

export interface Scheduler {
  list(): Schedule[];
  /** The new schedule's id; throws with the host's reason when it cannot be made. */
  create(cron: string, component: string, functionName: string, argsJson: string): bigint;
  cancel(id: bigint): void;
}

export const hostScheduler: Scheduler = {
  list: () => listSchedules().map((s) => ({ id: s.id, cron: s.cron, component: s.componentName, functionName: s.functionName })),
  create: (cron, component, functionName, argsJson) => hostCall(() => createSchedule(cron, component, functionName, argsJson)),
  cancel: (id) => hostCall(() => cancelSchedule(id)),
};

/** A host `result<_, string>` error arrives as a thrown Error whose `payload` is the string. */
function hostCall<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    const payload = errorPayload(e);
    throw new Error(typeof payload === 'string' ? payload : describeError(e));
  }
}
