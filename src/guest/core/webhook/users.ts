// Who a message is from, a status about, an echo to: every identifier Meta sent (Meta,
// "Business-scoped user IDs"): the phone number (`from`, `wa_id`, `recipient_id`; left out for a
// user who adopted a username unless Meta may share it), the business-scoped user id (`user_id`,
// `from_user_id`, `recipient_user_id`), the parent one (`parent_user_id`, `from_parent_user_id`,
// `parent_recipient_user_id`) and, in `contacts[]`, the profile name and username.
import { asObject, asString, nonBlank, type JsonObject } from '../json.ts';
import type { User } from './events.ts';

export interface Identifiers {
  phone?: string;
  userId?: string;
  parentUserId?: string;
}

/**
 * The user with these identifiers, named as the matching entry of the change's `contacts[]` (the
 * one whose `wa_id`, `user_id` or `parent_user_id` is one of them: never another user's name).
 * `address` is the first of phone, user id and parent user id that is there.
 */
export function userOf(ids: Identifiers, contacts: readonly unknown[]): User {
  const contact = contactOf(ids, contacts);
  const profile = asObject(contact?.profile);
  const phone = ids.phone ?? nonBlank(contact?.wa_id) ?? '';
  const userId = ids.userId ?? nonBlank(contact?.user_id);
  const parentUserId = ids.parentUserId ?? nonBlank(contact?.parent_user_id);
  return {
    name: asString(profile?.name) ?? '',
    phone,
    userId,
    username: nonBlank(profile?.username),
    parentUserId,
    address: phone || userId || parentUserId || '',
  };
}

/** A group as the `to` of a status or an echo: its id is the address, there is no one to name. */
export function groupAsUser(groupId: string): User {
  return { name: '', phone: '', userId: undefined, username: undefined, parentUserId: undefined, address: groupId };
}

/** Where messages (`from`) and echoes (`to`) carry their user's identifiers. */
const KEYS = {
  from: { phone: 'from', userId: 'from_user_id', parentUserId: 'from_parent_user_id' },
  to: { phone: 'to', userId: 'to_user_id', parentUserId: 'to_parent_user_id' },
} as const;

/** The identifiers of a message's sender (`from`) or an echo's recipient (`to`). */
export function identifiersAt(object: JsonObject, prefix: keyof typeof KEYS): Identifiers {
  const keys = KEYS[prefix];
  return { phone: nonBlank(object[keys.phone]), userId: nonBlank(object[keys.userId]), parentUserId: nonBlank(object[keys.parentUserId]) };
}

// A loop without allocations: it runs once per message over the change's contacts, and a
// 1,000-message delivery is parsed inside the interpreter.
function contactOf(ids: Identifiers, contacts: readonly unknown[]): JsonObject | undefined {
  if (ids.phone === undefined && ids.userId === undefined && ids.parentUserId === undefined) return undefined;
  for (const value of contacts) {
    const candidate = asObject(value);
    if (candidate && (isOneOf(candidate.wa_id, ids) || isOneOf(candidate.user_id, ids) || isOneOf(candidate.parent_user_id, ids))) return candidate;
  }
  return undefined;
}

function isOneOf(id: unknown, ids: Identifiers): boolean {
  return typeof id === 'string' && id !== '' && (id === ids.phone || id === ids.userId || id === ids.parentUserId);
}
