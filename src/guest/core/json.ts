// Reading JSON of unknown shape (webhook payloads, Graph answers) without throwing:
// each function answers the value when it has the expected type, else undefined
// (or an empty list), so a caller states what it needs and decides what a gap means.

export type JsonObject = Record<string, unknown>;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The parsed value of JSON text (or of UTF-8 bytes holding it); undefined when it is not JSON or not UTF-8. */
export function parseJson(input: string | Uint8Array): unknown {
  try {
    return JSON.parse(typeof input === 'string' ? input : strictUtf8.decode(input));
  } catch {
    return undefined;
  }
}

/** An object that is not null and not an array. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The array, or an empty one for anything else. */
export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string, empty or not. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A string with something besides whitespace in it, returned as it is. */
export function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A finite number, or a string that holds one (`"48.8584"`). */
export function asFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A whole number, or a string of decimal digits that holds one (`"131030"`, `"-1"`). */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    const parsed = Number(value);
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Unix seconds: Meta sends them as a decimal string (`"1749416383"`), sometimes as a number. */
export function unixSeconds(value: unknown): number | undefined {
  const seconds = asFiniteNumber(value);
  return seconds !== undefined && Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}
