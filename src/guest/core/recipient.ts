// Who a message goes to, and the Graph fields that say so (Meta: Messages API, "Business-scoped
// user IDs" and "Group messaging"):
// - a phone number: `to`, the digits of the international number;
// - a business-scoped user id (BSUID) or parent BSUID, for a user Meta identifies without a phone
//   number: `recipient`, and no `to` ("to" wins when both are present, so it is left out);
// - a group id (Groups API): `to` with `recipient_type: "group"`.
import { refuse } from './failure.ts';

export type RecipientFields =
  | { recipient_type: 'individual'; to: string }
  | { recipient_type: 'individual'; recipient: string }
  | { recipient_type: 'group'; to: string };

// People write numbers as "+1 (650) 555-1234", "0049 170 1234567" or "650.555.1234";
// the Graph API wants the digits of the international number.
const SEPARATORS = /[\s\-\u2010-\u2015.()]/g;

// Meta: a BSUID is the user's ISO 3166 alpha-2 country code, a period, and up to 128
// alphanumeric characters (US.13491208655302741918); a parent BSUID has ENT between the two
// (US.ENT.11815799212886844830). The whole value is sent as given.
const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
const LOOKS_LIKE_BSUID = /^[A-Za-z]{2}\./;

// Group ids are opaque base64 strings (no dots, no dashes) (Meta's examples:
// Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD). A value with at least one letter
// and 20 or more such characters is taken as one, so that neither a mistyped phone number nor a
// word reads as a group.
const GROUP_ID = /^(?=.*[A-Za-z])[A-Za-z0-9_+/=]{20,256}$/;

const FORMS = 'a phone number with its country code (+16505551234), a user id (US.13491208655302741918) or a group id';

/**
 * The Graph fields for `to`: a phone number (spaces, dashes, dots, parentheses and one leading `+`
 * or `00` removed), a BSUID or parent BSUID, or a group id. Throws a SendError (`invalid-request`)
 * naming the value when it is none of these.
 */
export function recipientFields(to: string): RecipientFields {
  const trimmed = to.trim();
  if (trimmed === '') refuse(`recipient ${JSON.stringify(to)} is empty: give ${FORMS}`);
  if (BSUID.test(trimmed)) return { recipient_type: 'individual', recipient: trimmed };
  if (LOOKS_LIKE_BSUID.test(trimmed)) {
    refuse(
      `recipient ${JSON.stringify(to)} is not a user id: a user id is a two-letter country code in capitals, a period and ` +
        'up to 128 letters and digits (US.13491208655302741918), or with ENT for a parent user id (US.ENT.11815799212886844830), given whole',
    );
  }
  if (GROUP_ID.test(trimmed)) return { recipient_type: 'group', to: trimmed };
  return { recipient_type: 'individual', to: normalizePhone(to) };
}

/**
 * The digits of a phone number: whitespace, dashes, dots and parentheses removed, then one leading
 * `+` or `00` (international call prefix). Throws a SendError (`invalid-request`) naming the value
 * when nothing is left or anything but digits remains.
 */
export function normalizePhone(to: string): string {
  let digits = to.replace(SEPARATORS, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);

  if (digits === '') refuse(`recipient ${JSON.stringify(to)} is empty: give ${FORMS}`);
  const bad = /[^0-9]/.exec(digits);
  if (bad !== null) {
    refuse(
      `recipient ${JSON.stringify(to)} is not a phone number, a user id or a group id: ${JSON.stringify(bad[0])} is not allowed in a phone number ` +
        '(only digits, with optional spaces, dashes, dots, parentheses and a leading + or 00)',
    );
  }
  return digits;
}

/** The recipient the fields were made from, as `to` gives it again: the phone digits, the user id or the group id. */
export function recipientOf(fields: RecipientFields): string {
  return 'to' in fields ? fields.to : fields.recipient;
}

/** What to do when Meta will not take a user id for a message (131062). */
export const PHONE_NUMBER_NEEDED =
  "send it to the user's phone number instead; a user who has not shared it can be asked for it with " +
  'send-contact-info-request (inside the 24-hour window) or a template that has a request-contact-info ' +
  '(REQUEST_CONTACT_INFO) button';

/**
 * Refuses a user id where Meta takes phone numbers only (Meta, "Business-scoped user IDs":
 * one-tap, zero-tap and copy-code authentication templates, which it refuses with 131062), so
 * the send fails before any request, saying what to do.
 */
export function requirePhoneNumber(fields: RecipientFields, what: string): void {
  if ('recipient' in fields) {
    refuse(`${what} goes to a phone number only: Meta does not send it to a user id such as ${JSON.stringify(fields.recipient)} (131062); ${PHONE_NUMBER_NEEDED}`);
  }
}
