// Uploading media (Meta: "Upload media", POST /{phone-number-id}/media):
// multipart/form-data with `messaging_product=whatsapp`, `type` (the MIME
// type) and `file`; Meta answers { id }. The types and size limits are Meta's
// "Supported media types": image 5 MB, audio and video 16 MB, document 100 MB,
// sticker 500 KB, counted in binary units (MiB, KiB) so that nothing Meta
// takes is refused here.
import type { MediaKind } from './kind.ts';
import { refuse } from '../failure.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

export const UPLOAD_LIMITS: Readonly<Record<MediaKind, number>> = {
  image: 5 * MiB,
  audio: 16 * MiB,
  video: 16 * MiB,
  document: 100 * MiB,
  sticker: 500 * KiB,
};

/** Meta's supported MIME types and the kind each one is. (`image/webp` is only for stickers.) */
export const UPLOAD_TYPES: Readonly<Record<string, MediaKind>> = {
  'audio/aac': 'audio',
  'audio/amr': 'audio',
  'audio/mpeg': 'audio',
  'audio/mp4': 'audio',
  'audio/ogg': 'audio',
  'text/plain': 'document',
  'application/pdf': 'document',
  'application/msword': 'document',
  'application/vnd.ms-excel': 'document',
  'application/vnd.ms-powerpoint': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'sticker',
  'video/3gpp': 'video',
  'video/mp4': 'video',
};

const EXTENSIONS: Readonly<Record<string, string>> = {
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'text/plain': 'txt',
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/3gpp': '3gp',
  'video/mp4': 'mp4',
};

export interface CheckedUpload {
  kind: MediaKind;
  /** Lowercase, without parameters: `audio/ogg; codecs=opus` → `audio/ogg`. */
  mimeType: string;
  filename: string;
}

function megabytes(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`;
}

/** The rules an upload must meet before any request: a supported type, not empty, within its kind's size limit. */
export function checkUpload(size: number, mimeType: string, filename?: string): CheckedUpload {
  const essence = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  const kind = UPLOAD_TYPES[essence];
  if (kind === undefined) {
    refuse(`media type ${JSON.stringify(mimeType)} is not one Meta supports: use one of ${Object.keys(UPLOAD_TYPES).join(', ')}`);
  }
  if (size === 0) refuse('media data is empty');
  const limit = UPLOAD_LIMITS[kind];
  if (size > limit) refuse(`${kind} of ${size} bytes is over Meta's ${megabytes(limit)} limit for ${kind} (${limit} bytes)`);
  return { kind, mimeType: essence, filename: safeFilename(filename, essence) };
}

/** A filename that cannot break the part's header: quotes and line breaks replaced, a default when none. */
function safeFilename(filename: string | undefined, mimeType: string): string {
  const cleaned = (filename ?? '').replace(/["\\\r\n]/g, '_').trim();
  return cleaned === '' ? `upload.${EXTENSIONS[mimeType] ?? 'bin'}` : cleaned;
}

export interface MultipartBody {
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The multipart/form-data body of an upload (RFC 7578): the two fields, then
 * the file. `boundary` must not occur in the data; a random one of 32+
 * characters makes that practically certain.
 */
export function uploadForm(upload: CheckedUpload, data: Uint8Array, boundary: string): MultipartBody {
  const encoder = new TextEncoder();
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = encoder.encode(
    field('messaging_product', 'whatsapp') +
      field('type', upload.mimeType) +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.filename}"\r\n` +
      `Content-Type: ${upload.mimeType}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const bytes = new Uint8Array(head.length + data.length + tail.length);
  bytes.set(head, 0);
  bytes.set(data, head.length);
  bytes.set(tail, head.length + data.length);
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes };
}
