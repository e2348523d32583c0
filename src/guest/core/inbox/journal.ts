// The journal of one webhook delivery: what is written to WHATSAPP_STATE_DIR, and synced,
// before Meta gets its 200, so that the delivery survives a crash. It holds dispatch units,
// not webhook payloads: for each event, where it goes (each handler, the function and the JSON
// arguments of that handler's call) and what the log calls it, so that the journal knows
// nothing of event types and a replay makes exactly the calls the first pass would have made.
//
// The file is JSON Lines: a header, one line per event, and an end line giving the count. A
// file without its end line was cut short by a crash before it was synced, so before the 200:
// Meta delivers that delivery again, and the file is discarded. An event's arguments are
// written as the JSON they are, not as strings of JSON: a third smaller (no quotes escaped),
// and no escaping to do.

/** One call of a handler for one event. */
export interface Delivery {
  /** The handler component, `ns:name`. */
  handler: string;
  /** `interface/function`, as call-component-function takes it. */
  function: string;
  /** Index into the event's `args`. */
  args: number;
}

/** An event and where it goes. */
export interface RoutedEvent {
  /** What claims dedupe on: the same key in a later delivery is a redelivery. */
  key: string;
  /** Events of one conversation reach a handler in the order of the journal. */
  conversation: string;
  /** For the log: the event's type (`message`), its kind (`text`) and how it is named (`message wamid.X (text)`). */
  type: string;
  kind: string;
  label: string;
  /** The JSON arrays of arguments the deliveries use (handlers that take the same JSON share one). */
  args: string[];
  deliveries: Delivery[];
  /**
   * The claim this event is delivered under; absent, `<journal id>:<event index>`. A dead
   * letter dispatched again keeps the claim of the journal it came from.
   */
  claim?: string;
}

/** One failed attempt of a delivery. */
export interface Failure {
  /** Unix milliseconds. */
  at: number;
  /** `kind: message` of the call-error. */
  error: string;
}

/** What a dead letter says about how it became one. */
export interface DeadLetterNote {
  failures: Failure[];
  deadAt: number;
  reason: string;
}

export interface Journal {
  /** When the webhook delivery was received, Unix milliseconds. */
  receivedAt: number;
  events: RoutedEvent[];
  /** Set on a dead letter (a journal of one event with one delivery). */
  deadLetter?: DeadLetterNote;
}

const FORMAT = 1;

export function serializeJournal(journal: Journal): string {
  const header = { format: FORMAT, receivedAt: journal.receivedAt, ...(journal.deadLetter ? { deadLetter: journal.deadLetter } : {}) };
  let text = `${JSON.stringify(header)}\n`;
  for (const { args, ...event } of journal.events) {
    // `args` are JSON arrays already (witJsonText's): spliced in as they are.
    text += `${JSON.stringify(event).slice(0, -1)},"args":[${args.join(',')}]}\n`;
  }
  return `${text}${JSON.stringify({ end: journal.events.length })}\n`;
}

export type ParsedJournal = { journal: Journal } | { incomplete: string };

/** The journal, or why the text is not a whole journal of this format. */
export function parseJournal(text: string): ParsedJournal {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = record(lines[0]);
  if (!header || header.format !== FORMAT || typeof header.receivedAt !== 'number') return { incomplete: 'no header of format 1' };
  const end = record(lines.at(-1));
  const count = lines.length - 2;
  if (lines.length < 2 || !end || end.end !== count) return { incomplete: `no end line after ${Math.max(0, lines.length - 1)} lines (cut short before it was synced)` };
  const events: RoutedEvent[] = [];
  for (let i = 1; i <= count; i++) {
    const line = record(lines[i]);
    const event = line && Array.isArray(line.args) && line.args.every(Array.isArray) ? { ...line, args: line.args.map((args) => JSON.stringify(args)) } : undefined;
    if (!event || !isRoutedEvent(event)) return { incomplete: `line ${i + 1} is not an event` };
    events.push(event);
  }
  return { journal: { receivedAt: header.receivedAt, events, ...(isDeadLetterNote(header.deadLetter) ? { deadLetter: header.deadLetter } : {}) } };
}

/** The claim an event of a journal is delivered under. */
export function claimOf(journalId: string, index: number, event: RoutedEvent): string {
  return event.claim ?? `${journalId}:${index}`;
}

function record(line: string | undefined): Record<string, unknown> | undefined {
  if (line === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isRoutedEvent(value: Record<string, unknown>): value is Record<string, unknown> & RoutedEvent {
  const texts = ['key', 'conversation', 'type', 'kind', 'label'].every((field) => typeof value[field] === 'string');
  const args = Array.isArray(value.args) && value.args.every((arg) => typeof arg === 'string');
  const deliveries =
    Array.isArray(value.deliveries) &&
    value.deliveries.every(
      (d: unknown) =>
        d !== null &&
        typeof d === 'object' &&
        typeof (d as Delivery).handler === 'string' &&
        typeof (d as Delivery).function === 'string' &&
        Number.isInteger((d as Delivery).args) &&
        (d as Delivery).args >= 0 &&
        (d as Delivery).args < (value.args as string[]).length,
    );
  return texts && args && deliveries && (value.claim === undefined || typeof value.claim === 'string');
}

function isDeadLetterNote(value: unknown): value is DeadLetterNote {
  if (value === null || typeof value !== 'object') return false;
  const note = value as DeadLetterNote;
  return (
    typeof note.deadAt === 'number' &&
    typeof note.reason === 'string' &&
    Array.isArray(note.failures) &&
    note.failures.every((f) => f !== null && typeof f === 'object' && typeof f.at === 'number' && typeof f.error === 'string')
  );
}
