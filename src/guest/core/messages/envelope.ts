// The envelope every outgoing message shares (Meta: Messages API, POST
// /{phone-number-id}/messages): who it goes to (recipient.ts: `to` for a phone number or a
// group, `recipient` for a user id), its `type`, the content under
// a key named like the type, `context.message_id` when it quotes a message, and
// `biz_opaque_callback_data`, which Meta "does not process ... it just returns it
// as part of sent/delivered/read message webhooks. Maximum 512 characters."
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { nonBlank } from '../json.ts';
import { recipientFields, type RecipientFields } from '../recipient.ts';
import { requireLength } from './rules.ts';

export const CALLBACK_DATA_LIMIT = 512;

export type OutgoingMessage<T extends string, C> = { messaging_product: 'whatsapp' } & RecipientFields & { type: T } & { [K in T]: C } & {
  context?: { message_id: string };
  biz_opaque_callback_data?: string;
};

/**
 * Builds messages to one recipient with the same send options; `quote: false` leaves out the
 * quote (for the later parts of a split text), never the callback data.
 */
export type Addressed = <T extends string, C>(type: T, content: C, quote?: boolean) => OutgoingMessage<T, C>;

/**
 * Messages to `to`, read once (an empty or malformed one is refused here),
 * with `options`: an empty or absent `replyTo` quotes nothing, empty or absent `callbackData`
 * adds none, and longer callback data than Meta takes is refused.
 */
export function addressedTo(to: string, options: SendOptions = {}): Addressed {
  const recipient = recipientFields(to);
  const replyTo = options.replyTo?.trim() || undefined;
  const callbackData = nonBlank(options.callbackData);
  if (callbackData !== undefined) requireLength('callback data', callbackData, 1, CALLBACK_DATA_LIMIT);
  return <T extends string, C>(type: T, content: C, quote = true) => {
    const message = {
      messaging_product: 'whatsapp',
      ...recipient,
      type,
      [type]: content,
    } as OutgoingMessage<T, C>;
    if (quote && replyTo !== undefined) message.context = { message_id: replyTo };
    if (callbackData !== undefined) message.biz_opaque_callback_data = callbackData;
    return message;
  };
}

/** One message to `to` (see addressedTo). */
export function outgoingMessage<T extends string, C>(to: string, type: T, content: C, options?: SendOptions): OutgoingMessage<T, C> {
  return addressedTo(to, options)(type, content);
}
