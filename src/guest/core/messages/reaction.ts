// Reaction messages (Meta: "Reaction messages"): { message_id, emoji }; an
// empty emoji removes the reaction. Meta only delivers reactions to messages
// it knows, so the target must be a wamid.
import { refuse } from '../failure.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { quoted, requireWamid } from './rules.ts';

export interface ReactionObject {
  message_id: string;
  emoji: string;
}

// An emoji holds a pictograph, a regional-indicator flag or a keycap, and no
// whitespace or Latin letters; Meta checks the rest (one emoji only). Code
// point ranges rather than \p{Extended_Pictographic}: StarlingMonkey's regular
// expressions have no Unicode property escapes (the build fails on them).
const EMOJI_RANGES: readonly (readonly [number, number])[] = [
  [0x00a9, 0x00a9],
  [0x00ae, 0x00ae],
  [0x203c, 0x203c],
  [0x2049, 0x2049],
  [0x20e3, 0x20e3],
  [0x2122, 0x2139],
  [0x2194, 0x21aa],
  [0x231a, 0x23ff],
  [0x24c2, 0x24c2],
  [0x25aa, 0x25fe],
  [0x2600, 0x27bf],
  [0x2934, 0x2935],
  [0x2b05, 0x2b55],
  [0x3030, 0x3030],
  [0x303d, 0x303d],
  [0x3297, 0x3299],
  [0x1f000, 0x1faff],
];
const NOT_EMOJI = /[\sA-Za-z]/;

function hasEmoji(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (EMOJI_RANGES.some(([from, to]) => code >= from && code <= to)) return true;
  }
  return false;
}

export function buildReactionMessage(to: string, messageId: string, emoji: string): OutgoingMessage<'reaction', ReactionObject> {
  const target = requireWamid('reaction target', messageId);
  if (emoji !== '' && (!hasEmoji(emoji) || NOT_EMOJI.test(emoji))) {
    refuse(`reaction emoji ${quoted(emoji)} is not an emoji: give one emoji, or "" to remove the reaction`);
  }
  return outgoingMessage(to, 'reaction', { message_id: target, emoji });
}
