// What parsing a webhook yields: the records handed to incoming-handler.on-message
// and status-handler.on-status (the generated WIT types, as the JSON path carries
// them), and notes on whatever was skipped.
import type { Message, MessageStatus as WitMessageStatus } from 'asterai:whatsapp/types@0.3.0';
import type { WitJson } from '../wit-json.ts';

export type InboundMessage = WitJson<Message>;
export type MessageStatus = WitJson<WitMessageStatus>;
export type Business = InboundMessage['business'];
export type Sender = InboundMessage['sender'];
export type MessageKind = InboundMessage['kind'];
export type GraphErrorInfo = MessageStatus['errors'][number];

export type InboundEvent = { type: 'message'; message: InboundMessage } | { type: 'status'; status: MessageStatus };

export interface WebhookNote {
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface ParsedWebhook {
  events: InboundEvent[];
  notes: WebhookNote[];
}

/** Dedupe key: the wamid for a message; wamid + ":" + status for a status. */
export function eventKey(event: InboundEvent): string {
  return event.type === 'message' ? event.message.id : `${event.status.id}:${event.status.status}`;
}
