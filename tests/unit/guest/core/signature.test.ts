import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metaSignature } from '../../../../src/emulator/webhooks/signature.ts';
import { ConfigError } from '../../../../src/guest/core/config.ts';
import { verifySignature } from '../../../../src/guest/core/signature.ts';

const SECRET = 'c0ffee-app-secret';
const raw = new Uint8Array(readFileSync(new URL('../../../fixtures/webhooks/unicode-escaped-body.json', import.meta.url)));
const reserialised = new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder().decode(raw))));

/** The hex digits of Meta's header for `body`. */
function sign(secret: string, body: Uint8Array): string {
  return metaSignature(body, secret).slice('sha256='.length);
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
    expect(await verifySignature(SECRET, raw, header)).toBe(expected);
  });

  it('checks the exact bytes: the re-serialised JSON does not verify', async () => {
    expect(await verifySignature(SECRET, reserialised, `sha256=${good}`)).toBe('mismatch');
    expect(await verifySignature(SECRET, reserialised, `sha256=${sign(SECRET, reserialised)}`)).toBe('valid');
  });

  it('a wrong secret is a mismatch', async () => {
    expect(await verifySignature('another-secret', raw, `sha256=${good}`)).toBe('mismatch');
  });

  it('one changed byte in the body is a mismatch', async () => {
    const changed = raw.slice();
    const at = changed.length - 3;
    changed[at] = (changed[at] ?? 0) ^ 1;
    expect(await verifySignature(SECRET, changed, `sha256=${good}`)).toBe('mismatch');
  });

  it('an empty body can be signed and checked', async () => {
    const empty = new Uint8Array(0);
    expect(await verifySignature(SECRET, empty, `sha256=${sign(SECRET, empty)}`)).toBe('valid');
  });

  it('a body that is a view into a larger buffer is checked over the view only', async () => {
    const padded = new Uint8Array(raw.length + 20);
    padded.set(raw, 10);
    const view = padded.subarray(10, 10 + raw.length);
    expect(await verifySignature(SECRET, view, `sha256=${good}`)).toBe('valid');
  });

  it('a non-ASCII app secret is used as UTF-8', async () => {
    expect(await verifySignature('sécret', raw, `sha256=${sign('sécret', raw)}`)).toBe('valid');
  });

  it('an empty app secret is a ConfigError naming WHATSAPP_APP_SECRET, never a pass', async () => {
    const error = await verifySignature('', raw, `sha256=${sign('', raw)}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('WHATSAPP_APP_SECRET');
  });
});
