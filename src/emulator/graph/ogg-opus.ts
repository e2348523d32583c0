// How long an Ogg Opus recording plays, for the transcript's `[voice] 0:07`: an Ogg stream
// (RFC 3533) is pages that each start with "OggS" and carry a 64-bit granule position; in an
// Opus stream (RFC 7845) the first packet is "OpusHead" with a 16-bit pre-skip, and granule
// positions count 48 kHz samples, so the last page's granule minus the pre-skip, over 48,000,
// is the duration in seconds.
const OGGS = [0x4f, 0x67, 0x67, 0x53];
const OPUS_HEAD = new TextEncoder().encode('OpusHead');

function startsWith(bytes: Uint8Array, at: number, prefix: ArrayLike<number>): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** The seconds an Ogg Opus file plays, or undefined when the bytes are not one. */
export function opusDurationSeconds(bytes: Uint8Array): number | undefined {
  // The first page: 27 header bytes, a one-segment table, then the OpusHead packet.
  if (!startsWith(bytes, 0, OGGS) || !startsWith(bytes, 28, OPUS_HEAD) || bytes.length < 28 + 19) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const preSkip = view.getUint16(28 + 10, true);
  let granule: bigint | undefined;
  for (let at = 0; at + 27 <= bytes.length && startsWith(bytes, at, OGGS); ) {
    const page = view.getBigInt64(at + 6, true);
    if (page >= 0n) granule = page;
    const segments = bytes[at + 26]!;
    let size = 27 + segments;
    for (let s = 0; s < segments; s++) size += bytes[at + 27 + s] ?? 0;
    at += size;
  }
  if (granule === undefined) return undefined;
  return Math.max(0, Number(granule) - preSkip) / 48_000;
}

/** `0:07`, `1:05`: how WhatsApp shows a voice message's length. */
export function playTime(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
