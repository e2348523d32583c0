// Marking a received message read, optionally with the typing indicator (Meta:
// "Mark messages as read", "Typing indicators"): POST /{phone-number-id}/messages
// with { messaging_product, status: "read", message_id, typing_indicator?: { type: "text" } }.
// Meta answers { success: true }. The indicator shows until we answer, or for
// 25 seconds at most; marking one message read marks the earlier ones read too.
import { requireWamid } from './rules.ts';

export interface ReadReceipt {
  messaging_product: 'whatsapp';
  status: 'read';
  message_id: string;
  typing_indicator?: { type: 'text' };
}

export function buildReadReceipt(messageId: string, typing: boolean): ReadReceipt {
  const receipt: ReadReceipt = { messaging_product: 'whatsapp', status: 'read', message_id: requireWamid('message id', messageId) };
  if (typing) receipt.typing_indicator = { type: 'text' };
  return receipt;
}
