import { describe, expect, it } from 'vitest';
import { typeSchema, typeSchemaText } from '../../../../src/host/json-abi/type-schema.ts';
import type { WitType } from '../../../../src/host/wit/model.ts';

const string: WitType = { kind: 'string' };

describe('typeSchema: JSON Schema of the JSON a type takes', () => {
  it.each<[string, WitType, unknown]>([
    ['bool', { kind: 'bool' }, { type: 'boolean' }],
    ['char', { kind: 'char' }, { type: 'string', minLength: 1, maxLength: 1 }],
    ['u16', { kind: 'u16' }, { type: 'integer', minimum: 0, maximum: 65_535 }],
    ['list', { kind: 'list', element: string }, { type: 'array', items: { type: 'string' } }],
    ['tuple', { kind: 'tuple', items: [string, { kind: 'f64' }] }, { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 2, maxItems: 2 }],
    ['option', { kind: 'option', inner: string }, { anyOf: [{ type: 'null' }, { type: 'string' }] }],
    [
      'result<_, string>',
      { kind: 'result', err: string },
      { anyOf: [{ type: 'null' }, { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] }] },
    ],
    ['enum', { kind: 'enum', name: 'c', docs: 'Colour.', cases: ['red'] }, { type: 'string', enum: ['red'], description: 'Colour.' }],
    ['flags', { kind: 'flags', name: 'p', flags: ['read'] }, { type: 'array', items: { type: 'string', enum: ['read'] }, uniqueItems: true }],
    [
      'record (every key required, docs as descriptions)',
      { kind: 'record', name: 'u', fields: [{ name: 'user-id', docs: 'Meta id.', type: { kind: 'option', inner: string } }] },
      {
        type: 'object',
        properties: { 'user-id': { anyOf: [{ type: 'null' }, { type: 'string' }], description: 'Meta id.' } },
        required: ['user-id'],
      },
    ],
    [
      'variant',
      { kind: 'variant', name: 's', cases: [{ name: 'circle', type: { kind: 'u8' } }, { name: 'empty' }] },
      {
        oneOf: [
          { type: 'object', properties: { tag: { const: 'circle' }, value: { type: 'integer', minimum: 0, maximum: 255 } }, required: ['tag', 'value'] },
          { type: 'object', properties: { tag: { const: 'empty' } }, required: ['tag'] },
        ],
      },
    ],
    ['resource', { kind: 'resource', name: 'pollable' }, { description: 'resource pollable (not representable as JSON)' }],
  ])('%s', (_name, type, schema) => {
    expect(typeSchema(type)).toEqual(schema);
  });

  it('writes 64-bit bounds exactly in the schema text', () => {
    expect(typeSchemaText({ kind: 'u64' })).toBe('{"type":"integer","minimum":0,"maximum":18446744073709551615}');
  });
});
