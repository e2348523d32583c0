// Where each inbound event goes: the handler components configured for its type, the function
// each is called through, and the JSON arguments of that call, which depend on the WIT each
// handler was built against (core/webhook/compat.ts); plus what the log calls the event and the
// keys delivery works with (the claim key that dedupes redeliveries, the conversation that
// orders replays). Delivery itself (claims, the journal, calls, retries, dead letters) knows
// only these routed events (inbound/dispatch.ts, inbound/inbox-pass.ts, inbound/journal-delivery.ts).
import type { Config } from '../core/config.ts';
import type { Delivery, RoutedEvent } from '../core/inbox/journal.ts';
import type { SettingKey } from '../core/settings.ts';
import { asBefore030, needsAdapting } from '../core/webhook/compat.ts';
import { eventKey, eventRecord, type EventType, type InboundEvent } from '../core/webhook/events.ts';
import { witJsonText } from '../core/wit-json.ts';

export interface Route {
  /** The setting that names the handler components. */
  setting: SettingKey & ('incomingHandlerComponents' | 'statusHandlerComponents' | 'echoHandlerComponents' | 'preferenceHandlerComponents' | 'eventHandlerComponents');
  /** As asterai's call-component-function names it: interface/function, unversioned. */
  functionName: string;
  /** The versioned interfaces a handler may export to be called, newest first. */
  interfaces: readonly string[];
}

const PACKAGE = 'asterai:whatsapp';

/**
 * Handlers built against 0.2.0 and 0.1.0 keep receiving messages and statuses: asterai ignores
 * the JSON keys a record lacks (its runtime/src/runtime/parsing.rs), and compat.ts adapts what a
 * 0.2.0 handler could not decode.
 */
export const ROUTES: Readonly<Record<EventType, Route>> = {
  message: {
    setting: 'incomingHandlerComponents',
    functionName: 'incoming-handler/on-message',
    interfaces: [`${PACKAGE}/incoming-handler@0.3.0`, `${PACKAGE}/incoming-handler@0.2.0`, `${PACKAGE}/incoming-handler@0.1.0`],
  },
  status: {
    setting: 'statusHandlerComponents',
    functionName: 'status-handler/on-status',
    interfaces: [`${PACKAGE}/status-handler@0.3.0`, `${PACKAGE}/status-handler@0.2.0`],
  },
  echo: { setting: 'echoHandlerComponents', functionName: 'echo-handler/on-echo', interfaces: [`${PACKAGE}/echo-handler@0.3.0`] },
  preference: {
    setting: 'preferenceHandlerComponents',
    functionName: 'preference-handler/on-preference',
    interfaces: [`${PACKAGE}/preference-handler@0.3.0`],
  },
  event: { setting: 'eventHandlerComponents', functionName: 'event-handler/on-event', interfaces: [`${PACKAGE}/event-handler@0.3.0`] },
};

export const EVENT_TYPES = Object.keys(ROUTES) as EventType[];

/** asterai:host/api component-implements. */
export type ImplementsInterface = (component: string, interfaceName: string) => boolean;

/**
 * Every event of one delivery, in payload order, with its deliveries: one per handler, in the
 * order they are listed (none when no handler is configured for its type). A handler gets the
 * current JSON, or, for a message whose kind is new in 0.3.0, the adapted JSON when it does not
 * export the current interface. Whether it does is asked of the host at most once per handler
 * and delivery, and only for such a message; a handler the host cannot answer for gets the
 * adapted form, which the current WIT decodes as well. Without `implementsInterface` every
 * handler is taken to export the current interfaces.
 */
export function routeEvents(
  events: readonly InboundEvent[],
  config: Pick<Config, Route['setting']>,
  implementsInterface: ImplementsInterface = () => true,
): RoutedEvent[] {
  const exportsCurrent = currentExports(implementsInterface);
  return events.map((event) => {
    const route = ROUTES[event.type];
    const handlers = config[route.setting];
    const args: string[] = [];
    const deliveries: Delivery[] = [];
    if (handlers.length > 0) {
      args.push(`[${witJsonText(eventRecord(event))}]`);
      const adapt = event.type === 'message' && needsAdapting(event.message);
      for (const handler of handlers) {
        let index = 0;
        if (adapt && !exportsCurrent(handler, route)) {
          if (args.length === 1) args.push(`[${witJsonText(asBefore030(event.message))}]`);
          index = 1;
        }
        deliveries.push({ handler, function: route.functionName, args: index });
      }
    }
    return { key: eventKey(event), conversation: conversationOf(event), type: event.type, kind: kindOf(event), label: eventLabel(event), args, deliveries };
  });
}

/** Whether a handler exports the route's newest interface, asked once per handler. */
function currentExports(implementsInterface: ImplementsInterface): (handler: string, route: Route) => boolean {
  const known = new Map<string, boolean>();
  return (handler, route) => {
    const newest = route.interfaces[0]!;
    const key = `${handler} ${newest}`;
    let current = known.get(key);
    if (current === undefined) {
      try {
        current = implementsInterface(handler, newest);
      } catch {
        current = false;
      }
      known.set(key, current);
    }
    return current;
  };
}

/** What events of a type are counted by in the log: a message's and an echo's kind, a status, a preference's value, an event's field. */
function kindOf(event: InboundEvent): string {
  switch (event.type) {
    case 'message':
      return event.message.kind;
    case 'status':
      return event.status.status;
    case 'echo':
      return event.echo.kind;
    case 'preference':
      return event.preference.value;
    case 'event':
      return event.event.field;
  }
}

/** `message wamid.X (text)`, `status delivered of wamid.X`, `echo wamid.X (text)`, `preference stop of 16505551234`, `event account_update`. */
export function eventLabel(event: InboundEvent): string {
  switch (event.type) {
    case 'message':
      return `message ${event.message.id} (${event.message.kind})`;
    case 'status':
      return `status ${event.status.status} of ${event.status.id}`;
    case 'echo':
      return `echo ${event.echo.id} (${event.echo.kind})`;
    case 'preference':
      return `preference ${event.preference.value} of ${event.preference.user.address}`;
    case 'event':
      return `event ${event.event.field}`;
  }
}

/**
 * The business number and the chat on the other side: a message's `chat` (the user, or the
 * group), a status's or an echo's user or group, a preference's user; another field's changes
 * are ordered among themselves, per account.
 */
function conversationOf(event: InboundEvent): string {
  switch (event.type) {
    case 'message':
      return `${event.message.business.phoneNumberId}/${event.message.chat}`;
    case 'status':
      return `${event.status.business.phoneNumberId}/${event.status.groupId ?? event.status.to.address}`;
    case 'echo':
      return `${event.echo.business.phoneNumberId}/${event.echo.to.address}`;
    case 'preference':
      return `${event.preference.business.phoneNumberId}/${event.preference.user.address}`;
    case 'event':
      return `${event.event.entryId}/${event.event.field}`;
  }
}
