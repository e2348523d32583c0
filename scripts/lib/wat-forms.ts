// Finding the parenthesised forms of WebAssembly text (WAT), such as `(type ...)` inside
// `(component ...)`, without being misled by strings ("...", with \ escapes) or comments
// (`;; line` and nestable `(; block ;)`), as the WebAssembly text format defines them
// (core spec, "Text Format > Lexical Format").

export interface Form {
  /** Index of its `(`. */
  start: number;
  /** Index just past its `)`. */
  end: number;
}

/** The forms directly inside `parent` (or, for a range, at its top level). */
export function childForms(text: string, parent: Form): Form[] {
  return formsIn(text, parent.start + 1, parent.end - 1);
}

/** The single form in `text[from, to)`; anything else there but comments and space is an error. */
export function onlyForm(text: string, from: number, to: number): Form {
  const forms = formsIn(text, from, to);
  if (forms.length !== 1) throw new Error(`expected one form, found ${forms.length}`);
  return forms[0]!;
}

/** The keyword a form starts with: `type` for `(type (;0;) ...)`. */
export function formHead(text: string, form: Form): string {
  return /^[a-z@][\w.-]*/.exec(text.slice(form.start + 1, form.start + 64))?.[0] ?? '';
}

function formsIn(text: string, from: number, to: number): Form[] {
  const forms: Form[] = [];
  let depth = 0;
  let start = -1;
  let pos = from;
  while (pos < to) {
    const skipped = skipNonCode(text, pos);
    if (skipped !== pos) {
      pos = skipped;
      continue;
    }
    const ch = text[pos];
    if (ch === '(') {
      if (depth === 0) start = pos;
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth < 0) throw new Error(`unbalanced ')' at ${pos}`);
      if (depth === 0) forms.push({ start, end: pos + 1 });
    }
    pos++;
  }
  if (depth !== 0) throw new Error(`unbalanced '(' at ${start}`);
  return forms;
}

/** Past the string or comment starting at `pos`, or `pos` itself when there is none. */
function skipNonCode(text: string, pos: number): number {
  if (text[pos] === '"') {
    let end = pos + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) throw new Error(`unterminated string at ${pos}`);
    return end + 1;
  }
  if (text.startsWith(';;', pos)) {
    const newline = text.indexOf('\n', pos);
    return newline === -1 ? text.length : newline + 1;
  }
  if (text.startsWith('(;', pos)) {
    let depth = 0;
    let end = pos;
    while (end < text.length) {
      if (text.startsWith('(;', end)) {
        depth++;
        end += 2;
      } else if (text.startsWith(';)', end)) {
        depth--;
        end += 2;
        if (depth === 0) return end;
      } else {
        end++;
      }
    }
    throw new Error(`unterminated block comment at ${pos}`);
  }
  return pos;
}
