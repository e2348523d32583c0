// Meta serialises webhook bodies with every non-ASCII character as a \uXXXX escape (lowercase
// hex, UTF-16 units: "é" → \u00e9, "😀" → \ud83d\ude00) and "/" as "\/", and signs those exact
// bytes. A receiver that re-serialises before checking the signature gets it wrong, which is
// what this serialisation lets tests catch.
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}
