// jco JS value returned by a component → JSON result: records keyed by WIT (kebab-case) field
// names, `option` as null or the value, nested `result` as the ok value or `{"error": e}`,
// variants as `{"tag","value"}`, flags as a list of names, byte lists as arrays of numbers.
import { unalias, type WitType } from '../wit/model.ts';
import { jsName } from '../wit/names.ts';
import { JsonAbiError, type JsonValue } from './json-value.ts';

export function jcoToJson(type: WitType, value: unknown): JsonValue {
  const shape = unalias(type);
  switch (shape.kind) {
    case 'bool':
      return expectType(value, 'boolean', shape.kind);
    case 'string':
    case 'char':
      return expectType(value, 'string', shape.kind);
    case 'f32':
    case 'f64': {
      const number = expectType(value, 'number', shape.kind);
      if (!Number.isFinite(number)) throw new JsonAbiError(`${shape.kind} value ${number} is not representable in JSON`);
      return number;
    }
    case 'u8':
    case 'u16':
    case 'u32':
    case 's8':
    case 's16':
    case 's32':
      return expectType(value, 'number', shape.kind);
    case 'u64':
    case 's64':
      return expectType(value, 'bigint', shape.kind);
    case 'list':
      return iterableOf(value, 'list').map((item) => jcoToJson(shape.element, item));
    case 'tuple': {
      const items = iterableOf(value, 'tuple');
      return shape.items.map((item, index) => jcoToJson(item, items[index]));
    }
    case 'option': {
      if (unalias(shape.inner).kind !== 'option') {
        return value === undefined || value === null ? null : jcoToJson(shape.inner, value);
      }
      const tagged = taggedOf(value, 'option');
      return tagged.tag === 'none' ? null : jcoToJson(shape.inner, tagged.val);
    }
    case 'result': {
      const tagged = taggedOf(value, 'result');
      return resultToJson(shape, tagged.tag === 'err' ? { err: tagged.val } : { ok: tagged.val });
    }
    case 'record': {
      const record = objectOf(value, 'record');
      return Object.fromEntries(shape.fields.map((field) => [field.name, jcoToJson(field.type, record[jsName(field.name)])]));
    }
    case 'enum':
      return expectType(value, 'string', 'enum');
    case 'flags': {
      const flags = objectOf(value, 'flags');
      return shape.flags.filter((flag) => flags[jsName(flag)] === true);
    }
    case 'variant': {
      const tagged = taggedOf(value, 'variant');
      const variantCase = shape.cases.find((c) => c.name === tagged.tag);
      if (!variantCase) throw new JsonAbiError(`component returned unknown variant case '${tagged.tag}'`);
      return variantCase.type ? { tag: variantCase.name, value: jcoToJson(variantCase.type, tagged.val) } : { tag: variantCase.name };
    }
    case 'resource':
    case 'handle':
      throw new JsonAbiError(`resource '${shape.kind === 'resource' ? shape.name : shape.resource}' cannot be serialized to JSON`);
  }
}

/** A result as JSON: the ok value (null for unit), or `{"error": e}`. */
export function resultToJson(
  type: Extract<WitType, { kind: 'result' }>,
  outcome: { ok: unknown } | { err: unknown },
): JsonValue {
  if ('err' in outcome) return { error: type.err ? jcoToJson(type.err, outcome.err) : null };
  return type.ok ? jcoToJson(type.ok, outcome.ok) : null;
}

type JsTypeName = { boolean: boolean; string: string; number: number; bigint: bigint };

function expectType<K extends keyof JsTypeName>(value: unknown, jsType: K, witKind: string): JsTypeName[K] {
  if (typeof value !== jsType) throw new JsonAbiError(`expected ${jsType} for ${witKind} from the component, got ${describe(value)}`);
  return value as JsTypeName[K];
}

function iterableOf(value: unknown, witKind: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (isTypedArray(value)) return [...value];
  throw new JsonAbiError(`expected array for ${witKind} from the component, got ${describe(value)}`);
}

type TypedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** jco lifts `list<u8>`, `list<u32>`, `list<u64>`... into typed arrays. */
function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function objectOf(value: unknown, witKind: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    throw new JsonAbiError(`expected object for ${witKind} from the component, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function taggedOf(value: unknown, witKind: string): { tag: string; val: unknown } {
  const object = objectOf(value, witKind);
  if (typeof object.tag !== 'string') throw new JsonAbiError(`expected { tag } for ${witKind} from the component`);
  return { tag: object.tag, val: object.val };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
