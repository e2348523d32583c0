// The WhatsApp users the emulator knows, by phone number and by business-scoped user id (BSUID).
// Meta gives every user a BSUID (`user_id` / `from_user_id` in every messages webhook since
// 2026-03-31, "Business-scoped user IDs"); a user who adopted a username may show no phone
// number at all. A message the business sends to either identifier reaches the same person, so
// the transcript keeps one conversation per user: under the phone number when there is one,
// else under the BSUID.
import { createHash } from 'node:crypto';

export interface KnownUser {
  /** Digits, or undefined for a user whose phone number Meta does not share. */
  phone?: string;
  userId: string;
  parentUserId?: string;
  username?: string;
  name?: string;
}

/** Meta: a BSUID is an ISO 3166 alpha-2 country code, a period and up to 128 alphanumerics; a parent BSUID has ENT in between. */
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

// Enough calling codes for realistic sample ids; any other number is given "US".
const COUNTRIES: readonly (readonly [string, string])[] = [
  ['351', 'PT'],
  ['44', 'GB'],
  ['49', 'DE'],
  ['33', 'FR'],
  ['34', 'ES'],
  ['39', 'IT'],
  ['55', 'BR'],
  ['54', 'AR'],
  ['52', 'MX'],
  ['91', 'IN'],
  ['1', 'US'],
];

/** The BSUID the emulator gives a phone number: its country and 19 digits derived from the number, stable across runs. */
export function bsuidForPhone(phone: string): string {
  const country = COUNTRIES.find(([code]) => phone.startsWith(code))?.[1] ?? 'US';
  const digits = BigInt(`0x${createHash('sha256').update(phone).digest('hex').slice(0, 15)}`).toString().padStart(19, '1');
  return `${country}.${digits}`;
}

export class UserDirectory {
  readonly #byPhone = new Map<string, KnownUser>();
  readonly #byUserId = new Map<string, KnownUser>();

  /** Records what a user's message showed; later sends to either identifier find them. */
  remember(user: KnownUser): KnownUser {
    const known = (user.phone === undefined ? undefined : this.#byPhone.get(user.phone)) ?? this.#byUserId.get(user.userId);
    const merged = { ...known, ...dropUndefined(user) } as KnownUser;
    if (merged.phone !== undefined) this.#byPhone.set(merged.phone, merged);
    this.#byUserId.set(merged.userId, merged);
    if (merged.parentUserId !== undefined) this.#byUserId.set(merged.parentUserId, merged);
    return merged;
  }

  /** The user with this phone number; one never seen gets the BSUID the emulator derives for it. */
  byPhone(phone: string): KnownUser {
    return this.#byPhone.get(phone) ?? { phone, userId: bsuidForPhone(phone) };
  }

  /** The user with this BSUID or parent BSUID, or undefined when no message came from it. */
  byUserId(userId: string): KnownUser | undefined {
    return this.#byUserId.get(userId);
  }

  clear(): void {
    this.#byPhone.clear();
    this.#byUserId.clear();
  }
}

/** The key of a user's conversation in the transcript: the phone number, else the BSUID. */
export function conversationKey(user: Pick<KnownUser, 'phone' | 'userId'>): string {
  return user.phone ?? user.userId;
}

function dropUndefined(user: KnownUser): Partial<KnownUser> {
  return Object.fromEntries(Object.entries(user).filter(([, value]) => value !== undefined));
}
