// wasi:cli/run, which asterai calls once per component when the environment starts.
import { instanceFunction } from '../component/loaded-component.ts';
import type { JcoInstance } from '../component/transpiled-component.ts';
import { messageOf } from './error-message.ts';

export interface ComponentRunOutcome {
  component: string;
  status: 'ok' | 'err' | 'trapped';
  message?: string;
}

export const RUN_INTERFACE_PREFIX = 'wasi:cli/run@';

export function runCommand(component: string, runInterface: string, instantiate: () => JcoInstance): ComponentRunOutcome {
  try {
    const run = instanceFunction(instantiate(), runInterface, 'run');
    if (!run) return { component, status: 'trapped', message: `${runInterface} has no run function` };
    run();
    return { component, status: 'ok' };
  } catch (error) {
    // `run: func() -> result`: jco throws the err as an Error with a `payload`; other throws are traps.
    if (typeof error === 'object' && error !== null && Object.hasOwn(error, 'payload')) {
      return { component, status: 'err', message: 'wasi:cli/run returned an error' };
    }
    return { component, status: 'trapped', message: messageOf(error) };
  }
}
