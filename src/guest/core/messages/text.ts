// A text message for POST /{phone-number-id}/messages (Meta: Messages API, "Text
// messages"). `text.preview_url` is optional and defaults to false at Meta; we leave
// it out, so URLs in the body are linked but not previewed.
import { SendError, invalidRequest } from '../errors.ts';
import { normalizeRecipient } from '../recipient.ts';
import { TEXT_BODY_LIMIT } from '../text-split.ts';

export interface TextMessageRequest {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'text';
  text: { body: string };
  context?: { message_id: string };
}

/**
 * The request body for one text message. `to` is normalised to digits; `replyTo`
 * (a wamid) quotes that message, and an empty or absent one quotes nothing. The
 * body must be 1 to 4096 UTF-16 code units and not only whitespace (split longer
 * bodies with splitText first); anything else is an `invalid-request` SendError.
 */
export function buildTextMessage(to: string, body: string, replyTo?: string): TextMessageRequest {
  const recipient = normalizeRecipient(to);
  if (body.trim() === '') {
    throw new SendError(invalidRequest('text body is empty: WhatsApp does not deliver empty messages'));
  }
  if (body.length > TEXT_BODY_LIMIT) {
    throw new SendError(
      invalidRequest(`text body is ${body.length} characters, over Meta's limit of ${TEXT_BODY_LIMIT}: split it first`),
    );
  }
  const message: TextMessageRequest = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: recipient,
    type: 'text',
    text: { body },
  };
  if (replyTo !== undefined && replyTo.trim() !== '') message.context = { message_id: replyTo.trim() };
  return message;
}
