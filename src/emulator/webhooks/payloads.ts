// The `messages` webhook envelopes, as Meta's "messages webhook reference" shows them:
import type { Addressee } from '../graph/messages.ts';
import type { KnownUser } from '../conversation/users.ts';

// { object: "whatsapp_business_account", entry: [{ id: <WABA id>, changes: [{ field: "messages",
//   value: { messaging_product, metadata: { display_phone_number, phone_number_id },
//            contacts?, messages? | statuses? } }] }] }

export interface BusinessIdentity {
  wabaId: string;
  phoneNumberId: string;
  /** Digits only in webhooks: "15550783881". */
  displayPhoneNumberDigits: string;
}

/**
 * A `contacts[]` item (Meta, "Business-scoped user IDs"): `wa_id` only when Meta shares the
 * phone number, `user_id` (the BSUID) always, `parent_user_id` for linked portfolios,
 * `profile.username` for a user who adopted one.
 */
export interface WebhookContact {
  profile?: { name?: string; username?: string };
  wa_id?: string;
  user_id: string;
  parent_user_id?: string;
}

/** One `value` of a change: the contacts and messages of one user, or statuses (with their recipients). */
export type ChangeValue =
  | { contacts: WebhookContact[]; messages: Array<Record<string, unknown>> }
  | { contacts?: WebhookContact[]; statuses: Array<Record<string, unknown>> };

/** The contact of a user as a messages webhook shows it. */
export function webhookContact(user: KnownUser, options: { username: boolean } = { username: true }): WebhookContact {
  const profile = {
    ...(user.name === undefined ? {} : { name: user.name }),
    ...(user.username === undefined || !options.username ? {} : { username: user.username }),
  };
  return {
    ...(Object.keys(profile).length === 0 ? {} : { profile }),
    ...(user.phone === undefined ? {} : { wa_id: user.phone }),
    user_id: user.userId,
    ...(user.parentUserId === undefined ? {} : { parent_user_id: user.parentUserId }),
  };
}

/**
 * Lays `values` out as entries × changes (the shape a batch asks for), each value with the
 * number's metadata, under `field` (`messages`, or `smb_message_echoes` and `user_preferences`,
 * whose values Meta shapes the same way).
 */
export function webhookEnvelope(business: BusinessIdentity, entries: Array<Array<ChangeValue | Record<string, unknown>>>, field = 'messages'): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((changes) => ({
      id: business.wabaId,
      changes: changes.map((value) => ({
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: business.displayPhoneNumberDigits, phone_number_id: business.phoneNumberId },
          ...value,
        },
        field,
      })),
    })),
  };
}

/** A change of any other field, as Meta sends those: the entry's `time`, and the value as it is. */
export function fieldEnvelope(business: BusinessIdentity, field: string, value: unknown, time: Date): Record<string, unknown> {
  return { object: 'whatsapp_business_account', entry: [{ id: business.wabaId, time: Math.floor(time.getTime() / 1000), changes: [{ value, field }] }] };
}

export type StatusName = 'sent' | 'delivered' | 'read' | 'played';

export interface StatusFacts {
  wamid: string;
  addressee: Addressee;
  status: StatusName;
  time: Date;
  /** Templates are billable business-initiated messages; replies in the window are free service ones. */
  template: boolean;
  /** The conversation id Meta gives the 24 h window. */
  conversationId: string;
  conversationOpenedAt: Date;
  /** The message's `biz_opaque_callback_data`, which every status of it carries. */
  callbackData?: string;
}

/**
 * Who a status is about (Meta, "Business-scoped user IDs" and "Group messaging"): `recipient_id`
 * is the phone number (when Meta shares it) or the group id, `recipient_user_id` the user id the
 * message was sent to, `recipient_type` "group" for a group.
 */
export function statusRecipient(addressee: Addressee): Record<string, string> {
  if (addressee.by === 'group') return { recipient_id: addressee.group, recipient_type: 'group' };
  return {
    ...(addressee.user.phone === undefined ? {} : { recipient_id: addressee.user.phone }),
    ...(addressee.by === 'user-id' ? { recipient_user_id: addressee.userIdGiven } : {}),
  };
}

/** The `contacts[]` of a status (none for a group); the username is left out of `sent`, as Meta does. */
export function statusContacts(addressee: Addressee, status: StatusName): WebhookContact[] | undefined {
  return addressee.by === 'group' ? undefined : [webhookContact(addressee.user, { username: status !== 'sent' })];
}

/** One `statuses[]` item. `read` and `played` carry no pricing, as Meta's do not. */
export function statusItem(facts: StatusFacts): Record<string, unknown> {
  const timestamp = String(Math.floor(facts.time.getTime() / 1000));
  const item: Record<string, unknown> = { id: facts.wamid, status: facts.status, timestamp, ...statusRecipient(facts.addressee) };
  if (facts.callbackData !== undefined) item['biz_opaque_callback_data'] = facts.callbackData;
  if (facts.status === 'read' || facts.status === 'played') return item;
  const category = facts.template ? 'utility' : 'service';
  item['conversation'] = {
    id: facts.conversationId,
    ...(facts.status === 'sent' ? { expiration_timestamp: String(Math.floor(facts.conversationOpenedAt.getTime() / 1000) + 24 * 3600) } : {}),
    origin: { type: category },
  };
  item['pricing'] = facts.template
    ? { billable: true, pricing_model: 'PMP', category, type: 'regular' }
    : { billable: false, pricing_model: 'PMP', category, type: 'free_customer_service' };
  return item;
}
