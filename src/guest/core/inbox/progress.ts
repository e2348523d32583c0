// How far the dispatch of a journal got: its marks, appended one line per outcome as it
// happens, next to the journal. A delivery (an event's call of one handler) is `done` when the
// handler returned, `fail` once per failed attempt, `dead` when it went to the dead letters; an
// event is `skip` when another journal holds its claim (a redelivery). Nothing is marked done
// that the handler did not return from. A line cut short by a crash (no newline) is ignored.
//
//   done 3 0
//   fail 3 1 1764000000000 "invocation-failed: wasm trap: ..."
//   dead 3 1
//   skip 4
import type { Failure, Journal } from './journal.ts';

export type Mark =
  | { mark: 'done'; event: number; delivery: number }
  | { mark: 'fail'; event: number; delivery: number; failure: Failure }
  | { mark: 'dead'; event: number; delivery: number }
  | { mark: 'skip'; event: number };

export type DeliveryState = 'open' | 'done' | 'dead' | 'skipped';

export interface DeliveryProgress {
  state: DeliveryState;
  /** The failed attempts so far, in order. */
  failures: Failure[];
}

export function formatMark(m: Mark): string {
  switch (m.mark) {
    case 'skip':
      return `skip ${m.event}\n`;
    case 'fail':
      return `fail ${m.event} ${m.delivery} ${m.failure.at} ${JSON.stringify(m.failure.error)}\n`;
    default:
      return `${m.mark} ${m.event} ${m.delivery}\n`;
  }
}

/** The progress of every delivery of every event of `journal`, by event then delivery index. */
export function readProgress(journal: Journal, marks: string): DeliveryProgress[][] {
  const progress = journal.events.map((event) => event.deliveries.map((): DeliveryProgress => ({ state: 'open', failures: [] })));
  const lines = marks.split('\n');
  lines.pop(); // the text after the last newline: empty, or a line the crash cut short
  for (const line of lines) {
    const m = parseMark(line);
    if (!m) continue;
    if (m.mark === 'skip') {
      for (const delivery of progress[m.event] ?? []) if (delivery.state === 'open') delivery.state = 'skipped';
      continue;
    }
    const delivery = progress[m.event]?.[m.delivery];
    if (!delivery) continue;
    if (m.mark === 'fail') delivery.failures.push(m.failure);
    else delivery.state = m.mark;
  }
  return progress;
}

/** True when no delivery of the journal is still open. */
export function isComplete(progress: readonly DeliveryProgress[][]): boolean {
  return progress.every((event) => event.every((delivery) => delivery.state !== 'open'));
}

const MARK = /^(done|dead|fail|skip) (\d+)(?: (\d+))?(?: (\d+) (".*"))?$/;

function parseMark(line: string): Mark | undefined {
  const match = MARK.exec(line);
  if (!match) return undefined;
  const [, kind, event, delivery, at, error] = match;
  const e = Number(event);
  if (kind === 'skip') return delivery === undefined ? { mark: 'skip', event: e } : undefined;
  if (delivery === undefined) return undefined;
  const d = Number(delivery);
  if (kind !== 'fail') return at === undefined ? { mark: kind as 'done' | 'dead', event: e, delivery: d } : undefined;
  if (at === undefined || error === undefined) return undefined;
  try {
    const text: unknown = JSON.parse(error);
    return typeof text === 'string' ? { mark: 'fail', event: e, delivery: d, failure: { at: Number(at), error: text } } : undefined;
  } catch {
    return undefined;
  }
}
