// Media messages: image, audio, video, document, sticker (Meta: "Image
// messages", "Audio messages", ... pages of the Messages API). The media is an
// uploaded media id or an https link; `caption` is for image, video and
// document (max 1024 characters), `filename` for documents only.
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { present, quoted, refuse } from './rules.ts';

export const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

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
  return (MEDIA_KINDS as readonly string[]).includes(value);
}

export function buildMediaMessage(to: string, kind: MediaKind, source: string, options: MediaOptions = {}): MediaMessagePlan {
  if (!isMediaKind(kind)) refuse(`media kind ${quoted(String(kind))} is not one of ${MEDIA_KINDS.join(', ')}`);
  const media: MediaObject = { ...mediaSource(source) };
  const caption = present(options.caption);
  const filename = present(options.filename);
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
