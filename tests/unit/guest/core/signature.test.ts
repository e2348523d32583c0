import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metaSignature } from '../../../../src/emulator/webhooks/signature.ts';
import { ConfigError } from '../../../../src/guest/core/config.ts';
import { verifySignature } from '../../../../src/guest/core/signature.ts';
import { hmacSha256 } from '../../../../src/guest/ports/hmac.ts';

const SECRET = 'c0ffee-app-secret';
const raw = new Uint8Array(readFileSync(new URL('../../../fixtures/webhooks/unicode-escaped-body.json', import.meta.url)));
const reserialised = new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder().decode(raw))));

/** The hex digits of Meta's header for `body`. */
function sign(secret: string, body: Uint8Array): string {
  return metaSignature(body, secret).slice('sha256='.length);
}

/** The check as the webhook makes it: the MAC from the port that keeps the key. */
function check(secret: string, body: Uint8Array, header: string | undefined) {
  return verifySignature(secret, body, header, hmacSha256);
}

describe('verifySignature', () => {
  const good = sign(SECRET, raw);

  it('the fixture really carries escapes that a JSON round trip removes', () => {
    const text = new TextDecoder().decode(raw);
    expect(text).toContain('Caf\\u00e9');
    expect(text).toContain('https:\\/\\/example.com\\/menu');
    expect(reserialised).not.toEqual(raw);
  });

  it.each([
    ['lower-case hex', `sha256=${good}`, 'valid'],
    ['upper-case hex', `sha256=${good.toUpperCase()}`, 'valid'],
    ['upper-case prefix', `SHA256=${good}`, 'valid'],
    ['surrounding whitespace', `  sha256=${good} `, 'valid'],
    ['absent', undefined, 'missing'],
    ['empty', '', 'missing'],
    ['blank', '   ', 'missing'],
    ['truncated hex', `sha256=${good.slice(0, 63)}`, 'malformed'],
    ['hex too long', `sha256=${good}0`, 'malformed'],
    ['no prefix', good, 'malformed'],
    ['sha1 prefix', `sha1=${good}`, 'malformed'],
    ['prefix with space', `sha256= ${good}`, 'malformed'],
    ['two signatures', `sha256=${good},sha256=${good}`, 'malformed'],
    ['non-hex digit', `sha256=${good.slice(0, 63)}g`, 'malformed'],
    ['base64 digest', `sha256=${Buffer.from(good, 'hex').toString('base64')}`, 'malformed'],
    ['one hex digit changed', `sha256=${good.slice(0, 10)}${good[10] === '0' ? '1' : '0'}${good.slice(11)}`, 'mismatch'],
    ['all zeros', `sha256=${'0'.repeat(64)}`, 'mismatch'],
  ] as const)('%s → %s', async (_name, header, expected) => {
    expect(await check(SECRET, raw, header)).toBe(expected);
  });

  it('checks the exact bytes: the re-serialised JSON does not verify', async () => {
    expect(await check(SECRET, reserialised, `sha256=${good}`)).toBe('mismatch');
    expect(await check(SECRET, reserialised, `sha256=${sign(SECRET, reserialised)}`)).toBe('valid');
  });

  it('a wrong secret is a mismatch', async () => {
    expect(await check('another-secret', raw, `sha256=${good}`)).toBe('mismatch');
  });

  it('one changed byte in the body is a mismatch', async () => {
    const changed = raw.slice();
    const at = changed.length - 3;
    changed[at] = (changed[at] ?? 0) ^ 1;
    expect(await check(SECRET, changed, `sha256=${good}`)).toBe('mismatch');
  });

  it('an empty body can be signed and checked', async () => {
    const empty = new Uint8Array(0);
    expect(await check(SECRET, empty, `sha256=${sign(SECRET, empty)}`)).toBe('valid');
  });

  it('a body that is a view into a larger buffer is checked over the view only', async () => {
    const padded = new Uint8Array(raw.length + 20);
    padded.set(raw, 10);
    const view = padded.subarray(10, 10 + raw.length);
    expect(await check(SECRET, view, `sha256=${good}`)).toBe('valid');
  });

  it('a non-ASCII app secret is used as UTF-8', async () => {
    expect(await check('sécret', raw, `sha256=${sign('sécret', raw)}`)).toBe('valid');
  });

  it('an empty app secret is a ConfigError naming WHATSAPP_APP_SECRET, never a pass', async () => {
    const error = await check('', raw, `sha256=${sign('', raw)}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('WHATSAPP_APP_SECRET');
  });
});

describe('one HMAC per check', () => {
  it('computes the MAC once, through the port, and compares it with the header', async () => {
    const calls: [string, number][] = [];
    const counting = (secret: string, data: Uint8Array) => {
      calls.push([secret, data.length]);
      return hmacSha256(secret, data);
    };
    const good = sign(SECRET, raw);
    expect(await verifySignature(SECRET, raw, `sha256=${good}`, counting)).toBe('valid');
    expect(await verifySignature(SECRET, raw, `sha256=${'0'.repeat(64)}`, counting)).toBe('mismatch');
    expect(calls).toEqual([
      [SECRET, raw.length],
      [SECRET, raw.length],
    ]);
  });

  it('does not compute a MAC for a header that is missing or malformed', async () => {
    const never = () => Promise.reject(new Error('no MAC needed'));
    expect(await verifySignature(SECRET, raw, undefined, never)).toBe('missing');
    expect(await verifySignature(SECRET, raw, 'sha256=xyz', never)).toBe('malformed');
  });
});
