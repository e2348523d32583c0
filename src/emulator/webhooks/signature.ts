// The signature Meta puts on every webhook POST (WhatsApp Cloud API, "Webhooks": "Validating
// payloads"): `X-Hub-Signature-256: sha256=<hex>`, the lower-case hex HMAC-SHA256 of the exact
// body bytes keyed with the app secret, and the legacy `X-Hub-Signature: sha1=<hex>`, the same
// with SHA-1. Everything on the Node side that signs a webhook as Meta does, or checks one as the
// component does (the emulator, the tests, the benchmarks), uses these.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `X-Hub-Signature-256` value Meta sends for `body` (a string counts as its UTF-8 bytes). */
export function metaSignature(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** The legacy `X-Hub-Signature` value (SHA-1) Meta still sends next to the SHA-256 one. */
export function legacyMetaSignature(body: string | Uint8Array, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`;
}

/** The component's reading of the header: the prefix and hex digits in any case, surrounding white space allowed. */
const HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * Whether `header` is a valid `X-Hub-Signature-256` for `body`, checked as the component checks
 * it: HMAC-SHA256 over the exact bytes, compared in constant time.
 */
export function hasMetaSignature(body: string | Uint8Array, header: string | undefined, appSecret: string): boolean {
  const hex = header === undefined ? undefined : HEADER.exec(header.trim())?.[1];
  if (hex === undefined) return false;
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}
