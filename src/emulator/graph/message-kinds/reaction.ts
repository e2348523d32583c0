// type "reaction": { reaction: { message_id, emoji } } — an empty emoji removes the reaction.
import { invalid, optionalString, requireObject, requireString, type Json } from '../params.ts';
import type { MessageContent } from './content.ts';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function checkReaction(message: Json): MessageContent {
  const reaction = requireObject(message, 'reaction', '');
  const messageId = requireString(reaction, 'message_id', 'reaction');
  if (reaction['emoji'] === undefined || reaction['emoji'] === null) {
    throw invalid("The parameter reaction['emoji'] is required.");
  }
  const emoji = optionalString(reaction, 'emoji', 'reaction') ?? '';
  // Meta: "emoji — Emoji to use in the reaction": one emoji, or "" to remove it.
  if (emoji !== '' && ([...graphemes.segment(emoji)].length !== 1 || /^[\p{L}\p{N}\s]+$/u.test(emoji))) {
    throw invalid(`Param reaction['emoji'] must be a single emoji - got "${emoji}".`);
  }
  return { kind: 'reaction', summary: emoji === '' ? `removed reaction on ${messageId}` : `${emoji} on ${messageId}` };
}
