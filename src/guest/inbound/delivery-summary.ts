// What the log says about one webhook delivery: a line per event type for what was
// dispatched and to whom, what was not (no handler configured) and what was skipped
// (a redelivery), each naming the event when there is one and counting them by kind
// when there are more. A failed dispatch gets a line of its own, when it happens.
import type { InboundEvent } from '../core/webhook/events.ts';
import type { Log } from '../ports/log.ts';

type EventType = InboundEvent['type'];

/** Events of one type counted by kind; the first is kept to be named when it is the only one. */
class Tally {
  count = 0;
  first: InboundEvent | undefined;
  readonly kinds = new Map<string, number>();

  add(event: InboundEvent): void {
    this.count++;
    this.first ??= event;
    const kind = event.type === 'message' ? event.message.kind : event.status.status;
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
  }

  /** `message wamid.X (text)`, or `3 messages (text 2, image 1)`. */
  describe(type: EventType): string {
    if (this.count === 1 && this.first) return eventLabel(this.first);
    const counts = [...this.kinds].map(([kind, n]) => `${kind} ${n}`).join(', ');
    return `${this.count} ${type === 'message' ? 'messages' : 'statuses'} (${counts})`;
  }
}

/** `message wamid.X (text)` or `status delivered of wamid.X`. */
export function eventLabel(event: InboundEvent): string {
  return event.type === 'message' ? `message ${event.message.id} (${event.message.kind})` : `status ${event.status.status} of ${event.status.id}`;
}

class TypeSummary {
  readonly dispatched = new Tally();
  readonly undispatched = new Tally();
  readonly redelivered = new Tally();
  /** Failed dispatches per handler. */
  readonly failures = new Map<string, number>();
}

export class DeliverySummary {
  readonly #types: Record<EventType, TypeSummary> = { message: new TypeSummary(), status: new TypeSummary() };

  dispatched(event: InboundEvent): void {
    this.#types[event.type].dispatched.add(event);
  }

  /** No handler is configured for its type. */
  undispatched(event: InboundEvent): void {
    this.#types[event.type].undispatched.add(event);
  }

  /** An earlier delivery already claimed it. */
  redelivered(event: InboundEvent): void {
    this.#types[event.type].redelivered.add(event);
  }

  failed(event: InboundEvent, handler: string): void {
    const { failures } = this.#types[event.type];
    failures.set(handler, (failures.get(handler) ?? 0) + 1);
  }

  /** One line per event type and outcome; `handlers` are those configured for each type. */
  write(log: Log, handlers: Readonly<Record<EventType, readonly string[]>>): void {
    for (const type of ['message', 'status'] as const) {
      const { dispatched, undispatched, redelivered, failures } = this.#types[type];
      if (dispatched.count > 0) {
        const failed = [...failures].map(([handler, n]) => (dispatched.count === 1 ? handler : `${handler} (${n} of ${dispatched.count})`));
        const notDelivered = failed.length === 0 ? '' : `; NOT delivered to ${failed.join(', ')}`;
        log.info(`${dispatched.describe(type)} dispatched to ${handlers[type].join(', ')}${notDelivered}`);
      }
      if (undispatched.count > 0) log.info(`${undispatched.describe(type)}: no ${type} handler configured, not dispatched`);
      if (redelivered.count > 0) log.info(`${redelivered.describe(type)}: already delivered (a redelivery), skipped`);
    }
  }
}
