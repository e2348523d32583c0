// A message as asterai:whatsapp hands it to a handler's incoming-handler/on-message (the WIT JSON
// of types.message) with the id `fields` give, from Ada at 15550109999 unless they say otherwise: the conformance
// table's handler cases and the inbox's journaled events use it.
import { SECRETS } from '../support/harness.ts';

export const ADA = '15550109999';

export function messageRecord(fields: { id: string } & Record<string, unknown>): Record<string, unknown> {
  return {
    content: 'hello',
    sender: { name: 'Ada', phone: ADA, 'user-id': null, username: null, 'parent-user-id': null, address: ADA },
    kind: 'text',
    timestamp: 1_764_000_000,
    'reply-to': null,
    'reply-id': null,
    forwarded: false,
    media: null,
    location: null,
    business: { 'phone-number-id': SECRETS.phoneNumberId, 'display-phone-number': '15550783881' },
    'group-id': null,
    chat: ADA,
    referral: null,
    contacts: [],
    'flow-reply': null,
    order: null,
    'original-id': null,
    'changed-to': null,
    ...fields,
  };
}
