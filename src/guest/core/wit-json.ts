// asterai's call-component-function takes its arguments as JSON in which records
// are objects keyed by WIT field names (kebab-case), every field present, and an
// `option` is `null` or the value (asterai-io/asterai, runtime/src/runtime/parsing.rs:
// a record's missing field is the error "missing field '<name>'").

/**
 * A WIT record (as `jco guest-types` generates it) the way the JSON path carries
 * it: every field present as a key, an absent `option` as `undefined` (written as
 * null), and `u64`, which jco types as bigint, as a number (JSON has no bigint).
 * Built from the generated type, so a field added to or removed from the WIT is a
 * compile error wherever such a record is made.
 */
export type WitJson<T> = Flat<
  { [K in Exclude<keyof T, OptionalKeys<T>>]: JsonField<T[K]> } & { [K in OptionalKeys<T>]: JsonField<Exclude<T[K], undefined>> | undefined }
>;

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

type Flat<X> = { [K in keyof X]: X[K] };

type JsonField<V> = V extends bigint
  ? number
  : V extends readonly (infer E)[]
    ? JsonField<E>[]
    : V extends string | number | boolean
      ? V
      : WitJson<V>;

const keys = new Map<string, string>();

/** A record key as a JSON key in WIT's kebab-case: `phoneNumberId` → `"phone-number-id"`. */
function jsonKey(key: string): string {
  let json = keys.get(key);
  if (json === undefined) {
    json = JSON.stringify(key.replace(/[A-Z]/g, (capital) => `-${capital.toLowerCase()}`));
    keys.set(key, json);
  }
  return json;
}

/**
 * The JSON text of one of our camelCase values as WIT expects it: object keys in
 * kebab-case, `undefined` written as `null` with its key kept (a missing key is an
 * error in asterai, `null` is `none`), arrays element by element, and strings,
 * numbers, booleans and null as JSON writes them.
 */
export function witJsonText(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + witJsonText(value[i]);
    return `${out}]`;
  }
  let out = '{';
  for (const key in value) {
    out += (out.length === 1 ? '' : ',') + jsonKey(key) + ':' + witJsonText((value as Record<string, unknown>)[key]);
  }
  return `${out}}`;
}
