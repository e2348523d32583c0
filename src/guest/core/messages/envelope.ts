// The envelope every outgoing message shares (Meta: Messages API, POST
// /{phone-number-id}/messages): who it goes to, its `type`, the content under
// a key named like the type, and `context.message_id` when it quotes a message.
import { normalizeRecipient } from '../recipient.ts';

export type OutgoingMessage<T extends string, C> = {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: T;
} & { [K in T]: C } & { context?: { message_id: string } };

/**
 * `to` is normalised to digits (an empty or non-numeric one is refused);
 * `replyTo` quotes that message, and an empty or absent one quotes nothing.
 */
export function outgoingMessage<T extends string, C>(to: string, type: T, content: C, replyTo?: string): OutgoingMessage<T, C> {
  const message = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: normalizeRecipient(to),
    type,
    [type]: content,
  } as OutgoingMessage<T, C>;
  const quoted = replyTo?.trim();
  if (quoted) message.context = { message_id: quoted };
  return message;
}
