// types "image", "audio", "video", "document", "sticker":
//   { <type>: { id | link, caption? (image, video, document), filename? (document), voice? (audio) } }
// `voice: true` makes an audio message a voice message (Meta: "Audio messages"); Meta takes any
// audio with it and only the transcription fails for what is not OGG/Opus, so the emulator
// takes it too, and shows a voice note of uploaded Ogg Opus media with its length.
import { opusDurationSeconds, playTime } from '../ogg-opus.ts';
import { invalid, optionalBoolean, optionalString, paramPath, requireObject, type Json } from '../params.ts';
import type { ContentCheck, ContentLookups } from './content.ts';

export const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Meta: "caption — Maximum 1024 characters." */
export const CAPTION_MAX = 1024;

const TAKES_CAPTION: ReadonlySet<MediaKind> = new Set(['image', 'video', 'document']);

/** `0:07` for uploaded Ogg Opus media; the source otherwise. */
function voiceSummary(id: string | undefined, source: string, lookups: ContentLookups): string {
  const stored = id === undefined ? undefined : lookups.media(id);
  const seconds = stored === undefined ? undefined : opusDurationSeconds(stored.data);
  return seconds === undefined ? source : `${playTime(seconds)} (${source})`;
}

export function mediaCheck(kind: MediaKind): ContentCheck {
  return (message: Json, lookups: ContentLookups) => {
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
    if (kind !== 'audio' && media['voice'] !== undefined) {
      throw invalid(`Param ${paramPath(kind, 'voice')} is not supported for ${kind} messages.`);
    }
    const voice = kind === 'audio' && optionalBoolean(media, 'voice', kind) === true;
    const filename = kind === 'document' ? optionalString(media, 'filename', kind, { max: 240 }) : undefined;
    const source = id !== undefined ? `media id ${id}` : `link ${link}`;
    if (voice) return { kind: 'voice', summary: voiceSummary(id, source, lookups) };
    const extras = [filename && `"${filename}"`, caption && `caption: ${caption}`].filter(Boolean).join(', ');
    return { kind, summary: extras ? `${source}, ${extras}` : source };
  };
}
