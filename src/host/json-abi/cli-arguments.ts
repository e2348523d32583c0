// Shell arguments → JSON arguments, by the rules of `asterai component call` and `asterai env
// call` (cli/src/command/env/call.rs, `parse_arg`): one argument per parameter, read by the
// parameter's type.
// - A primitive (or an alias of one): surrounding double quotes are removed, and the rest is
//   taken as it is: `'"hi"'` and `hi` are both the string hi, with no JSON unescaping; numbers
//   and booleans as Rust parses them (`42`, `+42`, `-1.5e3`, `true`).
// - `option<T>`: `null` or `none` (quoted or not) is none; anything else is JSON for T.
// - An enum: its case, quoted or not.
// - A record, list, tuple or flags: JSON (`'{"id":"a"}'`, `'[1,2]'`).
// - Anything else (variants, results, resources, and a type that only names another) cannot be
//   given on the command line.
// Values inside JSON follow call-component-function's rules (./to-jco.ts), whose messages these are.
import { isPrimitiveKind, unalias, type WitType } from '../wit/model.ts';
import { JsonAbiError, type JsonValue } from './json-value.ts';
import { INTEGER_RANGES, jsonToJco, type IntegerKind } from './to-jco.ts';

export interface Parameter {
  name: string;
  type: WitType;
}

/** The JSON value of each argument, or a JsonAbiError with asterai's message. */
export function cliArgumentsToJson(params: readonly Parameter[], args: readonly string[]): JsonValue[] {
  if (args.length !== params.length) throw new JsonAbiError(`expected ${params.length} argument(s), got ${args.length}`);
  return params.map((param, index) => {
    try {
      const value = cliArgument(param.type, args[index]!);
      // A 64-bit integer read from the shell is already range-checked, and exact as a bigint.
      if (typeof value !== 'bigint') jsonToJco(param.type, value);
      return value;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new JsonAbiError(`failed to parse argument '${param.name}': ${reason}`);
    }
  });
}

function cliArgument(type: WitType, arg: string): JsonValue {
  const shape = type.kind === 'alias' && isPrimitiveKind(unalias(type).kind) ? unalias(type) : type;
  switch (shape.kind) {
    case 'string':
      return stripQuotes(arg);
    case 'bool': {
      const text = stripQuotes(arg);
      if (text !== 'true' && text !== 'false') throw new JsonAbiError('expected bool');
      return text === 'true';
    }
    case 'char': {
      const chars = [...stripQuotes(arg)];
      if (chars.length === 0) throw new JsonAbiError('expected char');
      if (chars.length > 1) throw new JsonAbiError('expected single char, got multiple');
      return chars[0]!;
    }
    case 'f32':
    case 'f64':
      return float(stripQuotes(arg));
    case 'u8':
    case 'u16':
    case 'u32':
    case 'u64':
    case 's8':
    case 's16':
    case 's32':
    case 's64':
      return integer(shape.kind, stripQuotes(arg));
    case 'enum': {
      const text = stripQuotes(arg);
      if (!shape.cases.includes(text)) {
        throw new JsonAbiError(`invalid enum value '${text}', expected one of: [${shape.cases.map((c) => JSON.stringify(c)).join(', ')}]`);
      }
      return text;
    }
    case 'option': {
      const text = stripQuotes(arg);
      return text === 'null' || text === 'none' ? null : json(arg, 'option');
    }
    case 'record':
    case 'list':
    case 'tuple':
    case 'flags':
      return json(arg, shape.kind);
    case 'alias':
      throw new JsonAbiError('unresolved type reference');
    default:
      throw new JsonAbiError(`unsupported type: ${shape.kind}`);
  }
}

/** Rust's `strip_prefix('"').and_then(strip_suffix('"'))`: both quotes or nothing is removed. */
function stripQuotes(arg: string): string {
  return arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"') ? arg.slice(1, -1) : arg;
}

function json(arg: string, kind: string): JsonValue {
  try {
    return JSON.parse(arg) as JsonValue;
  } catch (error) {
    throw new JsonAbiError(`expected JSON for ${kind}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Rust's `str::parse` for an integer type, with its error messages. */
function integer(kind: IntegerKind, text: string): number | bigint {
  if (text === '') throw new JsonAbiError('cannot parse integer from empty string');
  const pattern = kind.startsWith('s') ? /^[+-]?[0-9]+$/ : /^\+?[0-9]+$/;
  if (!pattern.test(text)) throw new JsonAbiError('invalid digit found in string');
  const value = BigInt(text);
  const [min, max] = INTEGER_RANGES[kind];
  if (value > max) throw new JsonAbiError('number too large to fit in target type');
  if (value < min) throw new JsonAbiError('number too small to fit in target type');
  return kind === 'u64' || kind === 's64' ? value : Number(value);
}

/** Rust's `str::parse::<f64>` for finite numbers (`1`, `-1.5`, `.5`, `2e3`); JSON has no NaN or infinity. */
function float(text: string): number {
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) throw new JsonAbiError('invalid float literal');
  return Number(text);
}
