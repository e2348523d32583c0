import { describe, expect, it } from 'vitest';
import { witJsonText } from '../../../../src/guest/core/wit-json.ts';

describe('witJsonText', () => {
  it('writes a message the way call-component-function expects it: kebab-case keys, every key, none as null', () => {
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
    expect(witJsonText(message)).toBe(
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

  it('writes arrays element by element, scalars and null as JSON does, undefined as null', () => {
    expect(witJsonText([{ errorCode: 1, details: undefined }, 'x', 2, true, null, undefined])).toBe(
      '[{"error-code":1,"details":null},"x",2,true,null,null]',
    );
    expect(witJsonText(undefined)).toBe('null');
    expect(witJsonText('')).toBe('""');
    expect(witJsonText('Café "☕"\n')).toBe(JSON.stringify('Café "☕"\n'));
    expect(witJsonText(0)).toBe('0');
    expect(witJsonText(false)).toBe('false');
    expect(witJsonText([])).toBe('[]');
    expect(witJsonText({})).toBe('{}');
  });

  it.each([
    ['id', 'id'],
    ['userId', 'user-id'],
    ['mimeType', 'mime-type'],
    ['phoneNumberId', 'phone-number-id'],
    ['displayPhoneNumber', 'display-phone-number'],
    ['sha256', 'sha256'],
  ])('key %s → %s', (key, expected) => {
    expect(witJsonText({ [key]: 1 })).toBe(`{"${expected}":1}`);
  });

  it('does not change its input', () => {
    const input = { userId: 'x', nested: { mimeType: undefined } };
    witJsonText(input);
    expect(input).toStrictEqual({ userId: 'x', nested: { mimeType: undefined } });
  });
});
