// Meta's limit for a text message body is 4096 characters. We count UTF-16 code
// units (JavaScript's string length), which is never less than the number of
// characters Meta counts, so every chunk fits whatever Meta counts.
export const TEXT_BODY_LIMIT = 4096;

const WHITESPACE = /\s/;
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;

function isWhitespace(ch: string | undefined): boolean {
  return ch !== undefined && WHITESPACE.test(ch);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** 2 for a paragraph break (two or more line breaks), 1 for a line break, 0 for other whitespace. */
function breakStrength(run: string): number {
  const lines = run.match(LINE_BREAK)?.length ?? 0;
  return Math.min(lines, 2);
}

/**
 * Splits a text body into chunks of at most `limit` UTF-16 code units.
 *
 * - A body that fits is returned whole, unchanged: `[body]`.
 * - A whitespace-only or empty body gives `[]` (the caller rejects it).
 * - Otherwise the body is first trimmed (leading and trailing whitespace dropped),
 *   then cut repeatedly. Each chunk ends at the LAST break that keeps it within the
 *   limit, preferring a paragraph break (a whitespace run holding two or more line
 *   breaks) over a line break (a run holding one) over any whitespace run. The whole
 *   whitespace run at a break is dropped: it is neither at the end of one chunk nor
 *   the start of the next. With no whitespace in reach, the chunk is cut hard at the
 *   limit (one code unit earlier if the cut would separate a surrogate pair), and
 *   nothing is dropped.
 *
 * So chunks are never empty, and chunks of a split body never start or end with
 * whitespace. Re-joining them with the dropped runs restores the trimmed body
 * exactly; joined with "\n\n" they read as the original paragraphs. Grapheme
 * clusters longer than one code point (flags, ZWJ emoji) may be cut by a hard cut;
 * surrogate pairs never are.
 * "Whitespace" is JavaScript's `\s` (the set `String.prototype.trim` removes).
 */
export function splitText(body: string, limit: number = TEXT_BODY_LIMIT): string[] {
  if (!Number.isInteger(limit) || limit < 2) {
    throw new RangeError(`splitText: limit must be an integer of at least 2, got ${limit}`);
  }
  if (body.trim() === '') return [];
  if (body.length <= limit) return [body];

  const text = body.trim();
  const chunks: string[] = [];
  let start = 0;
  // Invariant: text[start] is not whitespace.
  while (text.length - start > limit) {
    const cut = bestBreak(text, start, limit);
    if (cut !== undefined) {
      chunks.push(text.slice(start, cut.end));
      start = cut.next;
    } else {
      let end = start + limit;
      if (isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end -= 1;
      chunks.push(text.slice(start, end));
      start = end;
    }
  }
  chunks.push(text.slice(start));
  return chunks;
}

/**
 * The last whitespace run of the strongest kind that begins within
 * (start, start + limit]: the chunk is text[start, end) and the next chunk begins
 * at `next`, after the run.
 */
function bestBreak(text: string, start: number, limit: number): { end: number; next: number } | undefined {
  const best: ({ end: number; next: number } | undefined)[] = [undefined, undefined, undefined];
  let i = start + 1;
  const last = start + limit;
  while (i <= last) {
    if (!isWhitespace(text[i])) {
      i++;
      continue;
    }
    let next = i;
    while (next < text.length && isWhitespace(text[next])) next++;
    best[breakStrength(text.slice(i, next))] = { end: i, next };
    i = next;
  }
  return best[2] ?? best[1] ?? best[0];
}
