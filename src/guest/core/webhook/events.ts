// What parsing a webhook yields: the records handed to the handler interfaces (the generated WIT
// types, as the JSON path carries them), one event type per interface, and notes on whatever was
// skipped.
import type {
  Message,
  MessageEcho as WitMessageEcho,
  MessageStatus as WitMessageStatus,
  UserPreference as WitUserPreference,
  WebhookEvent as WitWebhookEvent,
} from 'asterai:whatsapp/types@0.3.0';
import type { WitJson } from '../wit-json.ts';

export type InboundMessage = WitJson<Message>;
export type MessageStatus = WitJson<WitMessageStatus>;
export type MessageEcho = WitJson<WitMessageEcho>;
export type UserPreference = WitJson<WitUserPreference>;
export type WebhookEvent = WitJson<WitWebhookEvent>;
export type Business = InboundMessage['business'];
export type User = InboundMessage['sender'];
export type MessageKind = InboundMessage['kind'];
export type GraphErrorInfo = MessageStatus['errors'][number];

/**
 * One event per handler interface: a user's message (`messages[]` of the `messages` field), a
 * delivery status (its `statuses[]`), a message sent from the WhatsApp Business app
 * (`smb_message_echoes`), a marketing preference (`user_preferences`), and a change of any other
 * field, verbatim.
 */
export type InboundEvent =
  | { type: 'message'; message: InboundMessage }
  | { type: 'status'; status: MessageStatus }
  | { type: 'echo'; echo: MessageEcho }
  | { type: 'preference'; preference: UserPreference }
  | { type: 'event'; event: WebhookEvent };

export type EventType = InboundEvent['type'];

/** The WIT record each event type is handed to its handlers as. */
export const EVENT_RECORDS: Readonly<Record<EventType, string>> = {
  message: 'message',
  status: 'message-status',
  echo: 'message-echo',
  preference: 'user-preference',
  event: 'webhook-event',
};

/** The record an event carries. */
export function eventRecord(event: InboundEvent): InboundMessage | MessageStatus | MessageEcho | UserPreference | WebhookEvent {
  switch (event.type) {
    case 'message':
      return event.message;
    case 'status':
      return event.status;
    case 'echo':
      return event.echo;
    case 'preference':
      return event.preference;
    case 'event':
      return event.event;
  }
}

export interface WebhookNote {
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface ParsedWebhook {
  events: InboundEvent[];
  notes: WebhookNote[];
}

/**
 * Dedupe key, the same in every delivery of the same event: the wamid for a message; wamid +
 * ":" + status for a status; for the others, what tells them apart (Meta redelivers a webhook
 * unchanged).
 */
export function eventKey(event: InboundEvent): string {
  switch (event.type) {
    case 'message':
      return event.message.id;
    case 'status':
      return `${event.status.id}:${event.status.status}`;
    case 'echo':
      return `echo:${event.echo.id}`;
    case 'preference': {
      const { user, category, value, timestamp } = event.preference;
      return `preference:${user.address}:${category}:${value}:${timestamp}`;
    }
    case 'event': {
      const { field, entryId, time, value } = event.event;
      return `event:${field}:${entryId}:${time ?? ''}:${value}`;
    }
  }
}
