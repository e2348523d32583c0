// types "image", "audio", "video", "document", "sticker":
//   { <type>: { id | link, caption? (image, video, document), filename? (document) } }
import { invalid, optionalString, paramPath, requireObject, type Json } from '../params.ts';
import type { ContentCheck } from './content.ts';

export const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Meta: "caption — Maximum 1024 characters." */
export const CAPTION_MAX = 1024;

const TAKES_CAPTION: ReadonlySet<MediaKind> = new Set(['image', 'video', 'document']);

export function mediaCheck(kind: MediaKind): ContentCheck {
  return (message: Json) => {
    const media = requireObject(message, kind, '');
    const id = optionalString(media, 'id', kind, { min: 1 });
    const link = optionalString(media, 'link', kind, { min: 1 });
    if ((id === undefined) === (link === undefined)) {
      throw invalid(`Param ${kind} must contain exactly one of ${kind}['id'] or ${kind}['link'].`);
    }
    if (link !== undefined && !/^https?:\/\/[^\s/]+/i.test(link)) {
      throw invalid(`Param ${paramPath(kind, 'link')} must be a valid URL.`);
    }
    const caption = TAKES_CAPTION.has(kind) ? optionalString(media, 'caption', kind, { max: CAPTION_MAX }) : undefined;
    if (!TAKES_CAPTION.has(kind) && media['caption'] !== undefined) {
      throw invalid(`Param ${paramPath(kind, 'caption')} is not supported for ${kind} messages.`);
    }
    const filename = kind === 'document' ? optionalString(media, 'filename', kind, { max: 240 }) : undefined;
    const source = id !== undefined ? `media id ${id}` : `link ${link}`;
    const extras = [filename && `"${filename}"`, caption && `caption: ${caption}`].filter(Boolean).join(', ');
    return { kind, summary: extras ? `${source}, ${extras}` : source };
  };
}
