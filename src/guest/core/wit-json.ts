// asterai's call-component-function takes its arguments as JSON in which records
// are objects keyed by WIT field names (kebab-case), every field present, and an
// `option` is `null` or the value (TOOLCHAIN.md, "The asterai host").

/** `userId` → `user-id`, `phoneNumberId` → `phone-number-id`; keys without capitals unchanged. */
export function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (capital) => `-${capital.toLowerCase()}`);
}

/**
 * Converts one of our camelCase values to that JSON: object keys become kebab-case,
 * `undefined` becomes `null` with its key kept (a missing key is an error in
 * asterai, `null` is `none`), arrays are mapped, and strings, numbers, booleans and
 * null pass through.
 */
export function toWitJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(toWitJson);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) out[kebabCase(key)] = toWitJson(field);
    return out;
  }
  return value;
}
