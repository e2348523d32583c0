// Tokenizer for WIT source text (https://component-model.bytecodealliance.org/design/wit.html).
// Doc comments (`///`, `/** */`) are kept as tokens; the parser attaches them to the next item.

export type TokenKind = 'ident' | 'version' | 'integer' | 'punct' | 'doc' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
}

export class WitSyntaxError extends Error {
  constructor(message: string, source: string, line: number, column: number) {
    super(`${source}:${line}:${column}: ${message}`);
    this.name = 'WitSyntaxError';
  }
}

const PUNCTUATION = new Set(['{', '}', '(', ')', '<', '>', ',', ';', ':', '.', '=', '*', '/', '@', '_']);
const IDENT_CHAR = /[A-Za-z0-9-]/;
const VERSION_CHAR = /[A-Za-z0-9.+-]/;

export function tokenize(text: string, source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (message: string): never => {
    throw new WitSyntaxError(message, source, line, pos - lineStart + 1);
  };
  const push = (kind: TokenKind, value: string, start: number, startLine: number, startLineStart: number) => {
    tokens.push({ kind, text: value, line: startLine, column: start - startLineStart + 1 });
  };
  const advanceOver = (end: number) => {
    for (let i = pos; i < end; i++) {
      if (text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    pos = end;
  };

  while (pos < text.length) {
    const ch = text[pos]!;
    const start = pos;
    const startLine = line;
    const startLineStart = lineStart;

    if (ch === '\n' || ch === ' ' || ch === '\t' || ch === '\r') {
      advanceOver(pos + 1);
      continue;
    }
    if (text.startsWith('///', pos) && text[pos + 3] !== '/') {
      const end = lineEnd(text, pos);
      push('doc', stripDocLine(text.slice(pos + 3, end)), start, startLine, startLineStart);
      advanceOver(end);
      continue;
    }
    if (text.startsWith('//', pos)) {
      advanceOver(lineEnd(text, pos));
      continue;
    }
    if (text.startsWith('/**', pos) && text[pos + 3] !== '*' && text[pos + 3] !== '/') {
      const end = blockCommentEnd(text, pos) ?? fail('unterminated doc comment');
      push('doc', stripDocBlock(text.slice(pos + 3, end - 2)), start, startLine, startLineStart);
      advanceOver(end);
      continue;
    }
    if (text.startsWith('/*', pos)) {
      advanceOver(blockCommentEnd(text, pos) ?? fail('unterminated block comment'));
      continue;
    }
    if (ch === '@' && /[0-9]/.test(text[pos + 1] ?? '')) {
      push('punct', '@', start, startLine, startLineStart);
      let end = pos + 1;
      while (end < text.length && VERSION_CHAR.test(text[end]!)) end++;
      // `use wasi:io/streams@0.2.0.{x}`: the trailing `.` belongs to the `use` path, not the version.
      if (text[end - 1] === '.') end--;
      push('version', text.slice(pos + 1, end), pos + 1, startLine, startLineStart);
      advanceOver(end);
      continue;
    }
    if (ch === '%' || /[A-Za-z]/.test(ch)) {
      let end = ch === '%' ? pos + 1 : pos;
      const nameStart = end;
      while (end < text.length && IDENT_CHAR.test(text[end]!)) end++;
      if (end === nameStart) fail("expected an identifier after '%'");
      // `%` escapes a keyword used as a name (`%stream`); the name itself has no `%`.
      push('ident', text.slice(nameStart, end), start, startLine, startLineStart);
      advanceOver(end);
      continue;
    }
    if (/[0-9]/.test(ch)) {
      let end = pos;
      while (end < text.length && /[0-9]/.test(text[end]!)) end++;
      push('integer', text.slice(pos, end), start, startLine, startLineStart);
      advanceOver(end);
      continue;
    }
    if (text.startsWith('->', pos)) {
      push('punct', '->', start, startLine, startLineStart);
      advanceOver(pos + 2);
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      push('punct', ch, start, startLine, startLineStart);
      advanceOver(pos + 1);
      continue;
    }
    fail(`unexpected character '${ch}'`);
  }
  tokens.push({ kind: 'eof', text: '', line, column: pos - lineStart + 1 });
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** Block comments nest in WIT. Returns the index just past the closing `*\/`, or undefined. */
function blockCommentEnd(text: string, from: number): number | undefined {
  let depth = 0;
  let pos = from;
  while (pos < text.length) {
    if (text.startsWith('/*', pos)) {
      depth++;
      pos += 2;
    } else if (text.startsWith('*/', pos)) {
      depth--;
      pos += 2;
      if (depth === 0) return pos;
    } else {
      pos++;
    }
  }
  return undefined;
}

/** The text after `///`, less trailing space; the parser removes the indentation the lines share. */
function stripDocLine(body: string): string {
  return body.replace(/^\/+/, '').trimEnd();
}

function stripDocBlock(body: string): string {
  return body
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, '').trimEnd())
    .join('\n')
    .trim();
}
