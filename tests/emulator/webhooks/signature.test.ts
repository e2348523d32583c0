import { describe, expect, it } from 'vitest';
import { hasMetaSignature, legacyMetaSignature, metaSignature } from '../../../src/emulator/webhooks/signature.ts';

// RFC 4231 test case 2 (HMAC-SHA-256) and RFC 2202 test case 2 (HMAC-SHA-1): key "Jefe".
const KEY = 'Jefe';
const DATA = 'what do ya want for nothing?';
const SHA256 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
const SHA1 = 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79';

describe('metaSignature', () => {
  it('is `sha256=` and the lower-case hex HMAC-SHA256, for a string or its UTF-8 bytes', () => {
    expect(metaSignature(DATA, KEY)).toBe(`sha256=${SHA256}`);
    expect(metaSignature(new TextEncoder().encode(DATA), KEY)).toBe(`sha256=${SHA256}`);
  });

  it('signs non-ASCII text as its UTF-8 bytes', () => {
    expect(metaSignature('Café', KEY)).toBe(metaSignature(new Uint8Array([0x43, 0x61, 0x66, 0xc3, 0xa9]), KEY));
  });

  it('legacy: `sha1=` and the lower-case hex HMAC-SHA1', () => {
    expect(legacyMetaSignature(DATA, KEY)).toBe(`sha1=${SHA1}`);
  });
});

describe('hasMetaSignature', () => {
  const body = new TextEncoder().encode(DATA);
  it.each([
    ['as Meta sends it', `sha256=${SHA256}`],
    ['upper-case prefix and digits', `SHA256=${SHA256.toUpperCase()}`],
    ['surrounding white space', `  sha256=${SHA256} `],
  ])('accepts the signature %s', (_name, header) => {
    expect(hasMetaSignature(body, header, KEY)).toBe(true);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['without the prefix', SHA256],
    ['truncated', `sha256=${SHA256.slice(0, 62)}`],
    ['one digit changed', `sha256=${SHA256.slice(0, 63)}${SHA256.endsWith('3') ? '4' : '3'}`],
    ['the legacy SHA-1 header', `sha1=${SHA1}`],
  ])('refuses a signature %s', (_name, header) => {
    expect(hasMetaSignature(body, header, KEY)).toBe(false);
  });

  it('refuses another key and another body', () => {
    expect(hasMetaSignature(body, `sha256=${SHA256}`, 'jefe')).toBe(false);
    expect(hasMetaSignature(new TextEncoder().encode(`${DATA} `), `sha256=${SHA256}`, KEY)).toBe(false);
  });
});
