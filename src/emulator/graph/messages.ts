// POST /{version}/{phone-number-id}/messages: one body, two meanings.
// - A message: { messaging_product: "whatsapp", recipient_type?, to | recipient, type?, context?, <type>: {...} }
//   → { messaging_product, contacts: [{ input, wa_id?, user_id? }], messages: [{ id }] }
//   (Meta, "Business-scoped user IDs": `to` takes a phone number, `recipient` a user id (BSUID) or
//   parent BSUID, and `to` wins when both are given; `wa_id` comes back for a send to a phone
//   number, `user_id` when a user id was given; "Group messaging": `recipient_type: "group"` with
//   the group id in `to`.)
// - A read receipt: { messaging_product, status: "read", message_id, typing_indicator?: { type: "text" } }
//   → { success: true }
import { BSUID, conversationKey, type KnownUser, type UserDirectory } from '../conversation/users.ts';
import { jsonReply, type Reply } from '../exchange.ts';
import { GRAPH_ERRORS, graphErrorReply } from './errors.ts';
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

/** Who a message went to, as the request named them. */
export type Addressee =
  | { by: 'phone'; user: KnownUser; userIdGiven?: string }
  | { by: 'user-id'; user: KnownUser; userIdGiven: string }
  | { by: 'group'; group: string };

/** A message the business sent, as accepted. */
export interface SentMessage extends MessageContent {
  wamid: string;
  /** `to` (or `recipient`) as given: the `input` of the answer. */
  to: string;
  /** The conversation it belongs to: the user's phone digits, else their user id, or the group id. */
  waId: string;
  addressee: Addressee;
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
  users: UserDirectory;
  /** Names of the templates Meta files as authentication templates: none of them goes to a user id (131062). */
  authenticationTemplates(): readonly string[];
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
      contacts: [answerContact(sent)],
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
  const { to, addressee } = checkAddressee(message, context);

  // Meta: "type — Optional. The type of message you want to send. Default: text".
  const type = message['type'] === undefined ? 'text' : requireOneOf(message, 'type', '', Object.keys(CONTENT_CHECKS));
  if (type === 'template' && addressee.by === 'user-id' && context.authenticationTemplates().includes(String(asObjectOrEmpty(message['template'])['name']))) {
    const { title, details } = GRAPH_ERRORS[131062]!;
    throw new ParamError(`(#131062) ${title}`, 131062, details);
  }
  const replyContext = optionalObject(message, 'context', '');
  const replyTo = replyContext ? requireString(replyContext, 'message_id', 'context') : undefined;
  // Meta: biz_opaque_callback_data "Maximum 512 characters".
  const callbackData = optionalString(message, 'biz_opaque_callback_data', '', { max: 512 });
  const check = CONTENT_CHECKS[type];
  if (!check) throw invalid(`Param type is not supported - got "${type}".`);
  const content = check(message, context);
  const waId = addressee.by === 'group' ? addressee.group : conversationKey(addressee.user);
  return {
    ...content,
    wamid: newWamid(waId, 'outgoing'),
    to,
    waId,
    addressee,
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(callbackData === undefined ? {} : { callbackData }),
    body: message,
  };
}

/** `to` for a phone number or a group, `recipient` for a user id; `to` wins when both are given. */
function checkAddressee(message: Json, context: MessagesContext): { to: string; addressee: Addressee } {
  const type = message['recipient_type'] === undefined ? 'individual' : requireOneOf(message, 'recipient_type', '', ['individual', 'group'] as const);
  if (type === 'group') {
    const group = requireString(message, 'to', '');
    if (!/^[A-Za-z0-9_+/=]{16,256}$/.test(group)) throw invalid(`Param to must be a group ID when recipient_type is group - got "${group}".`);
    return { to: group, addressee: { by: 'group', group } };
  }
  const userIdGiven = optionalString(message, 'recipient', '');
  if (userIdGiven !== undefined && !BSUID.test(userIdGiven)) {
    throw invalid(`Param recipient must be a business-scoped user ID (like US.13491208655302741918) or a parent business-scoped user ID - got "${userIdGiven}".`);
  }
  if (message['to'] === undefined && userIdGiven !== undefined) {
    return { to: userIdGiven, addressee: { by: 'user-id', user: context.users.byUserId(userIdGiven) ?? { userId: userIdGiven }, userIdGiven } };
  }
  const to = requireString(message, 'to', '');
  // Cloud API takes numbers with or without `+`, spaces, dashes and parentheses.
  if (!/^\+?[\d\s\-().]+$/.test(to) || waIdOf(to).length < 5 || waIdOf(to).length > 15) {
    throw invalid(`Param to must be a phone number in international format - got "${to}".`);
  }
  const phone = waIdOf(to);
  if (phone === context.businessDigits) throw new ParamError('(#131021) Recipient cannot be sender', 131021, 'Sender and recipient phone number is the same.');
  return { to, addressee: { by: 'phone', user: context.users.byPhone(phone), ...(userIdGiven === undefined ? {} : { userIdGiven }) } };
}

/** The answer's `contacts[0]`: `input` as given, `wa_id` for a phone number, `user_id` when a user id was given. */
function answerContact(sent: SentMessage): Record<string, string> {
  const { addressee } = sent;
  if (addressee.by === 'group') return { input: sent.to };
  return {
    input: sent.to,
    ...(addressee.by === 'phone' && addressee.user.phone !== undefined ? { wa_id: addressee.user.phone } : {}),
    ...(addressee.userIdGiven === undefined ? {} : { user_id: addressee.userIdGiven }),
  };
}

function asObjectOrEmpty(value: unknown): Json {
  return isObject(value) ? value : {};
}
