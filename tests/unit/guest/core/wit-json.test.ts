import { describe, expect, it } from 'vitest';
import { kebabCase, toWitJson } from '../../../../src/guest/core/wit-json.ts';

describe('kebabCase', () => {
  it.each([
    ['id', 'id'],
    ['userId', 'user-id'],
    ['mimeType', 'mime-type'],
    ['phoneNumberId', 'phone-number-id'],
    ['displayPhoneNumber', 'display-phone-number'],
    ['sha256', 'sha256'],
    ['already-kebab', 'already-kebab'],
  ])('%s → %s', (key, expected) => {
    expect(kebabCase(key)).toBe(expected);
  });
});

describe('toWitJson', () => {
  it('converts a message the way call-component-function expects it', () => {
    const message = {
      content: '[image]',
      sender: { name: 'Sheena', phone: '16505551234', userId: undefined, username: undefined },
      id: 'wamid.X',
      kind: 'image',
      timestamp: 1749416383,
      replyTo: undefined,
      forwarded: false,
      media: { id: '123', mimeType: 'image/jpeg', sha256: 'abc=', filename: undefined, caption: undefined, voice: false, animated: false },
      location: undefined,
      business: { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881' },
    };
    expect(JSON.stringify(toWitJson(message))).toBe(
      JSON.stringify({
        content: '[image]',
        sender: { name: 'Sheena', phone: '16505551234', 'user-id': null, username: null },
        id: 'wamid.X',
        kind: 'image',
        timestamp: 1749416383,
        'reply-to': null,
        forwarded: false,
        media: { id: '123', 'mime-type': 'image/jpeg', sha256: 'abc=', filename: null, caption: null, voice: false, animated: false },
        location: null,
        business: { 'phone-number-id': '106540352242922', 'display-phone-number': '15550783881' },
      }),
    );
  });

  it('maps arrays, keeps scalars and null, turns undefined into null', () => {
    expect(toWitJson([{ errorCode: 1, details: undefined }, 'x', 2, true, null, undefined])).toStrictEqual([
      { 'error-code': 1, details: null },
      'x',
      2,
      true,
      null,
      null,
    ]);
    expect(toWitJson(undefined)).toBeNull();
    expect(toWitJson('')).toBe('');
    expect(toWitJson(0)).toBe(0);
    expect(toWitJson(false)).toBe(false);
  });

  it('does not change its input', () => {
    const input = { userId: 'x', nested: { mimeType: undefined } };
    toWitJson(input);
    expect(input).toStrictEqual({ userId: 'x', nested: { mimeType: undefined } });
  });
});
