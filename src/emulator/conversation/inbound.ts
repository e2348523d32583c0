// A user writing to the business, and the other things Meta reports by webhook: from a short
// InboundSpec to a signed webhook. A user is named by every identifier Meta sends (users.ts); a
// message goes in a `messages` change (its items: inbound-kinds.ts), a message someone at the
// business sent from the WhatsApp Business app in a `smb_message_echoes` change, a marketing
// preference in a `user_preferences` change, and any other field's change as given.
import { newWamid, waIdOf } from '../graph/ids.ts';
import type { MediaStore } from '../graph/media.ts';
import { isObject } from '../graph/params.ts';
import { INBOUND_KINDS, type InboundKind, type InboundResult, type InboundSpec, type TranscriptEntry } from '../types.ts';
import type { WebhookDeliverer } from '../webhooks/delivery.ts';
import { fieldEnvelope, webhookContact, webhookEnvelope, type BusinessIdentity, type ChangeValue } from '../webhooks/payloads.ts';
import { buildMessage, type Sender } from './inbound-kinds.ts';
import type { Transcript } from './transcript.ts';
import { BSUID, bsuidForPhone, conversationKey, type UserDirectory } from './users.ts';

export const DEFAULT_USER = '16505551234';
export const DEFAULT_NAME = 'Sandbox User';
/** The username of a user whose phone number is hidden, unless the spec names one. */
export const DEFAULT_USERNAME = '@sandbox.user';

/** Kinds that are not a user's message, each with its own webhook field. */
const NOT_MESSAGES: ReadonlySet<InboundKind> = new Set(['echo', 'opt-out', 'opt-in', 'event']);

export interface InboundContext {
  transcript: Transcript;
  media: MediaStore;
  users: UserDirectory;
  businessDigits: string;
  now: Date;
}

export interface BuiltInbound {
  /** entries × changes, ready for webhookEnvelope. */
  layout: ChangeValue[][];
  /** What goes into the transcript, in payload order. */
  entries: Array<Omit<TranscriptEntry, 'revision' | 'direction' | 'status'>>;
}

/** Checks the request body; returns the spec or a complaint. */
export function parseInboundSpec(body: unknown): InboundSpec | string {
  if (!isObject(body)) return 'body must be a JSON object (an InboundSpec)';
  const kind = body['kind'] ?? 'text';
  if (!INBOUND_KINDS.includes(kind as InboundKind)) return `kind must be one of ${INBOUND_KINDS.join(', ')}`;
  for (const key of ['from', 'name', 'userId', 'parentUserId', 'username', 'groupId', 'text', 'replyTo', 'dataBase64', 'mimeType', 'filename', 'locationName', 'address', 'optionId', 'emoji', 'messageId', 'field']) {
    if (body[key] !== undefined && typeof body[key] !== 'string') return `${key} must be a string`;
  }
  for (const key of ['latitude', 'longitude', 'optionIndex']) {
    if (body[key] !== undefined && typeof body[key] !== 'number') return `${key} must be a number`;
  }
  if (body['phoneHidden'] !== undefined && typeof body['phoneHidden'] !== 'boolean') return 'phoneHidden must be a boolean';
  if (body['from'] !== undefined && !/^\d{5,15}$/.test(waIdOf(String(body['from'])))) return 'from must be a phone number';
  for (const key of ['userId', 'parentUserId']) {
    if (body[key] !== undefined && !BSUID.test(String(body[key]))) return `${key} must be a business-scoped user id like US.13491208655302741918 (a parent one has ENT: US.ENT.11815799212886844830)`;
  }
  if (body['groupId'] !== undefined && !/^[A-Za-z0-9_+/=]{16,256}$/.test(String(body['groupId']))) return 'groupId must be a group id (16 or more letters and digits, as the Groups API gives them)';
  if (kind === 'event' && (typeof body['field'] !== 'string' || body['field'] === 'messages' || !isObject(body['value']))) {
    return 'an event needs field (any webhook field but messages) and value (a JSON object)';
  }
  const batch = body['batch'];
  if (batch !== undefined) {
    const counts = typeof batch === 'number' ? [batch] : isObject(batch) ? [batch['entries'] ?? 1, batch['changes'] ?? 1, batch['messages'] ?? 1] : [NaN];
    if (!counts.every((count) => Number.isInteger(count) && (count as number) >= 1 && (count as number) <= 100)) {
      return 'batch must be a count 1–100 or { entries?, changes?, messages? } with counts 1–100';
    }
    if (NOT_MESSAGES.has(kind as InboundKind)) return `batch is for messages, not for kind ${String(kind)}`;
  }
  return body as InboundSpec;
}

/**
 * It happens: the messages join the transcript (the user sent them whatever the webhook does),
 * then go to the webhook in one signed POST. Returns a complaint when the spec cannot be met.
 */
export async function writeAsUser(
  spec: InboundSpec,
  context: InboundContext & { business: BusinessIdentity; deliverer: WebhookDeliverer },
): Promise<InboundResult | string> {
  context.deliverer.assertConfigured();
  const kind = spec.kind ?? 'text';
  if (kind === 'event') {
    const field = String(spec.field);
    const delivery = await context.deliverer.deliver('other', fieldEnvelope(context.business, field, spec.value, context.now), field);
    return { messages: [], delivery };
  }
  const sender = senderOf(spec, context);
  if (kind === 'echo' || kind === 'opt-out' || kind === 'opt-in') {
    const { field, value, entry } = kind === 'echo' ? echoOf(spec, sender, context) : preferenceOf(kind, sender, context);
    const message = kind === 'echo' ? context.transcript.addEcho(entry) : context.transcript.addInbound(entry);
    const delivery = await context.deliverer.deliver('other', webhookEnvelope(context.business, [[value]], field), field);
    return { messages: [message], delivery };
  }
  const built = buildInbound(spec, context, sender);
  if (typeof built === 'string') return built;
  const payload = webhookEnvelope(context.business, built.layout);
  const entries = built.entries.map((entry) => context.transcript.addInbound(entry));
  const delivery = await context.deliverer.deliver('messages', payload);
  return { messages: entries, delivery };
}

/**
 * The user the spec describes, remembered so that a send to either of their identifiers reaches
 * this conversation: the phone number (unless hidden), the user id (given, or derived from the
 * number), the parent user id and username when given.
 */
export function senderOf(spec: InboundSpec, context: Pick<InboundContext, 'users'>): Sender {
  const phone = waIdOf(spec.from ?? DEFAULT_USER);
  const user = context.users.remember({
    ...(spec.phoneHidden ? {} : { phone }),
    userId: spec.userId ?? bsuidForPhone(phone),
    ...(spec.parentUserId === undefined ? {} : { parentUserId: spec.parentUserId }),
    ...(spec.username !== undefined ? { username: spec.username } : spec.phoneHidden ? { username: DEFAULT_USERNAME } : {}),
    name: spec.name ?? DEFAULT_NAME,
  });
  const fields: Record<string, string> = {
    ...(user.phone === undefined ? {} : { from: user.phone }),
    from_user_id: user.userId,
    ...(user.parentUserId === undefined ? {} : { from_parent_user_id: user.parentUserId }),
    ...(spec.groupId === undefined ? {} : { group_id: spec.groupId }),
  };
  return { user, fields, conversation: spec.groupId ?? conversationKey(user) };
}

/** Builds the messages (and stores their media); returns a complaint when the spec cannot be met. */
export function buildInbound(spec: InboundSpec, context: InboundContext, sender: Sender = senderOf(spec, context)): BuiltInbound | string {
  const contact = webhookContact(sender.user);
  const shape = typeof spec.batch === 'object' ? spec.batch : { messages: spec.batch ?? 1 };
  const [entries, changes, perChange] = [shape.entries ?? 1, shape.changes ?? 1, shape.messages ?? 1];
  const total = entries * changes * perChange;

  const built: BuiltInbound = { layout: [], entries: [] };
  let index = 0;
  for (let e = 0; e < entries; e++) {
    const entryChanges: ChangeValue[] = [];
    for (let c = 0; c < changes; c++) {
      const messages: Array<Record<string, unknown>> = [];
      for (let m = 0; m < perChange; m++) {
        index += 1;
        const message = buildMessage(spec, sender, context, total > 1 ? ` (${index}/${total})` : '');
        if (typeof message === 'string') return message;
        messages.push(message.item);
        built.entries.push(message.entry);
      }
      // Meta's system messages come without contacts[] ("System messages webhook reference").
      const system = messages.every((message) => message['type'] === 'system');
      entryChanges.push(system ? ({ messages } as ChangeValue) : { contacts: [contact], messages });
    }
    built.layout.push(entryChanges);
  }
  return built;
}

type Happening = { field: string; value: Record<string, unknown>; entry: Omit<TranscriptEntry, 'revision' | 'direction' | 'status'> };

/**
 * Someone at the business answers from the WhatsApp Business app (Meta's "smb_message_echoes
 * webhook reference": `message_echoes[]` items { from: the business number, to, id, timestamp,
 * type, <type> }, and `to_user_id` for the user id).
 */
function echoOf(spec: InboundSpec, sender: Sender, context: InboundContext): Happening {
  const wamid = newWamid(sender.conversation, 'outgoing');
  const body = spec.text ?? 'Hi, this is Ana from the shop: I will take it from here.';
  const echo = {
    from: context.businessDigits,
    ...(spec.groupId !== undefined ? { group_id: spec.groupId } : sender.user.phone === undefined ? {} : { to: sender.user.phone }),
    ...(spec.groupId === undefined ? { to_user_id: sender.user.userId } : {}),
    id: wamid,
    timestamp: String(Math.floor(context.now.getTime() / 1000)),
    type: 'text',
    text: { body },
  };
  return { field: 'smb_message_echoes', value: { message_echoes: [echo] }, entry: { user: sender.conversation, wamid, kind: 'echo', text: body, time: context.now.toISOString() } };
}

/** A user stops or resumes marketing messages (Meta's "user_preferences webhook reference"). */
function preferenceOf(kind: 'opt-out' | 'opt-in', sender: Sender, context: InboundContext): Happening {
  const value = kind === 'opt-out' ? 'stop' : 'resume';
  const { user } = sender;
  const preference = {
    ...(user.phone === undefined ? {} : { wa_id: user.phone }),
    user_id: user.userId,
    ...(user.parentUserId === undefined ? {} : { parent_user_id: user.parentUserId }),
    detail: `User requested to ${value} marketing messages`,
    category: 'marketing_messages',
    value,
    timestamp: Math.floor(context.now.getTime() / 1000),
  };
  return {
    field: 'user_preferences',
    value: { contacts: [webhookContact(user)], user_preferences: [preference] },
    entry: {
      user: sender.conversation,
      wamid: `preference.${newWamid(sender.conversation, 'incoming').slice(6)}`,
      kind,
      text: kind === 'opt-out' ? 'stopped marketing messages' : 'resumed marketing messages',
      time: context.now.toISOString(),
    },
  };
}
