// Identifiers shaped like Meta's, unique within one emulator run.
import { randomBytes } from 'node:crypto';

let counter = 0;

function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length).toUpperCase();
}

/**
 * A wamid as Cloud API returns them: `wamid.` + base64 of a small protobuf-like record holding
 * the user's number and a random id, e.g. `wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTND...A=`.
 * Outgoing (business-sent) and incoming ids differ in one flag byte, as Meta's do.
 */
export function newWamid(userDigits: string, direction: 'outgoing' | 'incoming'): string {
  const digits = Buffer.from(userDigits.slice(0, 255), 'ascii');
  const unique = Buffer.from(`${randomHex(12)}${(++counter).toString(16).toUpperCase().padStart(8, '0')}`, 'ascii');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, digits.length]),
    digits,
    Buffer.from([0x15, 0x02, 0x00, direction === 'outgoing' ? 0x11 : 0x12, 0x18, unique.length]),
    unique,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}

/** Media ids are decimal strings, 15–16 digits. */
export function newMediaId(): string {
  return `${1000000000000000 + Math.floor(Math.random() * 8000000000000000) + ++counter}`;
}

/** fbtrace_id: an opaque ~23-character base64url token. */
export function newTraceId(): string {
  return `A${randomBytes(17).toString('base64url').slice(0, 22)}`;
}

/** An opaque token for media download URLs. */
export function newUrlToken(): string {
  return randomBytes(24).toString('base64url');
}

/** WhatsApp ids are the number's digits: `+1 (650) 555-1234` → `16505551234`. */
export function waIdOf(to: string): string {
  return to.replace(/\D/g, '');
}
