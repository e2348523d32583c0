// The media endpoints, as Cloud API documents them:
//   POST   /{version}/{phone-number-id}/media  multipart: messaging_product, type, file → { id }
//   GET    /{version}/{media-id}                → { messaging_product, url, mime_type, sha256, file_size, id }
//   DELETE /{version}/{media-id}                → { success: true }
//   GET    <url> with the same bearer token     → the bytes (the URL expires: Meta says 5 minutes)
// Meta's URLs live on lookaside.fbsbx.com/whatsapp_business/attachments/?mid=&ext=&hash=;
// ours keep that path on the emulator's own origin.
import { createHash } from 'node:crypto';
import { jsonReply, textReply, type EmulatorRequest, type Reply } from '../exchange.ts';
import { graphErrorReply, invalidParameter, unknownObject } from './errors.ts';
import { newMediaId, newUrlToken } from './ids.ts';
import { multipartBoundary, parseMultipart } from './multipart.ts';

export const MEDIA_DOWNLOAD_PATH = '/whatsapp_business/attachments/';

/**
 * Meta's "Supported media types" with their size limits (image 5 MB, audio and video 16 MB,
 * document 100 MB, sticker 500 KB). Counted in MiB so the emulator never rejects what Meta takes.
 */
const MiB = 1024 * 1024;
const SUPPORTED_TYPES: Readonly<Record<string, { category: string; maxBytes: number }>> = {
  'audio/aac': { category: 'audio', maxBytes: 16 * MiB },
  'audio/amr': { category: 'audio', maxBytes: 16 * MiB },
  'audio/mpeg': { category: 'audio', maxBytes: 16 * MiB },
  'audio/mp4': { category: 'audio', maxBytes: 16 * MiB },
  'audio/ogg': { category: 'audio', maxBytes: 16 * MiB },
  'text/plain': { category: 'document', maxBytes: 100 * MiB },
  'application/pdf': { category: 'document', maxBytes: 100 * MiB },
  'application/msword': { category: 'document', maxBytes: 100 * MiB },
  'application/vnd.ms-excel': { category: 'document', maxBytes: 100 * MiB },
  'application/vnd.ms-powerpoint': { category: 'document', maxBytes: 100 * MiB },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { category: 'document', maxBytes: 100 * MiB },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { category: 'document', maxBytes: 100 * MiB },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { category: 'document', maxBytes: 100 * MiB },
  'image/jpeg': { category: 'image', maxBytes: 5 * MiB },
  'image/png': { category: 'image', maxBytes: 5 * MiB },
  'image/webp': { category: 'sticker', maxBytes: 500 * 1024 },
  'video/3gpp': { category: 'video', maxBytes: 16 * MiB },
  'video/mp4': { category: 'video', maxBytes: 16 * MiB },
};

export interface StoredMedia {
  id: string;
  mimeType: string;
  data: Uint8Array;
  /** Hex SHA-256 of the bytes, as the media GET returns it. */
  sha256: string;
  filename?: string;
}

export class MediaStore {
  readonly #media = new Map<string, StoredMedia>();
  readonly #urls = new Map<string, { id: string; expiresAt: number }>();

  add(data: Uint8Array, mimeType: string, filename?: string): StoredMedia {
    const media: StoredMedia = {
      id: newMediaId(),
      mimeType,
      data,
      sha256: createHash('sha256').update(data).digest('hex'),
      ...(filename === undefined ? {} : { filename }),
    };
    this.#media.set(media.id, media);
    return media;
  }

  get(id: string): StoredMedia | undefined {
    return this.#media.get(id);
  }

  delete(id: string): boolean {
    return this.#media.delete(id);
  }

  /** A fresh download URL for the media, valid for `ttlMs`. */
  mintUrl(id: string, origin: string, ttlMs: number, now: number): string {
    const token = newUrlToken();
    const expiresAt = now + ttlMs;
    this.#urls.set(token, { id, expiresAt });
    return `${origin}${MEDIA_DOWNLOAD_PATH}?mid=${id}&ext=${Math.floor(expiresAt / 1000)}&hash=${token}`;
  }

  resolveUrl(token: string, now: number): StoredMedia | undefined {
    const entry = this.#urls.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#urls.delete(token);
      return undefined;
    }
    return this.#media.get(entry.id);
  }
}

export function uploadMedia(request: EmulatorRequest, store: MediaStore): Reply {
  const boundary = multipartBoundary(request.headers['content-type']);
  const form = boundary === undefined ? undefined : parseMultipart(request.body, boundary);
  if (!form) return invalidParameter('The parameter messaging_product is required.');
  if (form.fields['messaging_product'] === undefined) return invalidParameter('The parameter messaging_product is required.');
  if (form.fields['messaging_product'] !== 'whatsapp') {
    return invalidParameter(`Param messaging_product must be one of {WHATSAPP} - got "${form.fields['messaging_product']}".`);
  }
  const file = form.files.find((part) => part.name === 'file');
  if (!file) return invalidParameter('The parameter file is required.');
  const mimeType = (form.fields['type'] ?? file.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const supported = SUPPORTED_TYPES[mimeType];
  if (!supported) {
    return invalidParameter(
      `Param file must be a file with one of the following types: ${Object.keys(SUPPORTED_TYPES).join(', ')}. Received file of type '${mimeType}'.`,
    );
  }
  if (file.data.byteLength === 0) return invalidParameter('Param file must not be empty.');
  if (file.data.byteLength > supported.maxBytes) {
    return graphErrorReply({
      code: 131053,
      details: `Uploaded ${supported.category} is ${file.data.byteLength} bytes; the limit for ${mimeType} is ${supported.maxBytes} bytes.`,
    });
  }
  const media = store.add(file.data, mimeType, file.filename);
  return jsonReply(200, { id: media.id });
}

export function getMedia(request: EmulatorRequest, store: MediaStore, mediaId: string, ttlMs: number): Reply {
  const media = store.get(mediaId);
  if (!media) return unknownObject(request.method, mediaId);
  return jsonReply(200, {
    messaging_product: 'whatsapp',
    url: store.mintUrl(media.id, request.origin, ttlMs, Date.now()),
    mime_type: media.mimeType,
    sha256: media.sha256,
    file_size: media.data.byteLength,
    id: media.id,
  });
}

export function deleteMedia(request: EmulatorRequest, store: MediaStore, mediaId: string): Reply {
  return store.delete(mediaId) ? jsonReply(200, { success: true }) : unknownObject(request.method, mediaId);
}

/** The download URL: 404 once it expired or the media was deleted, like Meta's lookaside. */
export function downloadMedia(request: EmulatorRequest, store: MediaStore): Reply {
  const media = store.resolveUrl(request.query.get('hash') ?? '', Date.now());
  if (!media || media.id !== request.query.get('mid')) return textReply(404, 'URL expired or not found');
  return {
    kind: 'respond',
    status: 200,
    headers: {
      'content-type': media.mimeType,
      'content-disposition': `attachment; filename="${(media.filename ?? media.id).replace(/"/g, '')}"`,
    },
    body: media.data,
  };
}
