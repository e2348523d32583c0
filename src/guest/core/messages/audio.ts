// Audio messages (Meta: "Audio messages"): { id | link, voice? }. With
// `voice: true` WhatsApp shows a voice message (auto-download, the business's
// picture with a microphone, a transcript, a `played` status). Meta: "Voice
// messages require .ogg files encoded with the OPUS codec. If you send a
// different file type or a file encoded with a different codec, voice message
// transcription will fail." Meta takes audio/ogg with "OPUS codecs only"
// ("Supported media types"), so a voice note's media must be audio/ogg: a link
// must name an .ogg or .opus file, and an uploaded media's type is looked up
// (its id is the plan's `voiceMediaId`) and checked by requireVoiceType before
// the message goes out.
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { mediaSource } from './media.ts';
import { quoted } from './rules.ts';

export interface AudioObject {
  id?: string;
  link?: string;
  voice?: true;
}

export interface AudioMessagePlan {
  message: OutgoingMessage<'audio', AudioObject>;
  /** A voice note by media id: the media whose type must be audio/ogg before the message is sent. */
  voiceMediaId?: string;
}

const VOICE_LINK = /\.(ogg|opus)$/i;

export function buildAudioMessage(to: string, source: string, voice: boolean, options?: SendOptions): AudioMessagePlan {
  const media = mediaSource(source);
  const message = outgoingMessage<'audio', AudioObject>(to, 'audio', voice ? { ...media, voice: true } : media, options);
  if (!voice) return { message };
  if ('id' in media) return { message, voiceMediaId: media.id };
  if (!VOICE_LINK.test(new URL(media.link).pathname)) {
    refuse(`voice note link ${quoted(media.link)} does not name an .ogg or .opus file: a voice note must be OGG with the Opus codec`);
  }
  return { message };
}

/** The looked-up type of a voice note's media: audio/ogg (with or without a codecs parameter), or a refusal. */
export function requireVoiceType(mediaId: string, mimeType: string): void {
  const type = mimeType.split(';')[0]?.trim().toLowerCase();
  if (type !== 'audio/ogg') {
    refuse(`voice note media ${mediaId} is ${quoted(mimeType)}: a voice note must be OGG with the Opus codec (upload it as audio/ogg)`);
  }
}
