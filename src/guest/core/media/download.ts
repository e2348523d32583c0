// Downloading media (Meta: "Retrieve media URL", "Download media"): GET
// /{version}/{media-id} answers { messaging_product, url, mime_type, sha256,
// file_size, id }; then GET that url with the same bearer token. The URL is
// short-lived (Meta: 5 minutes), so a 401, 403 or 404 from it means "ask for a
// fresh one". Media is at most 100 MB (Meta's largest kind, documents).
import type { SendFailure } from '../graph-error.ts';

export const DOWNLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

export interface MediaInfo {
  url: string;
  mimeType: string;
  sha256?: string;
  fileSize?: number;
}

export function mediaFailure(message: string, retryable: boolean, httpStatus = 0): SendFailure {
  return { kind: 'media', code: 0, message, retryable, httpStatus, traceId: undefined };
}

/** The metadata answer, or a failure saying what is missing from it. */
export function parseMediaInfo(reply: unknown): MediaInfo | SendFailure {
  const record = typeof reply === 'object' && reply !== null ? (reply as Record<string, unknown>) : {};
  const { url, mime_type: mimeType, sha256, file_size: fileSize } = record;
  if (typeof url !== 'string' || url === '') return mediaFailure('Graph answered the media lookup without a url', false, 200);
  const info: MediaInfo = { url, mimeType: typeof mimeType === 'string' ? mimeType : 'application/octet-stream' };
  if (typeof sha256 === 'string' && sha256 !== '') info.sha256 = sha256;
  const size = typeof fileSize === 'string' ? Number(fileSize) : fileSize;
  if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) info.fileSize = size;
  return info;
}

/**
 * The bearer token goes to the media URL, so only to an https URL, or to the
 * configured Graph origin itself (a local Graph in tests is plain http).
 */
export function checkMediaUrl(url: string, apiBaseUrl: string): SendFailure | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return mediaFailure('Graph gave a media url that is not a URL', false, 200);
  }
  if (parsed.protocol === 'https:' || parsed.origin === new URL(apiBaseUrl).origin) return undefined;
  return mediaFailure(`Graph gave a media url on ${parsed.protocol}//${parsed.host}: the access token is only sent over https`, false, 200);
}

/** A media URL that has expired (or was never valid) answers one of these. */
export function isExpiredUrlStatus(status: number): boolean {
  return status === 401 || status === 403 || status === 404;
}

export function tooLargeFailure(bytes: number | undefined): SendFailure {
  const size = bytes === undefined ? '' : ` ${bytes} bytes,`;
  return mediaFailure(`the media is${size} more than the ${DOWNLOAD_LIMIT_BYTES} bytes (100 MiB) a download may hold`, false);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63]! : '=';
  }
  return out;
}

/**
 * Whether `digest` (the SHA-256 of the bytes received) is the `expected` one.
 * The media lookup gives hex; webhooks give base64: both are accepted.
 */
export function sha256Matches(digest: Uint8Array, expected: string): boolean {
  const value = expected.trim();
  return value.toLowerCase() === hex(digest) || value === base64(digest);
}

/** Retryable: a transfer that arrived damaged may arrive whole next time. */
export function sha256Mismatch(expected: string, digest: Uint8Array): SendFailure {
  return mediaFailure(`the downloaded media's SHA-256 is ${hex(digest)}, not the ${expected} Graph announced: the download is damaged`, true);
}
