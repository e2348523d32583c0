// A real Ogg Opus file of `seconds` of silence, for tests that need one: an "OpusHead" page, an
// "OpusTags" page and one audio page per second, each of 50 20-ms frames of the 3-byte silent
// CELT packet (TOC 0xF8: fullband, 20 ms, one frame), with the CRC-32 every Ogg page carries
// (RFC 3533: polynomial 0x04C11DB7, no reflection) and granule positions in 48 kHz samples
// (RFC 7845), after a pre-skip of 312 samples.
const PRE_SKIP = 312;
const SILENT_FRAME = [0xf8, 0xff, 0xfe];

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let crc = index << 24;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  return crc >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

function page(packets: Uint8Array[], granule: bigint, sequence: number, flags: number): Uint8Array {
  const lacing = packets.flatMap((packet) => [...Array(Math.floor(packet.length / 255)).fill(255), packet.length % 255]);
  const size = 27 + lacing.length + packets.reduce((sum, packet) => sum + packet.length, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4f, 0x67, 0x67, 0x53, 0, flags]);
  view.setBigInt64(6, granule, true);
  view.setUint32(14, 0x5eed, true);
  view.setUint32(18, sequence, true);
  bytes[26] = lacing.length;
  bytes.set(lacing, 27);
  let at = 27 + lacing.length;
  for (const packet of packets) {
    bytes.set(packet, at);
    at += packet.length;
  }
  view.setUint32(22, crc32(bytes), true);
  return bytes;
}

export function oggOpus(seconds: number): Uint8Array {
  const head = new Uint8Array(19);
  head.set(new TextEncoder().encode('OpusHead'));
  const headView = new DataView(head.buffer);
  head[8] = 1;
  head[9] = 1;
  headView.setUint16(10, PRE_SKIP, true);
  headView.setUint32(12, 48_000, true);
  const tags = new Uint8Array([...new TextEncoder().encode('OpusTags'), 4, 0, 0, 0, ...new TextEncoder().encode('test'), 0, 0, 0, 0]);
  const pages = [page([head], 0n, 0, 0x02), page([tags], 0n, 1, 0)];
  for (let second = 1; second <= seconds; second++) {
    const frames = Array.from({ length: 50 }, () => new Uint8Array(SILENT_FRAME));
    pages.push(page(frames, BigInt(PRE_SKIP + second * 48_000), second + 1, second === seconds ? 0x04 : 0));
  }
  const out = new Uint8Array(pages.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of pages) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
