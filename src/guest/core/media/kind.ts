// The kinds of media WhatsApp carries: the message kinds whose content is a media file.
import type { MessageKind } from 'asterai:whatsapp/types@0.3.0';

export type MediaKind = Extract<MessageKind, 'image' | 'audio' | 'video' | 'document' | 'sticker'>;
