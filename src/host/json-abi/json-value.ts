/** A JSON document as the host builds it; `bigint` keeps u64/s64 results exact. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** Thrown when a value does not fit its WIT type; the message is the reason only, without context. */
export class JsonAbiError extends Error {
  override name = 'JsonAbiError';
}

/** `JSON.stringify` that writes bigints as exact integers (serde_json prints u64 exactly too). */
export function toJsonText(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) throw new JsonAbiError(`${value} is not representable in JSON`);
      return JSON.stringify(value);
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    default:
      if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
      return `{${Object.entries(value)
        .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
        .join(',')}}`;
  }
}

/** A host function's `string` argument, as JSON; anything else is a host bug. */
export function jsonString(value: JsonValue): string {
  if (typeof value !== 'string') throw new TypeError(`expected a string argument, got ${JSON.stringify(value)}`);
  return value;
}
