// JSON Schema of the JSON that call-component-function accepts and returns for a WIT type
// (the `type-schema` of asterai's `param-info` / `type-info`), following the rules of ./to-jco.ts.
import type { WitType } from '../wit/model.ts';
import { toJsonText, type JsonValue } from './json-value.ts';

type Schema = { [key: string]: JsonValue };

const INTEGER_BOUNDS: Record<string, [number | bigint, number | bigint]> = {
  u8: [0, 255],
  u16: [0, 65_535],
  u32: [0, 4_294_967_295],
  u64: [0, 18_446_744_073_709_551_615n],
  s8: [-128, 127],
  s16: [-32_768, 32_767],
  s32: [-2_147_483_648, 2_147_483_647],
  s64: [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n],
};

export function typeSchemaText(type: WitType): string {
  return toJsonText(typeSchema(type));
}

export function typeSchema(type: WitType): Schema {
  switch (type.kind) {
    case 'bool':
      return { type: 'boolean' };
    case 'string':
      return { type: 'string' };
    case 'char':
      return { type: 'string', minLength: 1, maxLength: 1 };
    case 'f32':
    case 'f64':
      return { type: 'number' };
    case 'u8':
    case 'u16':
    case 'u32':
    case 'u64':
    case 's8':
    case 's16':
    case 's32':
    case 's64': {
      const [minimum, maximum] = INTEGER_BOUNDS[type.kind]!;
      return { type: 'integer', minimum, maximum };
    }
    case 'list':
      return { type: 'array', items: typeSchema(type.element) };
    case 'tuple':
      return {
        type: 'array',
        prefixItems: type.items.map(typeSchema),
        minItems: type.items.length,
        maxItems: type.items.length,
      };
    case 'option':
      return { anyOf: [{ type: 'null' }, typeSchema(type.inner)] };
    case 'result':
      return {
        anyOf: [
          type.ok ? typeSchema(type.ok) : { type: 'null' },
          {
            type: 'object',
            properties: { error: type.err ? typeSchema(type.err) : { type: 'null' } },
            required: ['error'],
          },
        ],
      };
    case 'record':
      return withDocs(type.docs, {
        type: 'object',
        properties: Object.fromEntries(type.fields.map((field) => [field.name, withDocs(field.docs, typeSchema(field.type))])),
        // asterai rejects a record with a missing key, `option` fields included (they take null).
        required: type.fields.map((field) => field.name),
      });
    case 'enum':
      return withDocs(type.docs, { type: 'string', enum: type.cases });
    case 'flags':
      return withDocs(type.docs, { type: 'array', items: { type: 'string', enum: type.flags }, uniqueItems: true });
    case 'variant':
      return withDocs(type.docs, {
        oneOf: type.cases.map((c) =>
          withDocs(c.docs, {
            type: 'object',
            properties: c.type ? { tag: { const: c.name }, value: typeSchema(c.type) } : { tag: { const: c.name } },
            required: c.type ? ['tag', 'value'] : ['tag'],
          }),
        ),
      });
    case 'alias':
      return withDocs(type.docs, typeSchema(type.target));
    case 'resource':
      return { description: `resource ${type.name} (not representable as JSON)` };
    case 'handle':
      return { description: `${type.mode}<${type.resource}> (not representable as JSON)` };
  }
}

function withDocs(docs: string | undefined, schema: Schema): Schema {
  return docs === undefined ? schema : { ...schema, description: docs };
}
