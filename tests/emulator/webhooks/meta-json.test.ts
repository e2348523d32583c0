import { describe, expect, it } from 'vitest';
import { metaJson } from '../../../src/emulator/webhooks/meta-json.ts';

describe('metaJson', () => {
  it.each([
    ['é', '"\\u00e9"'],
    ['a/b', '"a\\/b"'],
    ['😀', '"\\ud83d\\ude00"'],
    ['日本', '"\\u65e5\\u672c"'],
    ['plain "quoted" \\ text', JSON.stringify('plain "quoted" \\ text')],
    ['line\nbreak', '"line\\nbreak"'],
  ])('writes %j as %s', (input, expected) => {
    expect(metaJson(input)).toBe(expected);
  });

  it('is pure ASCII and parses back to the same value', () => {
    const value = { text: { body: 'Café / 😀 / ñ' }, url: 'https://example.com/a/b', n: 1.5, list: [null, true] };
    const serialised = metaJson(value);
    expect(serialised).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(serialised)).toEqual(value);
    expect(serialised).not.toBe(JSON.stringify(value));
  });
});
