import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { appendCustomSection, readCustomSections } from '../../../scripts/lib/wasm-custom-sections.ts';

describe('custom sections', () => {
  it('reads the custom sections of a module, between its other sections', async () => {
    const wasm = await parse('(module (@custom "first" (before first) "\\01\\02") (func) (@custom "second" (after func) "xyz"))');
    expect(readCustomSections(wasm).map((s) => [s.name, [...s.data]])).toEqual([
      ['first', [1, 2]],
      ['second', [120, 121, 122]],
    ]);
  });

  it('appends one that reads back, with sizes past one LEB128 byte', async () => {
    const component = await parse('(component)');
    const data = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    const name = 'package-docs';
    const appended = appendCustomSection(component, name, data);
    expect(readCustomSections(appended)).toEqual([{ name, data }]);
    expect(() => readCustomSections(appended.subarray(0, appended.length - 1))).toThrow(/runs past the end/);
  });
});
