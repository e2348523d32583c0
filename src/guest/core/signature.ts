// Meta signs every webhook POST with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256
// of the raw body, keyed with the app secret>` (WhatsApp Cloud API, "Webhooks").
import { notSetError } from './config.ts';
import { timingSafeEqual } from './constant-time.ts';
import { fromHex } from './bytes.ts';

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch';

/** HMAC-SHA256 of `data` keyed with `secret`: the port that holds the key. */
export type HmacSha256 = (secret: string, data: Uint8Array) => Promise<ArrayBuffer | Uint8Array>;

// Meta sends the prefix in lower case; any case is accepted for the prefix and the
// hex digits, and nothing else around them except surrounding whitespace.
const HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks X-Hub-Signature-256 against the exact bytes received: one HMAC, compared
 * in constant time. Never pass a re-serialised body: Meta escapes non-ASCII as
 * `\u00e9` and `/` as `\/`, so any round trip through JSON.parse/JSON.stringify
 * changes the bytes.
 *
 * A header that is absent or blank is 'missing'; one not of the form
 * `sha256=<64 hex digits>` is 'malformed'. An empty app secret is a ConfigError
 * (nothing unsigned is ever accepted).
 */
export async function verifySignature(
  appSecret: string,
  body: Uint8Array,
  header: string | undefined,
  hmacSha256: HmacSha256,
): Promise<SignatureCheck> {
  if (appSecret === '') throw notSetError('WHATSAPP_APP_SECRET');
  const trimmed = header?.trim() ?? '';
  if (trimmed === '') return 'missing';
  const hex = HEADER.exec(trimmed)?.[1];
  if (hex === undefined) return 'malformed';
  const mac = await hmacSha256(appSecret, body);
  return timingSafeEqual(mac instanceof Uint8Array ? mac : new Uint8Array(mac), fromHex(hex)) ? 'valid' : 'mismatch';
}
