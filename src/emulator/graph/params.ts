// Reading Graph request parameters the way Graph complains about them: every check throws a
// ParamError worded like Meta's ("(#100) The parameter to is required.",
// "(#100) Param text['body'] must be at most 4096 characters long."), and the route turns it
// into the error JSON.

export type Json = Record<string, unknown>;

export class ParamError extends Error {
  constructor(
    message: string,
    readonly code: number = 100,
    readonly details?: string,
  ) {
    super(message);
  }
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Meta names nested params like `interactive['action']['buttons'][0]`. */
export function paramPath(parent: string, key: string | number): string {
  if (parent === '') return String(key);
  return typeof key === 'number' ? `${parent}[${key}]` : `${parent}['${key}']`;
}

export function required(message: string): ParamError {
  return new ParamError(`(#100) The parameter ${message} is required.`);
}

export function invalid(sentence: string): ParamError {
  return new ParamError(`(#100) ${sentence}`);
}

/**
 * Text length as a person counts it: code points, so one emoji is one character. Meta does
 * not say which unit its limits use; counting code points never rejects what Meta accepts.
 */
export function textLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** `value`, the param at `name`, which must be a JSON object (an element of an array param, say). */
export function asObject(value: unknown, name: string): Json {
  if (!isObject(value)) throw invalid(`Param ${name} must be a JSON object.`);
  return value;
}

export function requireObject(parent: Json, key: string, at: string): Json {
  const value = parent[key];
  if (value === undefined || value === null) throw required(paramPath(at, key));
  return asObject(value, paramPath(at, key));
}

export function optionalObject(parent: Json, key: string, at: string): Json | undefined {
  if (parent[key] === undefined || parent[key] === null) return undefined;
  return requireObject(parent, key, at);
}

export function requireArray(parent: Json, key: string, at: string): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) throw required(paramPath(at, key));
  if (!Array.isArray(value)) throw invalid(`Param ${paramPath(at, key)} must be an array.`);
  return value;
}

interface Length {
  min?: number;
  max?: number;
}

/** A required string; numbers are accepted and read as text, as Graph does. */
export function requireString(parent: Json, key: string, at: string, length: Length = {}): string {
  const value = parent[key];
  if (value === undefined || value === null) throw required(paramPath(at, key));
  return checkString(value, paramPath(at, key), { min: 1, ...length });
}

export function optionalString(parent: Json, key: string, at: string, length: Length = {}): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  return checkString(value, paramPath(at, key), length);
}

function checkString(value: unknown, name: string, { min = 0, max }: Length): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw invalid(`Param ${name} must be a string.`);
  const text = String(value);
  const length = textLength(text);
  if (length < min) {
    throw min === 1 ? invalid(`Param ${name} must be a non-empty string.`) : invalid(`Param ${name} must be at least ${min} characters long.`);
  }
  if (max !== undefined && length > max) throw invalid(`Param ${name} must be at most ${max} characters long.`);
  return text;
}

export function requireNumber(parent: Json, key: string, at: string, range: { min: number; max: number }): number {
  const value = parent[key];
  if (value === undefined || value === null) throw required(paramPath(at, key));
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid(`Param ${paramPath(at, key)} must be a number.`);
  if (number < range.min || number > range.max) {
    throw invalid(`Param ${paramPath(at, key)} must be between ${range.min} and ${range.max}.`);
  }
  return number;
}

export function requireOneOf<T extends string>(parent: Json, key: string, at: string, allowed: readonly T[]): T {
  const value = requireString(parent, key, at);
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(`Param ${paramPath(at, key)} must be one of {${allowed.map((a) => a.toUpperCase()).join(', ')}} - got "${value}".`);
  }
  return value as T;
}

export function optionalBoolean(parent: Json, key: string, at: string): boolean | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`Param ${paramPath(at, key)} must be a boolean.`);
  return value;
}
