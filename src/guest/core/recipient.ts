import { refuse } from './failure.ts';

// People write numbers as "+1 (650) 555-1234", "0049 170 1234567" or "650.555.1234";
// the Graph API wants the digits of the international number.
const SEPARATORS = /[\s\-\u2010-\u2015.()]/g;

/**
 * The digits of a recipient phone number: whitespace, dashes, dots and parentheses
 * removed, then one leading `+` or `00` (international call prefix). Throws a
 * SendError (`invalid-request`) naming the value when nothing is left or anything
 * but digits remains.
 */
export function normalizeRecipient(to: string): string {
  let digits = to.replace(SEPARATORS, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);

  if (digits === '') refuse(`recipient ${JSON.stringify(to)} is empty: give the phone number with its country code, like +16505551234`);
  const bad = /[^0-9]/.exec(digits);
  if (bad !== null) {
    refuse(
      `recipient ${JSON.stringify(to)} is not a phone number: ${JSON.stringify(bad[0])} is not allowed ` +
        '(only digits, with optional spaces, dashes, dots, parentheses and a leading + or 00)',
    );
  }
  return digits;
}
