// Downloading media (Meta: "Retrieve media URL", "Download media"): GET
// /{version}/{media-id} answers { messaging_product, url, mime_type, sha256,
// file_size, id }; then GET that url with the same bearer token. The URL is
// short-lived (Meta: 5 minutes), so a 401, 403 or 404 from it means "ask for a
// fresh one". Media is at most 100 MB (Meta's largest kind, documents).
import { toBase64, toHex } from '../bytes.ts';
import { SendError, failure, type SendFailure } from '../failure.ts';
import { asInteger, asObject, nonBlank } from '../json.ts';

export const DOWNLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

export interface MediaInfo {
  url: string;
  mimeType: string;
  sha256?: string;
  fileSize?: number;
}

/** The metadata answer, or a failure saying what is missing from it. */
export function parseMediaInfo(reply: unknown): MediaInfo | SendFailure {
  const answer = asObject(reply) ?? {};
  const url = answer.url;
  if (typeof url !== 'string' || url === '') return failure('media', 'Graph answered the media lookup without a url', { httpStatus: 200 });
  const info: MediaInfo = { url, mimeType: typeof answer.mime_type === 'string' ? answer.mime_type : 'application/octet-stream' };
  const sha256 = nonBlank(answer.sha256);
  if (sha256 !== undefined) info.sha256 = sha256;
  const size = asInteger(answer.file_size);
  if (size !== undefined && size >= 0) info.fileSize = size;
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
    return failure('media', 'Graph gave a media url that is not a URL', { httpStatus: 200 });
  }
  if (parsed.protocol === 'https:' || parsed.origin === new URL(apiBaseUrl).origin) return undefined;
  return failure('media', `Graph gave a media url on ${parsed.protocol}//${parsed.host}: the access token is only sent over https`, { httpStatus: 200 });
}

/**
 * The lookup answer as a download needs it: a URL the token may be sent to, and a
 * size within the limit; anything else is a SendError saying what is wrong.
 */
export function mediaToDownload(reply: unknown, apiBaseUrl: string): MediaInfo {
  const info = parseMediaInfo(reply);
  if ('kind' in info) throw new SendError(info);
  if (info.fileSize !== undefined && info.fileSize > DOWNLOAD_LIMIT_BYTES) throw new SendError(tooLargeFailure(info.fileSize));
  const unsafe = checkMediaUrl(info.url, apiBaseUrl);
  if (unsafe) throw new SendError(unsafe);
  return info;
}

/** A media URL that has expired (or was never valid) answers one of these. */
export function isExpiredUrlStatus(status: number): boolean {
  return status === 401 || status === 403 || status === 404;
}

export function tooLargeFailure(bytes: number | undefined): SendFailure {
  const size = bytes === undefined ? '' : ` ${bytes} bytes,`;
  return failure('media', `the media is${size} more than the ${DOWNLOAD_LIMIT_BYTES} bytes (100 MiB) a download may hold`);
}

/**
 * Whether `digest` (the SHA-256 of the bytes received) is the `expected` one.
 * The media lookup gives hex; webhooks give base64: both are accepted.
 */
export function sha256Matches(digest: Uint8Array, expected: string): boolean {
  const value = expected.trim();
  return value.toLowerCase() === toHex(digest) || value === toBase64(digest);
}

/** Retryable: a transfer that arrived damaged may arrive whole next time. */
export function sha256Mismatch(expected: string, digest: Uint8Array): SendFailure {
  return failure('media', `the downloaded media's SHA-256 is ${toHex(digest)}, not the ${expected} Graph announced: the download is damaged`, { retryable: true });
}
