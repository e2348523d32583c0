// POST /{version}/{phone-number-id}/messages: one body, two meanings.
// - A message: { messaging_product: "whatsapp", recipient_type?, to, type?, context?, <type>: {...} }
//   → { messaging_product, contacts: [{ input, wa_id }], messages: [{ id }] }
// - A read receipt: { messaging_product, status: "read", message_id, typing_indicator?: { type: "text" } }
//   → { success: true }
import { jsonReply, type Reply } from '../exchange.ts';
import { graphErrorReply } from './errors.ts';
import { newWamid, waIdOf } from './ids.ts';
import type { ContentCheck, ContentLookups, MessageContent } from './message-kinds/content.ts';
import { checkContacts } from './message-kinds/contacts.ts';
import { checkInteractive } from './message-kinds/interactive.ts';
import { checkLocation } from './message-kinds/location.ts';
import { MEDIA_KINDS, mediaCheck } from './message-kinds/media.ts';
import { checkReaction } from './message-kinds/reaction.ts';
import { checkTemplate } from './message-kinds/template.ts';
import { checkText } from './message-kinds/text.ts';
import {
  ParamError,
  invalid,
  isObject,
  optionalObject,
  optionalString,
  requireOneOf,
  requireString,
  type Json,
} from './params.ts';

const CONTENT_CHECKS: Readonly<Record<string, ContentCheck>> = {
  text: checkText,
  ...Object.fromEntries(MEDIA_KINDS.map((kind) => [kind, mediaCheck(kind)])),
  location: checkLocation,
  reaction: checkReaction,
  interactive: checkInteractive,
  template: checkTemplate,
  contacts: checkContacts,
};

/** A message the business sent, as accepted. */
export interface SentMessage extends MessageContent {
  wamid: string;
  /** `to` as given. */
  to: string;
  waId: string;
  /** `context.message_id`: the message this one replies to. */
  replyTo?: string;
  /** `biz_opaque_callback_data`, which Meta returns in the message's statuses. */
  callbackData?: string;
  body: Json;
}

export interface ReadReceipt {
  messageId: string;
  typing: boolean;
}

export interface MessagesContext extends ContentLookups {
  /** Digits of the business's own number: sending to it is error 131021. */
  businessDigits: string;
  onSent(message: SentMessage): void;
  onRead(receipt: ReadReceipt): void;
}

export function postMessage(rawBody: string, context: MessagesContext): Reply {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    // Graph reads a body it cannot parse as no parameters at all.
    body = {};
  }
  try {
    const message = isObject(body) ? body : {};
    requireOneOf(message, 'messaging_product', '', ['whatsapp'] as const);
    if (message['status'] !== undefined) {
      context.onRead(checkReadReceipt(message));
      return jsonReply(200, { success: true });
    }
    const sent = checkMessage(message, context);
    context.onSent(sent);
    return jsonReply(200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: sent.to, wa_id: sent.waId }],
      // Meta adds message_status to template sends ("accepted", or "held_for_quality_assessment").
      messages: [sent.kind === 'template' ? { id: sent.wamid, message_status: 'accepted' } : { id: sent.wamid }],
    });
  } catch (error) {
    if (!(error instanceof ParamError)) throw error;
    return graphErrorReply({ code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
  }
}

function checkReadReceipt(message: Json): ReadReceipt {
  requireOneOf(message, 'status', '', ['read'] as const);
  const messageId = requireString(message, 'message_id', '');
  const indicator = optionalObject(message, 'typing_indicator', '');
  if (indicator) requireOneOf(indicator, 'type', 'typing_indicator', ['text'] as const);
  return { messageId, typing: indicator !== undefined };
}

function checkMessage(message: Json, context: MessagesContext): SentMessage {
  if (message['recipient_type'] !== undefined) requireOneOf(message, 'recipient_type', '', ['individual', 'group'] as const);
  const to = requireString(message, 'to', '');
  // Cloud API takes numbers with or without `+`, spaces, dashes and parentheses.
  if (!/^\+?[\d\s\-().]+$/.test(to) || waIdOf(to).length < 5 || waIdOf(to).length > 15) {
    throw invalid(`Param to must be a phone number in international format - got "${to}".`);
  }
  const waId = waIdOf(to);
  if (waId === context.businessDigits) throw new ParamError('(#131021) Recipient cannot be sender', 131021, 'Sender and recipient phone number is the same.');

  // Meta: "type — Optional. The type of message you want to send. Default: text".
  const type = message['type'] === undefined ? 'text' : requireOneOf(message, 'type', '', Object.keys(CONTENT_CHECKS));
  const replyContext = optionalObject(message, 'context', '');
  const replyTo = replyContext ? requireString(replyContext, 'message_id', 'context') : undefined;
  // Meta: biz_opaque_callback_data "Maximum 512 characters".
  const callbackData = optionalString(message, 'biz_opaque_callback_data', '', { max: 512 });
  const check = CONTENT_CHECKS[type];
  if (!check) throw invalid(`Param type is not supported - got "${type}".`);
  const content = check(message, context);
  return {
    ...content,
    wamid: newWamid(waId, 'outgoing'),
    to,
    waId,
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(callbackData === undefined ? {} : { callbackData }),
    body: message,
  };
}
