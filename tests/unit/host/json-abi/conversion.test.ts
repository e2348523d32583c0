import { describe, expect, it } from 'vitest';
import { jcoToJson, resultToJson } from '../../../../src/host/json-abi/from-jco.ts';
import { JsonAbiError, toJsonText } from '../../../../src/host/json-abi/json-value.ts';
import { jsonToJco } from '../../../../src/host/json-abi/to-jco.ts';
import type { WitType } from '../../../../src/host/wit/model.ts';

const string: WitType = { kind: 'string' };
const u8: WitType = { kind: 'u8' };
const color: WitType = { kind: 'enum', name: 'color', cases: ['red', 'dark-blue'] };
const perms: WitType = { kind: 'flags', name: 'perms', flags: ['read', 'exec-all'] };
const user: WitType = {
  kind: 'record',
  name: 'user',
  fields: [
    { name: 'name', type: string },
    { name: 'user-id', type: { kind: 'option', inner: string } },
  ],
};
const shape: WitType = {
  kind: 'variant',
  name: 'shape',
  cases: [{ name: 'circle', type: { kind: 'u32' } }, { name: 'empty' }],
};
const failure: WitType = { kind: 'result', ok: string, err: { kind: 'u16' } };

describe('jsonToJco: JSON argument to jco value', () => {
  it.each<[string, WitType, unknown, unknown]>([
    ['bool', { kind: 'bool' }, true, true],
    ['string', string, 'hé', 'hé'],
    ['char (astral)', { kind: 'char' }, '😀', '😀'],
    ['f64', { kind: 'f64' }, 1.5, 1.5],
    ['f32 from an integer', { kind: 'f32' }, 2, 2],
    ['u8', u8, 255, 255],
    ['s32 negative', { kind: 's32' }, -2_147_483_648, -2_147_483_648],
    ['u64 as bigint', { kind: 'u64' }, 9_007_199_254_740_991, 9_007_199_254_740_991n],
    ['s64 as bigint', { kind: 's64' }, -5, -5n],
    ['list<u8> as Uint8Array', { kind: 'list', element: u8 }, [1, 2], new Uint8Array([1, 2])],
    ['list<string>', { kind: 'list', element: string }, ['a'], ['a']],
    ['tuple', { kind: 'tuple', items: [string, u8] }, ['a', 1], ['a', 1]],
    ['option none', { kind: 'option', inner: string }, null, undefined],
    ['option some', { kind: 'option', inner: string }, 'x', 'x'],
    ['option<option<T>> none (tagged outer, as jco)', { kind: 'option', inner: { kind: 'option', inner: u8 } }, null, { tag: 'none' }],
    ['option<option<T>> some', { kind: 'option', inner: { kind: 'option', inner: u8 } }, 3, { tag: 'some', val: 3 }],
    ['result ok', failure, 'fine', { tag: 'ok', val: 'fine' }],
    ['result err', failure, { error: 404 }, { tag: 'err', val: 404 }],
    ['result<_, _> ok', { kind: 'result' }, null, { tag: 'ok', val: undefined }],
    ['result<_, _> err', { kind: 'result' }, { error: null }, { tag: 'err', val: undefined }],
    ['record with camelCase keys, extra keys ignored', user, { name: 'Ann', 'user-id': 'u1', extra: 1 }, { name: 'Ann', userId: 'u1' }],
    ['record with a null option', user, { name: 'Ann', 'user-id': null }, { name: 'Ann', userId: undefined }],
    ['enum', color, 'dark-blue', 'dark-blue'],
    ['flags', perms, ['exec-all'], { read: false, execAll: true }],
    ['variant with payload', shape, { tag: 'circle', value: 3 }, { tag: 'circle', val: 3 }],
    ['variant without payload', shape, { tag: 'empty' }, { tag: 'empty' }],
    ['alias', { kind: 'alias', name: 'id', target: { kind: 'u64' } }, 7, 7n],
  ])('%s', (_name, type, json, expected) => {
    expect(jsonToJco(type, json)).toEqual(expected);
  });

  it.each<[string, WitType, unknown, string]>([
    ['string given a number', string, 1, 'expected string'],
    ['bool given a string', { kind: 'bool' }, 'true', 'expected bool'],
    ['unsigned given a negative', u8, -1, 'expected unsigned integer'],
    ['unsigned given a fraction', { kind: 'u32' }, 1.5, 'expected unsigned integer'],
    ['signed given a string', { kind: 's8' }, '1', 'expected integer'],
    ['u8 out of range', u8, 256, 'integer 256 out of range for u8'],
    ['s16 out of range', { kind: 's16' }, -40_000, 'integer -40000 out of range for s16'],
    ['float given a string', { kind: 'f64' }, '1', 'expected number'],
    ['char given a number', { kind: 'char' }, 1, 'expected string for char'],
    ['char given an empty string', { kind: 'char' }, '', 'expected char'],
    ['char given two chars', { kind: 'char' }, 'ab', 'expected single char'],
    ['list given an object', { kind: 'list', element: u8 }, {}, 'expected JSON array for list'],
    ['list with a bad element', { kind: 'list', element: u8 }, [1, 'x'], 'expected unsigned integer'],
    ['tuple given an object', { kind: 'tuple', items: [u8] }, {}, 'expected JSON array for tuple'],
    ['tuple of the wrong length', { kind: 'tuple', items: [u8, u8] }, [1], 'tuple has 2 elements, got 1'],
    ['record given an array', user, [], 'expected JSON object for record'],
    ['record missing a key', user, { name: 'Ann' }, "missing field 'user-id'"],
    ['record with a bad field', user, { name: 3, 'user-id': null }, 'expected string'],
    ['enum given a number', color, 1, 'expected string for enum'],
    ['enum with an unknown case', color, 'blue', `invalid enum value 'blue', expected one of: ["red", "dark-blue"]`],
    ['flags given a string', perms, 'read', 'expected JSON array for flags'],
    ['flags with a number', perms, [1], 'expected string for flag name'],
    ['flags with an unknown flag', perms, ['fly'], "invalid flag 'fly'"],
    ['variant given a string', shape, 'circle', 'expected JSON object for variant'],
    ['variant without its tag', shape, { value: 1 }, "expected 'tag' string field for variant"],
    ['variant with an unknown case', shape, { tag: 'square' }, "unknown variant case 'square'"],
    ['variant missing its value', shape, { tag: 'circle' }, "missing 'value' for variant case 'circle'"],
    ['resource', { kind: 'resource', name: 'pollable' }, 1, "resource 'pollable' cannot be passed as JSON"],
    ['handle', { kind: 'handle', mode: 'borrow', resource: 'fields' }, 1, "resource 'fields' cannot be passed as JSON"],
  ])('rejects %s', (_name, type, json, message) => {
    expect(() => jsonToJco(type, json)).toThrow(JsonAbiError);
    expect(() => jsonToJco(type, json)).toThrow(message);
  });
});

describe('jcoToJson: jco value to JSON result', () => {
  it.each<[string, WitType, unknown, unknown]>([
    ['bool', { kind: 'bool' }, false, false],
    ['u32', { kind: 'u32' }, 7, 7],
    ['u64 stays exact', { kind: 'u64' }, 18_446_744_073_709_551_615n, 18_446_744_073_709_551_615n],
    ['f32', { kind: 'f32' }, 0.5, 0.5],
    ['char', { kind: 'char' }, 'x', 'x'],
    ['list<u8> from Uint8Array', { kind: 'list', element: u8 }, new Uint8Array([0, 9]), [0, 9]],
    ['list<u64> from BigUint64Array', { kind: 'list', element: { kind: 'u64' } }, new BigUint64Array([1n]), [1n]],
    ['list<string>', { kind: 'list', element: string }, ['a'], ['a']],
    ['tuple', { kind: 'tuple', items: [u8, string] }, [1, 'a'], [1, 'a']],
    ['option none', { kind: 'option', inner: string }, undefined, null],
    ['option some', { kind: 'option', inner: string }, 'a', 'a'],
    ['option<option<T>> some(none) is null, as asterai', { kind: 'option', inner: { kind: 'option', inner: u8 } }, { tag: 'some', val: undefined }, null],
    ['option<option<T>> some(some)', { kind: 'option', inner: { kind: 'option', inner: u8 } }, { tag: 'some', val: 4 }, 4],
    ['nested result ok', failure, { tag: 'ok', val: 'fine' }, 'fine'],
    ['nested result err', failure, { tag: 'err', val: 500 }, { error: 500 }],
    ['nested result<_, _> ok', { kind: 'result' }, { tag: 'ok', val: undefined }, null],
    ['record keyed by kebab-case names', user, { name: 'Ann', userId: undefined }, { name: 'Ann', 'user-id': null }],
    ['enum', color, 'red', 'red'],
    ['flags', perms, { read: true, execAll: false }, ['read']],
    ['variant with payload', shape, { tag: 'circle', val: 2 }, { tag: 'circle', value: 2 }],
    ['variant without payload has no value key', shape, { tag: 'empty' }, { tag: 'empty' }],
    ['alias', { kind: 'alias', name: 'name', target: string }, 'n', 'n'],
  ])('%s', (_name, type, value, expected) => {
    expect(jcoToJson(type, value)).toEqual(expected);
  });

  it.each<[string, WitType, unknown, string]>([
    ['NaN', { kind: 'f64' }, Number.NaN, 'f64 value NaN is not representable in JSON'],
    ['Infinity', { kind: 'f32' }, Number.POSITIVE_INFINITY, 'f32 value Infinity is not representable in JSON'],
    ['a resource', { kind: 'resource', name: 'pollable' }, {}, "resource 'pollable' cannot be serialized to JSON"],
    ['a handle', { kind: 'handle', mode: 'own', resource: 'fields' }, {}, "resource 'fields' cannot be serialized to JSON"],
    ['a string where a bool belongs', { kind: 'bool' }, 'yes', 'expected boolean for bool from the component, got string'],
    ['a number where a u64 belongs', { kind: 'u64' }, 1, 'expected bigint for u64 from the component, got number'],
    ['a non-array list', { kind: 'list', element: u8 }, 'ab', 'expected array for list from the component, got string'],
    ['an unknown variant case', shape, { tag: 'square' }, "component returned unknown variant case 'square'"],
  ])('refuses %s', (_name, type, value, message) => {
    expect(() => jcoToJson(type, value)).toThrow(JsonAbiError);
    expect(() => jcoToJson(type, value)).toThrow(message);
  });

  it('serialises a function-level result: ok value, or {"error": e}', () => {
    expect(resultToJson({ kind: 'result', ok: user }, { ok: { name: 'A', userId: 'x' } })).toEqual({ name: 'A', 'user-id': 'x' });
    expect(resultToJson({ kind: 'result', err: color }, { err: 'red' })).toEqual({ error: 'red' });
    expect(resultToJson({ kind: 'result' }, { ok: undefined })).toBeNull();
    expect(resultToJson({ kind: 'result' }, { err: undefined })).toEqual({ error: null });
  });
});

describe('toJsonText', () => {
  it('writes 64-bit integers exactly, as serde_json does', () => {
    expect(toJsonText({ big: 18_446_744_073_709_551_615n, list: [1, -2n, 'a', null, true] })).toBe(
      '{"big":18446744073709551615,"list":[1,-2,"a",null,true]}',
    );
  });

  it('matches JSON.stringify for plain values', () => {
    const value = { text: 'quote " and \n', nested: { a: [1.5, false] }, 'kebab-key': null };
    expect(toJsonText(value)).toBe(JSON.stringify(value));
  });
});
