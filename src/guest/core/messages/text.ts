// Text messages (Meta: Messages API, "Text messages"): { body, preview_url? }. A
// body over Meta's limit of 4096 characters goes out as several messages, split
// by text-split.ts; only the first quotes the message it answers, and every part
// carries the callback data. `preview_url: true` asks WhatsApp to "render a link
// preview of any URL in the body"; left out, it defaults to false (links are
// linked, not previewed).
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { splitText } from '../text-split.ts';
import { addressedTo, type OutgoingMessage } from './envelope.ts';

export type TextMessage = OutgoingMessage<'text', { body: string; preview_url?: true }>;

/** The messages that carry `body`, in order; an empty or whitespace-only body is refused. */
export function buildTextMessages(to: string, body: string, linkPreview: boolean, options?: SendOptions): TextMessage[] {
  const address = addressedTo(to, options);
  const parts = splitText(body);
  if (parts.length === 0) refuse('text body is empty: WhatsApp does not deliver empty messages');
  return parts.map((part, index) => address('text', linkPreview ? { body: part, preview_url: true as const } : { body: part }, index === 0));
}
