// Custom sections of a WebAssembly binary (core module or component): both start with an
// 8-byte preamble, then sections of `id:u8 size:u32(LEB128) bytes`; a custom section (id 0)
// begins with its name as `len:u32(LEB128) utf-8` (WebAssembly core spec, "Binary Format >
// Modules > Sections"; the component binary format keeps that layout).

const PREAMBLE_BYTES = 8;
const CUSTOM_SECTION_ID = 0;

export interface CustomSection {
  name: string;
  data: Uint8Array;
}

/** The custom sections at the top level of `wasm`, in order. */
export function readCustomSections(wasm: Uint8Array): CustomSection[] {
  const sections: CustomSection[] = [];
  const reader = { pos: PREAMBLE_BYTES };
  while (reader.pos < wasm.length) {
    const id = wasm[reader.pos++];
    const size = readU32(wasm, reader);
    const end = reader.pos + size;
    if (end > wasm.length) throw new Error(`section ${id} runs past the end of the binary (${end} > ${wasm.length})`);
    if (id === CUSTOM_SECTION_ID) {
      const nameLength = readU32(wasm, reader);
      const name = new TextDecoder('utf-8', { fatal: true }).decode(wasm.subarray(reader.pos, reader.pos + nameLength));
      sections.push({ name, data: wasm.subarray(reader.pos + nameLength, end) });
    }
    reader.pos = end;
  }
  return sections;
}

/** `wasm` followed by a custom section `name` holding `data`. */
export function appendCustomSection(wasm: Uint8Array, name: string, data: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const content = [...u32(nameBytes.length), ...nameBytes, ...data];
  return Uint8Array.from([...wasm, CUSTOM_SECTION_ID, ...u32(content.length), ...content]);
}

function readU32(bytes: Uint8Array, reader: { pos: number }): number {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[reader.pos++];
    if (byte === undefined) throw new Error('truncated LEB128 number');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return value;
  }
  throw new Error('LEB128 number longer than 5 bytes');
}

/** Unsigned LEB128, as the binary format writes every size. */
function u32(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest = Math.floor(rest / 128);
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}
