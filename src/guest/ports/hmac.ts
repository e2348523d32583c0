// HMAC-SHA256 through WebCrypto (crypto.subtle), with the key of the app secret
// imported once per instance: an import costs about as much as the HMAC itself
// (`npm run bench -- core`), and a long-lived instance checks many deliveries.
//
// StarlingMonkey's importKey reads the key bytes after it has returned, and the
// key keeps using them while it lives: bytes left to the collector made keys that
// refused every valid signature after ~13,500 requests on one long-lived instance
// (tests/hardening/long-lived-repro.ts). So the bytes live here as long as the key.
// The MAC is computed with `sign` and compared by the caller: `verify` answered
// false for a valid MAC about once in 10,000-20,000 calls on a long-lived
// instance, `sign` has not failed in the reproducer (tests/hardening/README.md).

let kept: { secret: string; keyData: Uint8Array<ArrayBuffer>; key: CryptoKey } | undefined;

const encoder = new TextEncoder();

/** The MAC of `data`; the caller keeps `data` reachable until the promise settles. */
export function hmacSha256(secret: string, data: Uint8Array): Promise<ArrayBuffer> {
  const bytes = data as Uint8Array<ArrayBuffer>;
  if (kept?.secret === secret) return crypto.subtle.sign('HMAC', kept.key, bytes);
  return importKey(secret).then((key) => crypto.subtle.sign('HMAC', key, bytes));
}

async function importKey(secret: string): Promise<CryptoKey> {
  const keyData = encoder.encode(secret);
  const key = await crypto.subtle.importKey('raw', keyData, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  kept = { secret, keyData, key };
  return key;
}
