// Media messages: image, video, document and sticker (Meta: "Image messages",
// "Video messages", "Document messages", "Sticker messages" of the Messages API),
// and the media source every message with media shares. The media is an
// uploaded media id or an https link; `caption` is for image, video and document
// (max 1024 characters), `filename` for documents.
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { quoted } from './rules.ts';

/** Meta: "caption — Maximum 1024 characters." Counted in UTF-16 units, like text splitting, so a kept caption always fits. */
export const CAPTION_LIMIT = 1024;

/** The kinds of media message other than audio (audio.ts), which takes no caption. */
export type VisualKind = 'image' | 'video' | 'document' | 'sticker';

export type MediaSource = { id: string } | { link: string };

export interface MediaObject {
  id?: string;
  link?: string;
  caption?: string;
  filename?: string;
}

export interface MediaMessagePlan {
  message: OutgoingMessage<VisualKind, MediaObject>;
  /**
   * A caption over the limit: the media goes without it and this follows as a
   * text message (split like any text when it is over 4096 characters).
   */
  captionAsText?: string;
}

/** A media id (digits) or an https:// link; anything else is refused, naming `what`. */
export function mediaSource(source: string, what = 'media source'): MediaSource {
  const value = source.trim();
  if (/^https:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return refuse(`${what} ${quoted(source)} is not a valid https:// link`);
    }
    if (url.hostname === '') refuse(`${what} ${quoted(source)} has no host`);
    return { link: value };
  }
  if (/^\d+$/.test(value)) return { id: value };
  return refuse(`${what} ${quoted(source)} is neither a media id (digits, from upload-media) nor an https:// link`);
}

/** A header of media (interactive or template): `{ type: kind, [kind]: { id | link } }`; `what` names it in a refusal. */
export type MediaHeader = { type: 'image'; image: MediaSource } | { type: 'video'; video: MediaSource } | { type: 'document'; document: MediaSource };

export function mediaHeader(kind: MediaHeader['type'], source: string, what: string): MediaHeader {
  return { type: kind, [kind]: mediaSource(source, `${what} ${kind}`) } as MediaHeader;
}

export function buildMediaMessage(
  to: string,
  kind: VisualKind,
  source: string,
  extras: { caption?: string; filename?: string },
  options?: SendOptions,
): MediaMessagePlan {
  const media: MediaObject = { ...mediaSource(source) };
  const caption = nonBlank(extras.caption);
  const filename = nonBlank(extras.filename);
  let captionAsText: string | undefined;
  if (caption !== undefined && caption.length > CAPTION_LIMIT) captionAsText = caption;
  else if (caption !== undefined) media.caption = caption;
  if (filename !== undefined) media.filename = filename;
  const message = outgoingMessage(to, kind, media, options);
  return captionAsText === undefined ? { message } : { message, captionAsText };
}
