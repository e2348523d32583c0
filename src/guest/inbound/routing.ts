// Where each inbound event goes: the handler components configured for its type, the function
// each is called through, and the JSON arguments of that call; plus what the log calls the event
// and the keys delivery works with (the claim key that dedupes redeliveries, the conversation
// that orders replays). Delivery itself (claims, the journal, calls, retries, dead letters)
// knows only these routed events (inbound/dispatch.ts).
import type { Config } from '../core/config.ts';
import { eventKey, type InboundEvent } from '../core/webhook/events.ts';
import { witJsonText } from '../core/wit-json.ts';
import type { RoutedEvent } from '../core/inbox/journal.ts';

export const ON_MESSAGE = 'incoming-handler/on-message';
export const ON_STATUS = 'status-handler/on-status';

/** Every event, in payload order, with its deliveries: one per handler, in the order they are listed (none when no handler is configured for its type). */
export function routeEvents(events: readonly InboundEvent[], config: Config): RoutedEvent[] {
  return events.map((event) => {
    const [handlers, fn, record] =
      event.type === 'message'
        ? [config.incomingHandlerComponents, ON_MESSAGE, event.message]
        : [config.statusHandlerComponents, ON_STATUS, event.status];
    return {
      key: eventKey(event),
      conversation: conversationOf(event),
      type: event.type,
      kind: event.type === 'message' ? event.message.kind : event.status.status,
      label: eventLabel(event),
      args: handlers.length === 0 ? [] : [`[${witJsonText(record)}]`],
      deliveries: handlers.map((handler) => ({ handler, function: fn, args: 0 })),
    };
  });
}

/** `message wamid.X (text)` or `status delivered of wamid.X`. */
export function eventLabel(event: InboundEvent): string {
  return event.type === 'message' ? `message ${event.message.id} (${event.message.kind})` : `status ${event.status.status} of ${event.status.id}`;
}

/** The business number and the user on the other side: a message's sender, a status's recipient. */
function conversationOf(event: InboundEvent): string {
  if (event.type === 'status') return `${event.status.business.phoneNumberId}/${event.status.recipient}`;
  const { sender, business } = event.message;
  return `${business.phoneNumberId}/${sender.phone || sender.userId || sender.username || ''}`;
}
