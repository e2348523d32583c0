// Shared by the webhook parser's tests: fixtures, payload envelopes, and the
// expected records, written with only the fields a case cares about (the rest
// are the defaults every parsed record has).
import { readFileSync } from 'node:fs';
import type { InboundEvent, InboundMessage, MessageStatus, User } from '../../../../../src/guest/core/webhook/events.ts';
import { parseWebhook } from '../../../../../src/guest/core/webhook/parse.ts';

export const FIXTURES = new URL('../../../../fixtures/webhooks/', import.meta.url);

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
}

/** A payload with one change whose value is `value`. */
export function payload(value: unknown, field: unknown = 'messages'): unknown {
  return { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ value, field }] }] };
}

export const meta = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };
export const business = { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881' };
export const sheena: User = { name: 'Sheena Nelson', phone: '16505551234', userId: undefined, username: undefined, parentUserId: undefined, address: '16505551234' };

/** A user with `fields`; `address` is the phone, else the user id, else the parent user id, unless given. */
export function user(fields: Partial<User>): User {
  const base = { name: '', phone: '', userId: undefined, username: undefined, parentUserId: undefined, ...fields };
  return { ...base, address: fields.address ?? (base.phone || base.userId || base.parentUserId || '') };
}

type Media = NonNullable<InboundMessage['media']>;
type Location = NonNullable<InboundMessage['location']>;

export type MessageFields = Pick<InboundMessage, 'id' | 'kind' | 'content' | 'timestamp'> &
  Partial<Omit<InboundMessage, 'sender' | 'media' | 'location'>> & {
    sender?: Partial<User>;
    media?: Partial<Media> & Pick<Media, 'id' | 'mimeType'>;
    location?: Partial<Location> & Pick<Location, 'latitude' | 'longitude'>;
  };

export function inboundMessage({ sender, media, location, ...fields }: MessageFields): InboundMessage {
  const from = sender === undefined ? sheena : user({ ...sheena, address: undefined, ...sender });
  return {
    sender: from,
    groupId: undefined,
    chat: fields.groupId ?? from.address,
    referral: undefined,
    contacts: [],
    flowReply: undefined,
    order: undefined,
    originalId: undefined,
    changedTo: undefined,
    replyTo: undefined,
    replyId: undefined,
    forwarded: false,
    business,
    media: media && { sha256: undefined, filename: undefined, caption: undefined, voice: false, animated: false, ...media },
    location: location && { name: undefined, address: undefined, url: undefined, ...location },
    ...fields,
  };
}

export function message(fields: MessageFields): InboundEvent {
  return { type: 'message', message: inboundMessage(fields) };
}

export function status(fields: Pick<MessageStatus, 'id' | 'status' | 'timestamp'> & Partial<MessageStatus>): InboundEvent {
  return {
    type: 'status',
    status: {
      recipient: '16505551234',
      errors: [],
      conversationId: undefined,
      pricingCategory: undefined,
      callbackData: undefined,
      business,
      to: user({ phone: fields.recipient ?? '16505551234' }),
      groupId: undefined,
      ...fields,
    },
  };
}

/** The one message of a payload made of `messageJson` (sent by 16505551234 unless it says otherwise) and `contacts`. */
export function parseOne(messageJson: Record<string, unknown>, contacts: unknown[] = []): InboundMessage {
  const parsed = parseWebhook(payload({ metadata: meta, contacts, messages: [{ from: '16505551234', id: 'wamid.X', timestamp: '1700000000', ...messageJson }] }));
  const event = parsed.events[0];
  if (event?.type !== 'message') throw new Error(`no message: ${JSON.stringify(parsed.notes)}`);
  return event.message;
}
