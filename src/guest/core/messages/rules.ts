// The checks several message kinds share. Each message file states its own
// limits (Meta's numbers, next to the code that enforces them); these helpers
// only make every refusal read the same way: which rule, which value.
import { refuse } from '../failure.ts';

/**
 * Length as a person counts it: code points, so an emoji is one character.
 * Meta does not say which unit its limits use; counting code points never
 * refuses what Meta accepts (Meta answers the rest with its own error).
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** A value short enough to quote in an error message. */
export function quoted(value: string, max = 60): string {
  const chars = [...value];
  return JSON.stringify(chars.length <= max ? value : `${chars.slice(0, max).join('')}…`);
}

/** `what` must have `min` to `max` characters. */
export function requireLength(what: string, value: string, min: number, max: number): string {
  const count = characterCount(value);
  if (count < min || count > max) {
    const allowed = min === max ? `${min}` : min === 0 ? `at most ${max}` : `${min} to ${max}`;
    refuse(`${what} ${quoted(value)} is ${count} characters: Meta allows ${allowed}`);
  }
  return value;
}

/** `what` must not be empty or only whitespace. */
export function requireText(what: string, value: string): string {
  if (value.trim() === '') refuse(`${what} is empty: Meta requires it`);
  return value;
}

const WAMID = /^wamid\.[A-Za-z0-9+/=_-]+$/;

/** A WhatsApp message id (`wamid.` + base64), as webhooks and sends give them. */
export function requireWamid(what: string, value: string): string {
  const id = value.trim();
  if (!WAMID.test(id)) refuse(`${what} ${quoted(value)} is not a WhatsApp message id (a wamid, like "wamid.HBgL...")`);
  return id;
}

/** Meta's media ids (from upload-media, or in an inbound message's media) are decimal digits. */
export function requireMediaId(what: string, value: string): string {
  const id = value.trim();
  if (!/^\d+$/.test(id)) refuse(`${what} ${quoted(value)} is not a media id (digits, as upload-media returns them)`);
  return id;
}
