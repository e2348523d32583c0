import { describe, expect, it } from 'vitest';
import { cliArgumentsToJson, type Parameter } from '../../../../src/host/json-abi/cli-arguments.ts';
import type { WitType } from '../../../../src/host/wit/model.ts';

const button: WitType = { kind: 'record', name: 'button', fields: [{ name: 'id', type: { kind: 'string' } }, { name: 'title', type: { kind: 'string' } }] };
const kind: WitType = { kind: 'enum', name: 'media-kind', cases: ['image', 'audio'] };
const one = (type: WitType, arg: string) => cliArgumentsToJson([{ name: 'x', type }], [arg])[0];

// The rules of asterai's parse_arg (cli/src/command/env/call.rs) and parse_primitive (runtime/src/runtime/parsing.rs).
describe('cliArgumentsToJson, as `asterai component call` reads shell arguments', () => {
  it.each<[WitType, string, unknown]>([
    [{ kind: 'string' }, '"hi"', 'hi'],
    [{ kind: 'string' }, 'hi', 'hi'],
    [{ kind: 'string' }, '"a\\nb"', 'a\\nb'],
    [{ kind: 'string' }, '"', '"'],
    [{ kind: 'string' }, '""', ''],
    [{ kind: 'alias', name: 'wamid', target: { kind: 'string' } }, '"wamid.X"', 'wamid.X'],
    [{ kind: 'bool' }, 'true', true],
    [{ kind: 'bool' }, '"false"', false],
    [{ kind: 'f64' }, '-0.1419', -0.1419],
    [{ kind: 'f64' }, '51', 51],
    [{ kind: 'f64' }, '2e3', 2000],
    [{ kind: 'u8' }, '+255', 255],
    [{ kind: 's32' }, '-7', -7],
    [{ kind: 'char' }, '"👍"', '👍'],
    [kind, 'image', 'image'],
    [kind, '"audio"', 'audio'],
    [{ kind: 'option', inner: { kind: 'string' } }, 'null', null],
    [{ kind: 'option', inner: { kind: 'string' } }, '"none"', null],
    [{ kind: 'option', inner: { kind: 'string' } }, '"wamid.X"', 'wamid.X'],
    [{ kind: 'list', element: button }, '[{"id":"a","title":"A","extra":1}]', [{ id: 'a', title: 'A', extra: 1 }]],
    [{ kind: 'list', element: { kind: 'u8' } }, '[137,80]', [137, 80]],
    [{ kind: 'flags', name: 'style', flags: ['bold'] }, '["bold"]', ['bold']],
    [{ kind: 'tuple', items: [{ kind: 'u32' }, { kind: 'string' }] }, '[1,"a"]', [1, 'a']],
  ])('%j %s → %j', (type, arg, value) => {
    expect(one(type, arg)).toEqual(value);
  });

  it.each<[WitType, string, string]>([
    [{ kind: 'bool' }, 'yes', 'expected bool'],
    [{ kind: 'f64' }, 'north', 'invalid float literal'],
    [{ kind: 'u8' }, '256', 'number too large to fit in target type'],
    [{ kind: 'u8' }, '-1', 'invalid digit found in string'],
    [{ kind: 's8' }, '-129', 'number too small to fit in target type'],
    [{ kind: 'u32' }, '""', 'cannot parse integer from empty string'],
    [{ kind: 'char' }, 'ab', 'expected single char, got multiple'],
    [kind, 'gif', `invalid enum value 'gif', expected one of: ["image", "audio"]`],
    // Not JSON: an option's value must be JSON, unlike a plain string's.
    [{ kind: 'option', inner: { kind: 'string' } }, 'wamid.X', 'expected JSON for option'],
    [{ kind: 'option', inner: { kind: 'f64' } }, '"1.5"', 'expected number'],
    [{ kind: 'list', element: button }, '{"id":"a"}', 'expected JSON array for list'],
    [{ kind: 'list', element: button }, '[{"id":"a"}]', "missing field 'title'"],
    [button, '[1]', 'expected JSON object for record'],
    [{ kind: 'variant', name: 'shape', cases: [{ name: 'dot' }] }, '{"tag":"dot"}', 'unsupported type: variant'],
    [{ kind: 'result', ok: { kind: 'string' } }, '"x"', 'unsupported type: result'],
    [{ kind: 'alias', name: 'buttons', target: { kind: 'list', element: button } }, '[]', 'unresolved type reference'],
  ])('%j %s → %s', (type, arg, message) => {
    expect(() => one(type, arg)).toThrow(`failed to parse argument 'x': ${message}`);
  });

  it('reads a 64-bit integer exactly', () => {
    expect(one({ kind: 'u64' }, '18446744073709551615')).toBe(18446744073709551615n);
  });

  it('takes exactly one argument per parameter', () => {
    const params: Parameter[] = [{ name: 'to', type: { kind: 'string' } }, { name: 'body', type: { kind: 'string' } }];
    expect(() => cliArgumentsToJson(params, ['"+1555"'])).toThrow('expected 2 argument(s), got 1');
    expect(cliArgumentsToJson(params, ['"+1555"', '"hi"'])).toEqual(['+1555', 'hi']);
  });
});
