// Interactive contact information requests: { type: "request_contact_info",
// body: { text }, action: { name: "request_contact_info" } }, a body and a
// "Share contact info" button whose label WhatsApp sets. The user's card, phone
// number included, comes back as an inbound contacts message: the way to reach
// a user who shows only a username by phone. Meta introduced it with
// business-scoped user ids and usernames; its shape here is the one Meta's
// partners document (Kapso "Request contact info", Zavu "Contact Info Request
// Messages"), with the 1024-character body limit of every interactive body.
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import type { OutgoingMessage } from './envelope.ts';
import { buildInteractive, type InteractiveObject } from './interactive.ts';

export type ContactInfoRequestObject = InteractiveObject<'request_contact_info', { name: 'request_contact_info' }>;

export function buildContactInfoRequestMessage(to: string, body: string, options?: SendOptions): OutgoingMessage<'interactive', ContactInfoRequestObject> {
  return buildInteractive(to, 'request_contact_info', 'contact info request', { body }, [], { name: 'request_contact_info' as const }, options);
}
