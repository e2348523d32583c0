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

/** A string with something besides whitespace in it, within `max` characters; undefined for a blank or absent one. */
export function optionalText(what: string, value: string | undefined, max: number): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return requireLength(what, value, 1, max);
}

/** A string that must not be blank, of 1 to `max` characters. */
export function requiredText(what: string, value: string, max: number): string {
  requireText(what, value);
  return requireLength(what, value, 1, max);
}

/** `value` decimal degrees within ±`limit`: latitudes ±90, longitudes ±180. */
export function requireDegrees(what: string, value: number, limit: number): number {
  if (!Number.isFinite(value) || value < -limit || value > limit) {
    refuse(`${what} ${value} is out of range: it must be a number of degrees from -${limit} to ${limit}`);
  }
  return value;
}

/** An http:// or https:// address with a host, as a button's URL. */
export function requireWebLink(what: string, value: string): string {
  const link = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(link);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    refuse(`${what} ${quoted(value)} is not a web address: give an http:// or https:// link`);
  }
  return link;
}

/**
 * A JSON object given as text (data for a Flow's first screen). Meta: the data "must be a
 * non-empty object".
 */
export function requireJsonObject(what: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse(`${what} ${quoted(text)} is not JSON: give a JSON object as text, like "{\\"party_size\\": 2}"`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(`${what} ${quoted(text)} is not a JSON object: Meta takes an object, like "{\\"party_size\\": 2}"`);
  }
  if (Object.keys(value).length === 0) return refuse(`${what} is an empty JSON object: Meta requires a non-empty one, or none at all`);
  return value as Record<string, unknown>;
}

// An emoji holds a pictograph, a regional-indicator flag or a keycap. Code
// point ranges rather than \p{Extended_Pictographic}: StarlingMonkey's regular
// expressions have no Unicode property escapes (the build fails on them).
const EMOJI_RANGES: readonly (readonly [number, number])[] = [
  [0x00a9, 0x00a9],
  [0x00ae, 0x00ae],
  [0x203c, 0x203c],
  [0x2049, 0x2049],
  [0x20e3, 0x20e3],
  [0x2122, 0x2139],
  [0x2194, 0x21aa],
  [0x231a, 0x23ff],
  [0x24c2, 0x24c2],
  [0x25aa, 0x25fe],
  [0x2600, 0x27bf],
  [0x2934, 0x2935],
  [0x2b05, 0x2b55],
  [0x3030, 0x3030],
  [0x303d, 0x303d],
  [0x3297, 0x3299],
  [0x1f000, 0x1faff],
];

/** Whether `text` holds at least one emoji. */
export function hasEmoji(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (EMOJI_RANGES.some(([from, to]) => code >= from && code <= to)) return true;
  }
  return false;
}
