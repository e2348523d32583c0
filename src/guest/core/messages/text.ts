// Text messages (Meta: Messages API, "Text messages"). A body over Meta's limit of
// 4096 characters goes out as several messages, split by text-split.ts, and only
// the first quotes the message it answers. `text.preview_url` is optional and
// defaults to false at Meta; we leave it out, so URLs are linked but not previewed.
import { refuse } from '../failure.ts';
import { splitText } from '../text-split.ts';
import { addressedTo, type OutgoingMessage } from './envelope.ts';

export type TextMessage = OutgoingMessage<'text', { body: string }>;

/** The messages that carry `body`, in order; an empty or whitespace-only body is refused. */
export function buildTextMessages(to: string, body: string, replyTo?: string): TextMessage[] {
  const address = addressedTo(to);
  const parts = splitText(body);
  if (parts.length === 0) refuse('text body is empty: WhatsApp does not deliver empty messages');
  return parts.map((part, index) => address('text', { body: part }, index === 0 ? replyTo : undefined));
}
