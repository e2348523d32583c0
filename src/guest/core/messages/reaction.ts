// Reaction messages (Meta: "Reaction messages"): { message_id, emoji }; an
// empty emoji removes the reaction. Meta only delivers reactions to messages
// it knows, so the target must be a wamid. A reaction points at its message
// itself, so it quotes none.
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { hasEmoji, quoted, requireWamid } from './rules.ts';

export interface ReactionObject {
  message_id: string;
  emoji: string;
}

// Besides an emoji, no whitespace or Latin letters; Meta checks the rest (one emoji only).
const NOT_EMOJI = /[\sA-Za-z]/;

export function buildReactionMessage(to: string, messageId: string, emoji: string, options: SendOptions = {}): OutgoingMessage<'reaction', ReactionObject> {
  const target = requireWamid('reaction target', messageId);
  if (emoji !== '' && (!hasEmoji(emoji) || NOT_EMOJI.test(emoji))) {
    refuse(`reaction emoji ${quoted(emoji)} is not an emoji: give one emoji, or "" to remove the reaction`);
  }
  if (options.replyTo?.trim()) {
    refuse(`a reaction quotes no message: reply-to ${quoted(options.replyTo)} must be null (the reaction already targets message-id)`);
  }
  return outgoingMessage(to, 'reaction', { message_id: target, emoji }, options);
}
