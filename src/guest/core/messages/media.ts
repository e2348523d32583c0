// Media messages: image, audio, video, document, sticker (Meta: "Image
// messages", "Audio messages", ... pages of the Messages API). The media is an
// uploaded media id or an https link; `caption` is for image, video and
// document (max 1024 characters), `filename` for documents only.
import type { MediaKind } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { quoted } from './rules.ts';

/** The WIT enum `media-kind`, as a record over the generated type so that a case added to the WIT is a compile error. */
const KINDS: Readonly<Record<MediaKind, true>> = { image: true, audio: true, video: true, document: true, sticker: true };
export const MEDIA_KINDS = Object.keys(KINDS) as MediaKind[];

/** Meta: "caption — Maximum 1024 characters." Counted in UTF-16 units, like text splitting, so a kept caption always fits. */
export const CAPTION_LIMIT = 1024;

const TAKES_CAPTION: ReadonlySet<MediaKind> = new Set(['image', 'video', 'document']);

export type MediaSource = { id: string } | { link: string };

export interface MediaObject {
  id?: string;
  link?: string;
  caption?: string;
  filename?: string;
}

export interface MediaMessagePlan {
  message: OutgoingMessage<MediaKind, MediaObject>;
  /**
   * A caption over the limit: the media goes without it and this follows as a
   * text message (split like any text when it is over 4096 characters).
   */
  captionAsText?: string;
}

export interface MediaOptions {
  caption?: string;
  filename?: string;
  replyTo?: string;
}

/** A media id (digits) or an https:// link; anything else is refused. */
export function mediaSource(source: string): MediaSource {
  const value = source.trim();
  if (/^https:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return refuse(`media source ${quoted(source)} is not a valid https:// link`);
    }
    if (url.hostname === '') refuse(`media source ${quoted(source)} has no host`);
    return { link: value };
  }
  if (/^\d+$/.test(value)) return { id: value };
  return refuse(`media source ${quoted(source)} is neither a media id (digits, from upload-media) nor an https:// link`);
}

export function isMediaKind(value: string): value is MediaKind {
  return Object.hasOwn(KINDS, value);
}

export function buildMediaMessage(to: string, kind: MediaKind, source: string, options: MediaOptions = {}): MediaMessagePlan {
  if (!isMediaKind(kind)) refuse(`media kind ${quoted(String(kind))} is not one of ${MEDIA_KINDS.join(', ')}`);
  const media: MediaObject = { ...mediaSource(source) };
  const caption = nonBlank(options.caption);
  const filename = nonBlank(options.filename);
  if (caption !== undefined && !TAKES_CAPTION.has(kind)) {
    refuse(`a caption is not allowed on ${kind} messages (Meta takes captions on image, video and document only)`);
  }
  if (filename !== undefined && kind !== 'document') {
    refuse(`a filename is only allowed on document messages, not on ${kind}`);
  }
  let captionAsText: string | undefined;
  if (caption !== undefined && caption.length > CAPTION_LIMIT) captionAsText = caption;
  else if (caption !== undefined) media.caption = caption;
  if (filename !== undefined) media.filename = filename;
  const message = outgoingMessage(to, kind, media, options.replyTo);
  return captionAsText === undefined ? { message } : { message, captionAsText };
}
