import { describe, expect, it } from 'vitest';
import { asFiniteNumber, asInteger, asList, asObject, asString, nonBlank, parseJson, unixSeconds } from '../../../../src/guest/core/json.ts';

describe('parseJson', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['[1,"x"]', [1, 'x']],
    ['"text"', 'text'],
    ['null', null],
    ['{"a":', undefined],
    ['', undefined],
  ])('text %j → %j', (text, expected) => {
    expect(parseJson(text)).toEqual(expected);
  });

  it('decodes bytes as strict UTF-8: invalid UTF-8 is not JSON rather than decoded lossily', () => {
    expect(parseJson(new TextEncoder().encode('{"body":"Café"}'))).toEqual({ body: 'Café' });
    expect(parseJson(new Uint8Array([0x22, 0xff, 0x22]))).toBeUndefined();
  });
});

describe('narrowing', () => {
  it('asObject takes objects only, not arrays or null', () => {
    expect(asObject({ a: 1 })).toEqual({ a: 1 });
    for (const value of [null, undefined, [], 'x', 1]) expect(asObject(value)).toBeUndefined();
  });

  it('asList gives the array, or an empty one', () => {
    expect(asList([1])).toEqual([1]);
    for (const value of [null, undefined, {}, 'x']) expect(asList(value)).toEqual([]);
  });

  it.each([
    [undefined, undefined, undefined],
    ['', '', undefined],
    ['  ', '  ', undefined],
    ['x', 'x', 'x'],
    [' x ', ' x ', ' x '],
    [7, undefined, undefined],
  ])('%j: asString %j, nonBlank %j', (value, string, blank) => {
    expect(asString(value)).toBe(string);
    expect(nonBlank(value)).toBe(blank);
  });

  it.each([
    [1.5, 1.5, undefined],
    ['48.8584', 48.8584, undefined],
    ['131030', 131030, 131030],
    [' -1 ', -1, -1],
    [Number.NaN, undefined, undefined],
    [Number.POSITIVE_INFINITY, undefined, undefined],
    ['', undefined, undefined],
    ['abc', undefined, undefined],
    [null, undefined, undefined],
  ])('%j: asFiniteNumber %j, asInteger %j', (value, finite, integer) => {
    expect(asFiniteNumber(value)).toBe(finite);
    expect(asInteger(value)).toBe(integer);
  });

  it.each([
    ['1749416383', 1749416383],
    [1700000001, 1700000001],
    [-1, undefined],
    [1.5, undefined],
    ['soon', undefined],
  ])('unixSeconds(%j) is %j', (value, expected) => {
    expect(unixSeconds(value)).toBe(expected);
  });
});
