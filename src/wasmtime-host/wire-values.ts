// jco-shaped values (what src/host/json-abi makes of asterai's JSON) ↔ the typed JSON the wasmtime
// host reads and writes (wire.py describes it): the WIT type decides every case, so nothing is
// guessed on either side. Options, results and variants are always `{tag, val?}`, records keyed
// by WIT names, `list<u8>` base64, 64-bit integers decimal strings, non-finite floats by name.
import { JsonAbiError, type JsonValue } from '../host/json-abi/json-value.ts';
import { unalias, type WitType } from '../host/wit/model.ts';
import { jsName } from '../host/wit/names.ts';

export type WireValue = JsonValue;

const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

export function toWire(type: WitType, value: unknown): WireValue {
  const shape = unalias(type);
  switch (shape.kind) {
    case 'bool':
    case 'u8':
    case 'u16':
    case 'u32':
    case 's8':
    case 's16':
    case 's32':
    case 'enum':
      return value as WireValue;
    case 'string':
    case 'char':
      // A component-model string is Unicode scalar values: lowering a JS string replaces a lone
      // surrogate with U+FFFD, as jco's lowering (TextEncoder) does on the Node host.
      return (value as string).toWellFormed();
    case 'u64':
    case 's64':
      return String(value);
    case 'f32':
    case 'f64': {
      const number = value as number;
      return Number.isFinite(number) ? number : String(number);
    }
    case 'list': {
      if (unalias(shape.element).kind === 'u8') return Buffer.from(value as Uint8Array).toString('base64');
      return (value as unknown[]).map((item) => toWire(shape.element, item));
    }
    case 'tuple':
      return shape.items.map((item, index) => toWire(item, (value as unknown[])[index]));
    case 'option': {
      if (unalias(shape.inner).kind === 'option') return tagged(value, (tag) => (tag === 'some' ? shape.inner : undefined));
      return value === undefined || value === null ? { tag: 'none' } : { tag: 'some', val: toWire(shape.inner, value) };
    }
    case 'result':
      return tagged(value, (tag) => (tag === 'ok' ? shape.ok : shape.err));
    case 'variant':
      return tagged(value, (tag) => shape.cases.find((c) => c.name === tag)?.type);
    case 'record': {
      const record = value as Record<string, unknown>;
      return Object.fromEntries(shape.fields.map((field) => [field.name, toWire(field.type, record[jsName(field.name)])]));
    }
    case 'flags': {
      const flags = value as Record<string, boolean>;
      return shape.flags.filter((flag) => flags[jsName(flag)] === true);
    }
    case 'resource':
    case 'handle':
      throw new JsonAbiError('resources cannot be passed to the wasmtime host by value');
  }
}

export function fromWire(type: WitType, wire: WireValue): unknown {
  const shape = unalias(type);
  switch (shape.kind) {
    case 'bool':
    case 'u8':
    case 'u16':
    case 'u32':
    case 's8':
    case 's16':
    case 's32':
    case 'string':
    case 'char':
    case 'enum':
      return wire;
    case 'u64':
    case 's64':
      return BigInt(wire as string);
    case 'f32':
    case 'f64':
      return typeof wire === 'string' ? NON_FINITE[wire] : wire;
    case 'list': {
      if (unalias(shape.element).kind === 'u8') return new Uint8Array(Buffer.from(wire as string, 'base64'));
      return (wire as WireValue[]).map((item) => fromWire(shape.element, item));
    }
    case 'tuple':
      return shape.items.map((item, index) => fromWire(item, (wire as WireValue[])[index] ?? null));
    case 'option': {
      const { tag, val } = wire as { tag: string; val?: WireValue };
      const inner = tag === 'some' ? fromWire(shape.inner, val ?? null) : undefined;
      if (unalias(shape.inner).kind === 'option') return tag === 'some' ? { tag, val: inner } : { tag };
      return inner;
    }
    case 'result':
      return untagged(wire, (tag) => (tag === 'ok' ? shape.ok : shape.err));
    case 'variant':
      return untagged(wire, (tag) => shape.cases.find((c) => c.name === tag)?.type);
    case 'record': {
      const record = wire as Record<string, WireValue>;
      return Object.fromEntries(shape.fields.map((field) => [jsName(field.name), fromWire(field.type, record[field.name] ?? null)]));
    }
    case 'flags': {
      const set = new Set(wire as string[]);
      return Object.fromEntries(shape.flags.map((flag) => [jsName(flag), set.has(flag)]));
    }
    case 'resource':
    case 'handle':
      throw new JsonAbiError('resources cannot come back from the wasmtime host by value');
  }
}

/** jco's `{ tag, val }` → wire `{ tag, val? }`. */
function tagged(value: unknown, payloadType: (tag: string) => WitType | undefined): WireValue {
  const { tag, val } = value as { tag: string; val?: unknown };
  const type = payloadType(tag);
  return type ? { tag, val: toWire(type, val) } : { tag };
}

/** wire `{ tag, val? }` → jco's `{ tag, val }`. */
function untagged(wire: WireValue, payloadType: (tag: string) => WitType | undefined): { tag: string; val?: unknown } {
  const { tag, val } = wire as { tag: string; val?: WireValue };
  const type = payloadType(tag);
  return type ? { tag, val: fromWire(type, val ?? null) } : { tag };
}
