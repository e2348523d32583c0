// The components' log lines in the sandbox log: the same columns as the emulator's
// conversation lines (time, source, text), so that the two read as one timeline, with wamids
// shortened the way the example agent prints them.
import { logLine, shortWamids } from '../emulator/conversation/event-log.ts';

/**
 * asterai:whatsapp logs each status it hands to a handler; the handler (the example agent)
 * logs the same status itself, so in the sandbox one line per status is enough.
 */
const ROUTINE_STATUS_DISPATCH = /^status (sent|delivered|read|played) of \S+ dispatched to \S+$/;

export interface ComponentLogOptions {
  /** Keep every line, the routine ones too. */
  verbose?: boolean;
  now?: () => Date;
}

/** The sandbox log line for what `component` printed, or undefined for a routine line left out. */
export function componentLine(component: string, line: string, options: ComponentLogOptions = {}): string | undefined {
  if (!options.verbose && ROUTINE_STATUS_DISPATCH.test(line)) return undefined;
  return logLine((options.now ?? (() => new Date()))(), component, shortWamids(line));
}
