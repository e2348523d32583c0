import { notSetError } from './config.ts';
import { timingSafeEqual } from './constant-time.ts';

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch';

// Meta signs every webhook POST with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
// the raw body, keyed with the app secret>`. Meta sends the prefix in lower case; we
// accept any case for the prefix and the hex digits, and nothing else around them
// except surrounding whitespace.
const HEADER = /^sha256=([0-9a-f]{64})$/i;

const encoder = new TextEncoder();

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

/**
 * The key of the last app secret seen, with its bytes: a long-lived instance
 * imports it once, not per request. StarlingMonkey reads the key bytes after
 * importKey has returned and keeps using them while the key lives, so they stay
 * referenced here for as long as the key does: a collected temporary made keys of
 * freed memory that refused valid signatures (tests/hardening/README.md).
 */
let cached: { secret: string; keyData: Uint8Array<ArrayBuffer>; key: Promise<CryptoKey> } | undefined;

function hmacKey(appSecret: string): Promise<CryptoKey> {
  if (cached?.secret !== appSecret) {
    const keyData = encoder.encode(appSecret);
    cached = { secret: appSecret, keyData, key: crypto.subtle.importKey('raw', keyData, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']) };
  }
  return cached.key;
}

/**
 * Checks X-Hub-Signature-256 against the exact bytes received. The HMAC is computed
 * by crypto.subtle.verify, which compares in constant time. Never pass a
 * re-serialised body: Meta escapes non-ASCII as `\u00e9` and `/` as `\/`, so any
 * round trip through JSON.parse/JSON.stringify changes the bytes.
 *
 * A header that is absent or blank is 'missing'; one not of the form
 * `sha256=<64 hex digits>` is 'malformed'. An empty app secret is a ConfigError
 * (nothing unsigned is ever accepted).
 */
export async function verifySignature(
  appSecret: string,
  body: Uint8Array,
  header: string | undefined,
): Promise<SignatureCheck> {
  if (appSecret === '') throw notSetError('WHATSAPP_APP_SECRET');
  if (header === undefined || header.trim() === '') return 'missing';
  const match = HEADER.exec(header.trim());
  if (match === null || match[1] === undefined) return 'malformed';

  const key = await hmacKey(appSecret);
  // Copy into a fresh ArrayBuffer-backed view: a Uint8Array over a
  // SharedArrayBuffer is not a valid BufferSource for WebCrypto.
  const data = new Uint8Array(body);
  const signature = hexToBytes(match[1]);
  let valid = await crypto.subtle.verify('HMAC', key, signature, data);
  if (!valid) {
    // StarlingMonkey's verify has answered false for a valid MAC about once in
    // 10,000-20,000 calls on a long-lived instance (tests/hardening/README.md), so a
    // mismatch gets a second opinion by another path before it becomes a 401.
    const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
    valid = timingSafeEqual(expected, signature);
  }
  // Reachable until verify and sign have read them, for the same reason as the key bytes.
  void signature.byteLength;
  void data.byteLength;
  return valid ? 'valid' : 'mismatch';
}
