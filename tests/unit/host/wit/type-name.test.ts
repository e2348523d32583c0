import { describe, expect, it } from 'vitest';
import type { WitType } from '../../../../src/host/wit/model.ts';
import { witTypeName, witTypeSchema } from '../../../../src/host/wit/type-name.ts';

const user: WitType = { kind: 'record', name: 'user', fields: [{ name: 'name', type: { kind: 'string' } }, { name: 'user-id', type: { kind: 'option', inner: { kind: 'string' } } }] };
const kind: WitType = { kind: 'enum', name: 'media-kind', cases: ['image', 'audio'] };
const shape: WitType = { kind: 'variant', name: 'shape', cases: [{ name: 'circle', type: { kind: 'f64' } }, { name: 'dot' }] };
const style: WitType = { kind: 'flags', name: 'style', flags: ['bold', 'dashed'] };
const key: WitType = { kind: 'alias', name: 'field-key', target: { kind: 'string' } };

// Expected values follow asterai's type_display and type_schema_display (runtime/src/component/wit.rs).
describe('witTypeName and witTypeSchema, as asterai shows param types', () => {
  it.each<[WitType, string, string]>([
    [{ kind: 'string' }, 'string', 'string'],
    [{ kind: 'f64' }, 'f64', 'f64'],
    [user, 'user', 'record { name: string, user-id: option<string> }'],
    [key, 'field-key', 'string'],
    [kind, 'media-kind', 'enum { image, audio }'],
    [shape, 'shape', 'variant { circle(f64), dot }'],
    [style, 'style', 'flags { bold, dashed }'],
    [{ kind: 'option', inner: { kind: 'string' } }, 'option<string>', 'option<string>'],
    [{ kind: 'list', element: user }, 'list<user>', 'list<record { name: string, user-id: option<string> }>'],
    [{ kind: 'list', element: { kind: 'u8' } }, 'list<u8>', 'list<u8>'],
    [{ kind: 'result', ok: user, err: kind }, 'result<user, media-kind>', 'result<record { name: string, user-id: option<string> }, enum { image, audio }>'],
    [{ kind: 'result', err: { kind: 'string' } }, 'result<_, string>', 'result<_, string>'],
    [{ kind: 'result' }, 'result<_, _>', 'result<_, _>'],
    [{ kind: 'tuple', items: [{ kind: 'u32' }, key] }, 'tuple<u32, field-key>', 'tuple<u32, string>'],
    [{ kind: 'handle', mode: 'borrow', resource: 'pollable' }, 'unknown', 'unknown'],
    [{ kind: 'resource', name: 'incoming-request' }, 'unknown', 'unknown'],
  ])('%j → %s / %s', (type, name, schema) => {
    expect(witTypeName(type)).toBe(name);
    expect(witTypeSchema(type)).toBe(schema);
  });
});
