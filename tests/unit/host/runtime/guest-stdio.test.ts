import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../../../src/host/runtime/guest-stdio.ts';

function collect() {
  const lines: string[] = [];
  const writer = new LineWriter('acme:thing', (component, line) => lines.push(`${component}|${line}`));
  return { lines, writer };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('LineWriter', () => {
  it('emits whole lines with the component name, holding back a partial line', () => {
    const { lines, writer } = collect();
    writer.write(bytes('one\ntw'));
    expect(lines).toEqual(['acme:thing|one']);
    writer.write(bytes('o\r\nthree\n'));
    expect(lines).toEqual(['acme:thing|one', 'acme:thing|two', 'acme:thing|three']);
  });

  it('joins a character split across writes', () => {
    const { lines, writer } = collect();
    const euro = bytes('€\n');
    writer.write(euro.subarray(0, 1));
    writer.write(euro.subarray(1));
    expect(lines).toEqual(['acme:thing|€']);
  });

  it('flushes an unterminated last line, once', () => {
    const { lines, writer } = collect();
    writer.write(bytes('tail'));
    writer.flush();
    writer.flush();
    expect(lines).toEqual(['acme:thing|tail']);
  });
});
