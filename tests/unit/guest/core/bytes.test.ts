import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toBase64, toHex } from '../../../../src/guest/core/bytes.ts';

describe('hex and base64', () => {
  const digest = new Uint8Array(createHash('sha256').update('media').digest());

  it('toHex and toBase64 write what Node writes', () => {
    expect(toHex(digest)).toBe(Buffer.from(digest).toString('hex'));
    expect(toBase64(digest)).toBe(Buffer.from(digest).toString('base64'));
    for (const length of [0, 1, 2, 3, 4, 5]) {
      const bytes = digest.subarray(0, length);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('fromHex reads either case', () => {
    const hex = Buffer.from(digest).toString('hex');
    expect(fromHex(hex)).toEqual(digest);
    expect(fromHex(hex.toUpperCase())).toEqual(digest);
    expect(fromHex('00ff0A')).toEqual(new Uint8Array([0, 255, 10]));
  });
});

describe('concatBytes', () => {
  it('joins chunks in order, and hands back a single chunk as it is', () => {
    const one = new Uint8Array([1, 2]);
    expect(concatBytes([one], 2)).toBe(one);
    expect(concatBytes([one, new Uint8Array([3])], 3)).toEqual(new Uint8Array([1, 2, 3]));
    expect(concatBytes([], 0)).toEqual(new Uint8Array(0));
  });
});
