// Media in and out of Graph: an upload is one multipart POST; a download is a
// lookup for the media's short-lived URL, then a GET of that URL with the same
// token, asking for a fresh URL once when the first has expired, and a check of
// the bytes against the SHA-256 Graph announced. The rules are core/media's.
import type { MediaFile } from 'asterai:whatsapp/whatsapp@0.3.0';
import { SendError } from '../core/failure.ts';
import { DOWNLOAD_LIMIT_BYTES, isExpiredUrlStatus, mediaToDownload, parseMediaInfo, sha256Matches, sha256Mismatch, type MediaInfo } from '../core/media/download.ts';
import { checkUpload, uploadForm } from '../core/media/upload.ts';
import { requireMediaId } from '../core/messages/rules.ts';
import type { GraphReply } from '../ports/graph-http.ts';
import { stringField, type Call, type GraphApi } from './graph-request.ts';

/** Returns the media id. */
export async function uploadMedia(api: GraphApi, data: Uint8Array, mimeType: string, filename?: string): Promise<string> {
  const upload = checkUpload(data.length, mimeType, filename);
  const body = uploadForm(upload, data, api.runtime.boundary());
  return stringField(await api.json(api.begin(), 'POST', `${api.phoneNumberPath()}/media`, { body }), 'id');
}

export async function downloadMedia(api: GraphApi, mediaId: string): Promise<MediaFile> {
  const id = requireMediaId('media id', mediaId);
  const call = api.begin();
  let info = await lookUp(api, call, id);
  let reply: GraphReply;
  try {
    reply = await fetchMedia(api, call, info);
  } catch (e) {
    if (!(e instanceof SendError) || !isExpiredUrlStatus(e.failure.httpStatus)) throw e;
    info = await lookUp(api, call, id);
    reply = await fetchMedia(api, call, info);
  }
  const data = reply.bytes ?? new Uint8Array(0);
  if (info.sha256 !== undefined) {
    const digest = await api.runtime.sha256(data);
    if (!sha256Matches(digest, info.sha256)) throw new SendError(sha256Mismatch(info.sha256, digest));
  }
  return { mimeType: info.mimeType, ...(info.sha256 === undefined ? {} : { sha256: info.sha256 }), data };
}

/** The type Graph has for a media id (its lookup's `mime_type`), without downloading it. */
export async function mediaType(api: GraphApi, call: Call, mediaId: string): Promise<string> {
  const info = parseMediaInfo(await api.json(call, 'GET', encodeURIComponent(requireMediaId('media id', mediaId))));
  if ('kind' in info) throw new SendError(info);
  return info.mimeType;
}

async function lookUp(api: GraphApi, call: Call, mediaId: string): Promise<MediaInfo> {
  return mediaToDownload(await api.json(call, 'GET', encodeURIComponent(mediaId)), api.config.apiBaseUrl);
}

function fetchMedia(api: GraphApi, call: Call, info: MediaInfo): Promise<GraphReply> {
  return api.request(call, { method: 'GET', url: info.url, download: { maxBytes: DOWNLOAD_LIMIT_BYTES } });
}
