import { describe, expect, it } from 'vitest';
import { timingSafeEqual } from '../../../../src/guest/core/constant-time.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('timingSafeEqual', () => {
  it.each([
    ['', '', true],
    ['a', 'a', true],
    ['token-é', 'token-é', true],
    ['a', 'b', false],
    ['abc', 'abd', false],
    ['xbc', 'abc', false],
    ['abc', 'abcd', false],
    ['abcd', 'abc', false],
    ['', 'a', false],
    ['a', '', false],
    // a prefix padded with NULs must not compare equal to the shorter string
    ['ab\u0000', 'ab', false],
    ['e\u0301', 'é', false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(timingSafeEqual(bytes(a), bytes(b))).toBe(expected);
    expect(timingSafeEqual(bytes(b), bytes(a))).toBe(expected);
  });

  it('reads every byte of the longer input, whatever the content', () => {
    const reads: number[] = [];
    const watched = (data: Uint8Array, name: number) =>
      new Proxy(data, {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads.push(name);
          return Reflect.get(target, key) as unknown;
        },
      });
    timingSafeEqual(watched(bytes('Xbcdefgh'), 1), watched(bytes('abcdefgh'), 2));
    const firstDiffers = reads.length;
    reads.length = 0;
    timingSafeEqual(watched(bytes('abcdefgX'), 1), watched(bytes('abcdefgh'), 2));
    expect(reads.length).toBe(firstDiffers);
    reads.length = 0;
    timingSafeEqual(watched(bytes('abc'), 1), watched(bytes('abcdefgh'), 2));
    expect(reads.filter((r) => r === 2).length).toBe(8);
  });
});
