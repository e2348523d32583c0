// What the log says about one webhook delivery (or one replay of it): a line per event type for
// what was dispatched and to whom, what was not (no handler configured), what was skipped (a
// redelivery) and what waits for a retry, each naming the event when there is one and counting
// them by kind when there are more. A failed dispatch gets a line of its own, when it happens.
import type { RoutedEvent } from '../core/inbox/journal.ts';
import type { Log } from '../ports/log.ts';

/** Events of one type counted by kind; the first is kept to be named when it is the only one. */
class Tally {
  count = 0;
  first: RoutedEvent | undefined;
  readonly kinds = new Map<string, number>();
  /** The handlers the events went to, in the order first seen. */
  readonly handlers = new Set<string>();

  add(event: RoutedEvent, handlers: readonly string[] = []): void {
    this.count++;
    this.first ??= event;
    this.kinds.set(event.kind, (this.kinds.get(event.kind) ?? 0) + 1);
    for (const handler of handlers) this.handlers.add(handler);
  }

  /** `message wamid.X (text)`, or `3 messages (text 2, image 1)`. */
  describe(type: string): string {
    if (this.count === 1 && this.first) return this.first.label;
    const counts = [...this.kinds].map(([kind, n]) => `${kind} ${n}`).join(', ');
    return `${this.count} ${plural(type)} (${counts})`;
  }
}

class TypeSummary {
  readonly dispatched = new Tally();
  readonly undispatched = new Tally();
  readonly redelivered = new Tally();
  readonly waiting = new Tally();
  /** Failed dispatches per handler. */
  readonly failures = new Map<string, number>();
}

/** The types every delivery can have come first, in this order; others follow as they appear. */
const FIRST_TYPES = ['message', 'status'];

export class DeliverySummary {
  readonly #types = new Map<string, TypeSummary>(FIRST_TYPES.map((type) => [type, new TypeSummary()]));

  /** `prefix` starts every line: what the summary is of, when it is not the delivery as it arrives. */
  constructor(private readonly prefix = '') {}

  /** It was handed to `handlers` (each called once). */
  dispatched(event: RoutedEvent, handlers: readonly string[]): void {
    this.of(event).dispatched.add(event, handlers);
  }

  /** No handler is configured for its type. */
  undispatched(event: RoutedEvent): void {
    this.of(event).undispatched.add(event);
  }

  /** Another delivery claimed it first. */
  redelivered(event: RoutedEvent): void {
    this.of(event).redelivered.add(event);
  }

  /** A handler's retry of it is not due yet. */
  waiting(event: RoutedEvent): void {
    this.of(event).waiting.add(event);
  }

  failed(event: RoutedEvent, handler: string): void {
    const { failures } = this.of(event);
    failures.set(handler, (failures.get(handler) ?? 0) + 1);
  }

  /** One line per event type and outcome. */
  write(log: Log): void {
    for (const [type, { dispatched, undispatched, redelivered, waiting, failures }] of this.#types) {
      if (dispatched.count > 0) {
        const failed = [...failures].map(([handler, n]) => (dispatched.count === 1 ? handler : `${handler} (${n} of ${dispatched.count})`));
        const notDelivered = failed.length === 0 ? '' : `; NOT delivered to ${failed.join(', ')}`;
        log.info(`${this.prefix}${dispatched.describe(type)} dispatched to ${[...dispatched.handlers].join(', ')}${notDelivered}`);
      }
      if (undispatched.count > 0) log.info(`${this.prefix}${undispatched.describe(type)}: no ${type} handler configured, not dispatched`);
      if (redelivered.count > 0) log.info(`${this.prefix}${redelivered.describe(type)}: already delivered (a redelivery), skipped`);
      if (waiting.count > 0) log.info(`${this.prefix}${waiting.describe(type)}: a handler's retry is not due yet`);
    }
  }

  private of(event: RoutedEvent): TypeSummary {
    let summary = this.#types.get(event.type);
    if (!summary) {
      summary = new TypeSummary();
      this.#types.set(event.type, summary);
    }
    return summary;
  }
}

/** `messages`, `statuses`, `echoes`. */
function plural(type: string): string {
  return /(s|x|z|ch|sh|o)$/.test(type) ? `${type}es` : `${type}s`;
}
