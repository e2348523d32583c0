// JSON argument → jco JS value, following asterai's `json_value_to_val` (runtime/src/runtime/parsing.rs)
// for the JSON side and jco's JS conventions for the other: camelCase record fields,
// `option<T>` as `T | undefined` (tagged `{ tag: 'some' }` when T is itself an option),
// variants and results as `{ tag, val }`, flags as `{ flagName: boolean }`, 64-bit integers as bigint.
import { unalias, type PrimitiveKind, type WitType } from '../wit/model.ts';
import { jsName } from '../wit/names.ts';
import { JsonAbiError } from './json-value.ts';

export type IntegerKind = Extract<PrimitiveKind, 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's16' | 's32' | 's64'>;

/** The values each integer type holds, inclusive. */
export const INTEGER_RANGES: Record<IntegerKind, [bigint, bigint]> = {
  u8: [0n, 255n],
  u16: [0n, 65_535n],
  u32: [0n, 4_294_967_295n],
  u64: [0n, 18_446_744_073_709_551_615n],
  s8: [-128n, 127n],
  s16: [-32_768n, 32_767n],
  s32: [-2_147_483_648n, 2_147_483_647n],
  s64: [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n],
};

export function jsonToJco(type: WitType, value: unknown): unknown {
  const shape = unalias(type);
  switch (shape.kind) {
    case 'bool':
      if (typeof value !== 'boolean') throw new JsonAbiError('expected bool');
      return value;
    case 'string':
      if (typeof value !== 'string') throw new JsonAbiError('expected string');
      return value;
    case 'char':
      return toChar(value);
    case 'f32':
    case 'f64':
      if (typeof value !== 'number') throw new JsonAbiError('expected number');
      return value;
    case 'u8':
    case 'u16':
    case 'u32':
    case 'u64':
    case 's8':
    case 's16':
    case 's32':
    case 's64':
      return toInteger(shape.kind, value);
    case 'list': {
      if (!Array.isArray(value)) throw new JsonAbiError('expected JSON array for list');
      const items = value.map((item) => jsonToJco(shape.element, item));
      return unalias(shape.element).kind === 'u8' ? Uint8Array.from(items as number[]) : items;
    }
    case 'tuple': {
      if (!Array.isArray(value)) throw new JsonAbiError('expected JSON array for tuple');
      if (value.length !== shape.items.length) {
        throw new JsonAbiError(`tuple has ${shape.items.length} elements, got ${value.length}`);
      }
      return shape.items.map((item, index) => jsonToJco(item, value[index]));
    }
    case 'option': {
      const tagged = unalias(shape.inner).kind === 'option';
      if (value === null) return tagged ? { tag: 'none' } : undefined;
      const inner = jsonToJco(shape.inner, value);
      return tagged ? { tag: 'some', val: inner } : inner;
    }
    case 'result':
      if (isObject(value) && Object.hasOwn(value, 'error')) {
        return { tag: 'err', val: shape.err ? jsonToJco(shape.err, value.error) : undefined };
      }
      return { tag: 'ok', val: shape.ok ? jsonToJco(shape.ok, value) : undefined };
    case 'record': {
      if (!isObject(value)) throw new JsonAbiError('expected JSON object for record');
      const record: Record<string, unknown> = {};
      for (const field of shape.fields) {
        if (!Object.hasOwn(value, field.name)) throw new JsonAbiError(`missing field '${field.name}'`);
        record[jsName(field.name)] = jsonToJco(field.type, value[field.name]);
      }
      return record;
    }
    case 'enum':
      if (typeof value !== 'string') throw new JsonAbiError('expected string for enum');
      if (!shape.cases.includes(value)) {
        throw new JsonAbiError(`invalid enum value '${value}', expected one of: ${listOf(shape.cases)}`);
      }
      return value;
    case 'flags': {
      if (!Array.isArray(value)) throw new JsonAbiError('expected JSON array for flags');
      const set = new Set<string>();
      for (const flag of value) {
        if (typeof flag !== 'string') throw new JsonAbiError('expected string for flag name');
        if (!shape.flags.includes(flag)) throw new JsonAbiError(`invalid flag '${flag}'`);
        set.add(flag);
      }
      return Object.fromEntries(shape.flags.map((flag) => [jsName(flag), set.has(flag)]));
    }
    case 'variant': {
      if (!isObject(value)) throw new JsonAbiError('expected JSON object for variant');
      if (typeof value.tag !== 'string') throw new JsonAbiError("expected 'tag' string field for variant");
      const tag = value.tag;
      const variantCase = shape.cases.find((c) => c.name === tag);
      if (!variantCase) throw new JsonAbiError(`unknown variant case '${tag}'`);
      if (!variantCase.type) return { tag };
      if (!Object.hasOwn(value, 'value')) throw new JsonAbiError(`missing 'value' for variant case '${tag}'`);
      return { tag, val: jsonToJco(variantCase.type, value.value) };
    }
    case 'resource':
    case 'handle':
      throw new JsonAbiError(`resource '${shape.kind === 'resource' ? shape.name : shape.resource}' cannot be passed as JSON`);
  }
}

function toInteger(kind: IntegerKind, value: unknown): number | bigint {
  const unsigned = kind.startsWith('u');
  if (typeof value !== 'number' || !Number.isInteger(value) || (unsigned && value < 0)) {
    throw new JsonAbiError(unsigned ? 'expected unsigned integer' : 'expected integer');
  }
  const [min, max] = INTEGER_RANGES[kind];
  const big = BigInt(value);
  // asterai casts with Rust `as` (300 becomes 44 for u8); refusing is clearer than wrapping.
  if (big < min || big > max) throw new JsonAbiError(`integer ${value} out of range for ${kind}`);
  return kind === 'u64' || kind === 's64' ? big : value;
}

function toChar(value: unknown): string {
  if (typeof value !== 'string') throw new JsonAbiError('expected string for char');
  const chars = [...value];
  if (chars.length === 0) throw new JsonAbiError('expected char');
  if (chars.length > 1) throw new JsonAbiError('expected single char');
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rust's `{:?}` of a `Vec<&str>`, as in asterai's messages: `["a", "b"]`. */
function listOf(names: string[]): string {
  return `[${names.map((name) => JSON.stringify(name)).join(', ')}]`;
}
