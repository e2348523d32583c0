import { describe, expect, it } from 'vitest';
import {
  characterCount,
  hasEmoji,
  optionalText,
  quoted,
  requireJsonObject,
  requireLength,
  requireMediaId,
  requireText,
  requireWamid,
  requireWebLink,
} from '../../../../../src/guest/core/messages/rules.ts';
import { refusal } from './refusal.ts';

describe('characterCount', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['😀', 1],
    ['é', 1],
    ['e\u0301', 2],
  ])('%j has %i characters', (text, count) => {
    expect(characterCount(text)).toBe(count);
  });
});

describe('requireLength', () => {
  it.each([
    ['a', 1, 20],
    ['a'.repeat(20), 1, 20],
    ['😀'.repeat(20), 1, 20],
    ['', 0, 72],
  ])('accepts %j within %i..%i', (value, min, max) => {
    expect(requireLength('title', value, min, max)).toBe(value);
  });

  it.each([
    ['a'.repeat(21), 1, 20, 'title "aaaaaaaaaaaaaaaaaaaaa" is 21 characters: Meta allows 1 to 20'],
    ['', 1, 20, 'title "" is 0 characters: Meta allows 1 to 20'],
    ['x'.repeat(73), 0, 72, 'is 73 characters: Meta allows at most 72'],
  ])('refuses %j outside %i..%i', (value, min, max, message) => {
    expect(refusal(() => requireLength('title', value, min, max)).message).toContain(message);
  });
});

describe('requireText', () => {
  it.each(['', ' ', '\n\t'])('refuses %j', (value) => {
    expect(refusal(() => requireText('body', value)).message).toBe('body is empty: Meta requires it');
  });
});

describe('requireWamid', () => {
  it.each(['wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA', 'wamid.abc_-=', ' wamid.x '])('accepts %j', (id) => {
    expect(requireWamid('target', id)).toBe(id.trim());
  });
  it.each(['', 'abc', 'wamid.', 'WAMID.abc', 'wamid.a b', '12345'])('refuses %j', (id) => {
    expect(refusal(() => requireWamid('target', id)).message).toContain('is not a WhatsApp message id');
  });
});

describe('requireMediaId', () => {
  it.each(['1013859600285441', ' 42 '])('accepts %j', (id) => {
    expect(requireMediaId('media id', id)).toBe(id.trim());
  });
  it.each(['', 'abc', '12a', '1/2', '-1'])('refuses %j', (id) => {
    expect(refusal(() => requireMediaId('media id', id)).message).toContain('is not a media id');
  });
});

describe('quoted', () => {
  it('shortens long values in messages', () => {
    expect(quoted('a'.repeat(100))).toBe(JSON.stringify(`${'a'.repeat(60)}…`));
  });
});

describe('optionalText', () => {
  it.each([undefined, '', '  '])('is undefined for %j', (value) => {
    expect(optionalText('footer', value, 60)).toBeUndefined();
  });
  it('keeps a text within the limit and refuses a longer one', () => {
    expect(optionalText('footer', ' Thanks ', 60)).toBe(' Thanks ');
    expect(refusal(() => optionalText('footer', 'f'.repeat(61), 60)).message).toContain('footer "ffff');
  });
});

describe('requireWebLink', () => {
  it.each(['https://example.com', 'http://example.com/a?b=c', ' https://pay.example.com/o/42 '])('accepts %j', (link) => {
    expect(requireWebLink('url', link)).toBe(link.trim());
  });
  it.each(['', 'example.com', 'ftp://example.com', 'mailto:a@example.com', 'https://'])('refuses %j', (link) => {
    expect(refusal(() => requireWebLink('url', link)).message).toContain('is not a web address');
  });
});

describe('requireJsonObject', () => {
  it('parses a non-empty object', () => {
    expect(requireJsonObject('data', '{"a": [1, {"b": null}]}')).toStrictEqual({ a: [1, { b: null }] });
  });
  it.each([
    ['not json', 'is not JSON'],
    ['[1, 2]', 'is not a JSON object'],
    ['"text"', 'is not a JSON object'],
    ['null', 'is not a JSON object'],
    ['{}', 'is an empty JSON object'],
  ])('refuses %j', (text, message) => {
    expect(refusal(() => requireJsonObject('data', text)).message).toContain(message);
  });
});

describe('hasEmoji', () => {
  it.each([
    ['Book 📅', true],
    ['✅ Done', true],
    ['Book a table', false],
    ['Réserver', false],
  ])('%j: %s', (text, expected) => {
    expect(hasEmoji(text)).toBe(expected);
  });
});
