import { describe, expect, it } from 'vitest';
import { TEXT_BODY_LIMIT, splitText } from '../../../../src/guest/core/text-split.ts';

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Properties every split must have. */
function checkChunks(body: string, chunks: string[], limit: number): void {
  for (const chunk of chunks) {
    expect(chunk.length).toBeGreaterThan(0);
    expect(chunk.length).toBeLessThanOrEqual(limit);
    expect(isLow(chunk.charCodeAt(0))).toBe(false);
    expect(isHigh(chunk.charCodeAt(chunk.length - 1))).toBe(false);
  }
  if (chunks.length > 1) {
    for (const chunk of chunks) expect(chunk).toBe(chunk.trim());
    // Nothing but whitespace was dropped, and order is kept.
    expect(chunks.join('').replace(/\s/g, '')).toBe(body.replace(/\s/g, ''));
  }
}

describe('splitText: examples with a small limit', () => {
  it.each([
    // [body, limit, chunks]
    ['', 10, []],
    ['   \n\t ', 10, []],
    ['hello', 10, ['hello']],
    ['0123456789', 10, ['0123456789']],
    // a body that fits is returned verbatim, whitespace included
    ['  hi there  ', 20, ['  hi there  ']],
    // paragraph break preferred over a later line break and later spaces
    ['aaa bb\n\ncc\ndd ee', 12, ['aaa bb', 'cc\ndd ee']],
    // line break preferred over a later space
    ['aaa\nbbb ccc ddd', 12, ['aaa', 'bbb ccc ddd']],
    // the last space within the limit
    ['aaa bbb ccc ddd', 12, ['aaa bbb ccc', 'ddd']],
    // a break right at the limit (the chunk is exactly `limit` long)
    ['0123456789 abc', 10, ['0123456789', 'abc']],
    ['0123456789\n\nabc', 10, ['0123456789', 'abc']],
    // the whole whitespace run at a break is dropped, even a long one
    ['aaaa  \n \n  bbbb', 8, ['aaaa', 'bbbb']],
    // a paragraph break with spaces or \r\n inside still counts as a paragraph
    ['p1 x\r\n\r\np2 y z w', 12, ['p1 x', 'p2 y z w']],
    ['p1 x \n \n p2 y z', 12, ['p1 x', 'p2 y z']],
    // no whitespace in reach: hard cut, nothing dropped
    ['abcdefghijklmnop', 5, ['abcde', 'fghij', 'klmno', 'p']],
    ['abcdefghij klm', 5, ['abcde', 'fghij', 'klm']],
    // leading and trailing whitespace of a split body is dropped
    ['  aaa bbb ccc  ', 8, ['aaa bbb', 'ccc']],
    ['\n\n\naaaaaaaaaaaa', 5, ['aaaaa', 'aaaaa', 'aa']],
    // several chunks, each at its best break
    ['one two\n\nthree four five\nsix seven', 15, ['one two', 'three four five', 'six seven']],
  ])('%j with limit %i', (body, limit, expected) => {
    const chunks = splitText(body, limit);
    expect(chunks).toEqual(expected);
    checkChunks(body, chunks, limit);
  });
});

describe('splitText: surrogate pairs', () => {
  it('never cuts between a high and a low surrogate', () => {
    // "ab" + 😀 (2 code units) at positions 2-3: a cut at 3 would split it
    expect(splitText('ab😀cdef', 3)).toEqual(['ab', '😀c', 'def']);
    expect(splitText('😀😀😀', 3)).toEqual(['😀', '😀', '😀']);
    expect(splitText('😀😀😀', 4)).toEqual(['😀😀', '😀']);
  });

  it('emoji-only text of any length splits into whole code points', () => {
    const body = '🎉'.repeat(5000);
    const chunks = splitText(body);
    expect(chunks.map((c) => c.length)).toEqual([4096, 4096, 1808]);
    checkChunks(body, chunks, TEXT_BODY_LIMIT);
    expect(chunks.join('')).toBe(body);
  });

  it('an odd offset before the emoji moves the cut one code unit earlier', () => {
    const body = 'x' + '🎉'.repeat(3000);
    const chunks = splitText(body);
    expect(chunks.map((c) => c.length)).toEqual([4095, 1906]);
    expect(chunks.join('')).toBe(body);
  });
});

describe('splitText: the 4096 limit', () => {
  it('is the default', () => {
    expect(TEXT_BODY_LIMIT).toBe(4096);
    expect(splitText('a'.repeat(4096))).toEqual(['a'.repeat(4096)]);
    expect(splitText('a'.repeat(4097))).toEqual(['a'.repeat(4096), 'a']);
  });

  it('a 10,000-character body of words splits into 3 messages at word boundaries', () => {
    const words: string[] = [];
    for (let i = 0; words.join(' ').length < 10_000; i++) words.push(`word${i}`);
    const body = words.join(' ').slice(0, 10_000);
    const chunks = splitText(body);
    expect(chunks.length).toBe(3);
    checkChunks(body, chunks, 4096);
    // re-joined with single spaces it is the original
    expect(chunks.join(' ')).toBe(body);
  });

  it('paragraphs: re-joined with the dropped separator it is the original', () => {
    const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20).trim();
    const body = Array.from({ length: 12 }, () => paragraph).join('\n\n');
    const chunks = splitText(body);
    checkChunks(body, chunks, 4096);
    expect(chunks.join('\n\n')).toBe(body);
    for (const chunk of chunks) expect(chunk.startsWith('Lorem')).toBe(true);
  });

  it('counts UTF-16 code units, so non-BMP text never exceeds the limit in characters either', () => {
    const body = '𝒜 '.repeat(3000);
    for (const chunk of splitText(body)) expect(chunk.length).toBeLessThanOrEqual(4096);
  });
});

describe('splitText: properties over generated bodies', () => {
  it('holds for many random bodies and limits', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pieces = ['a', 'bb', 'ccc', ' ', '  ', '\n', '\n\n', '\r\n', '\t', '😀', 'é', '𝒜', 'word', '\u00a0'];
    for (let round = 0; round < 500; round++) {
      const limit = 2 + Math.floor(random() * 30);
      let body = '';
      const length = Math.floor(random() * 200);
      for (let i = 0; i < length; i++) body += pieces[Math.floor(random() * pieces.length)];
      const chunks = splitText(body, limit);
      if (body.trim() === '') expect(chunks).toEqual([]);
      else checkChunks(body, chunks, limit);
    }
  });
});

describe('splitText: arguments', () => {
  it.each([0, 1, -5, 2.5, Number.NaN])('limit %d is a RangeError', (limit) => {
    expect(() => splitText('abc', limit)).toThrow(RangeError);
  });
});
