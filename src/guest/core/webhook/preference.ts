// One entry of a `user_preferences` change's `user_preferences[]` (Meta's
// "user_preferences webhook reference": { wa_id, user_id, parent_user_id, detail,
// category: "marketing_messages", value: "stop" | "resume", timestamp }, and the
// user's `contacts[]` entry beside it).
import { asObject, asString, nonBlank, unixSeconds } from '../json.ts';
import type { UserPreference } from './events.ts';
import type { ChangeContext } from './item.ts';
import { userOf } from './users.ts';

/** The preference at `user_preferences[index]` of the change, or undefined (with a note) when it names no user. */
export function parsePreference(value: unknown, index: number, change: ChangeContext): UserPreference | undefined {
  const where = `${change.where}.user_preferences[${index}]`;
  const preference = asObject(value);
  if (preference === undefined) {
    change.notes.note('warn', where, 'not an object; skipped');
    return undefined;
  }
  const user = userOf({ phone: nonBlank(preference.wa_id), userId: nonBlank(preference.user_id), parentUserId: nonBlank(preference.parent_user_id) }, change.contacts);
  if (user.address === '') {
    change.notes.note('warn', where, 'names no user (no wa_id or user_id); skipped');
    return undefined;
  }
  let timestamp = unixSeconds(preference.timestamp);
  if (timestamp === undefined) {
    change.notes.note('warn', where, `timestamp ${JSON.stringify(preference.timestamp)} is not unix seconds; using 0`);
    timestamp = 0;
  }
  return {
    user,
    category: asString(preference.category) ?? '',
    value: asString(preference.value) ?? '',
    detail: asString(preference.detail) ?? '',
    timestamp,
    business: change.business,
  };
}
