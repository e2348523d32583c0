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

/** Builds messages to one recipient; `replyTo` quotes that message, and an empty or absent one quotes nothing. */
export type Addressed = <T extends string, C>(type: T, content: C, replyTo?: string) => OutgoingMessage<T, C>;

/** Messages to `to`, normalised to digits once (an empty or non-numeric one is refused here). */
export function addressedTo(to: string): Addressed {
  const recipient = normalizeRecipient(to);
  return <T extends string, C>(type: T, content: C, replyTo?: string) => {
    const message = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: recipient,
      type,
      [type]: content,
    } as OutgoingMessage<T, C>;
    const quoted = replyTo?.trim();
    if (quoted) message.context = { message_id: quoted };
    return message;
  };
}

/** One message to `to` (see addressedTo). */
export function outgoingMessage<T extends string, C>(to: string, type: T, content: C, replyTo?: string): OutgoingMessage<T, C> {
  return addressedTo(to)(type, content, replyTo);
}
