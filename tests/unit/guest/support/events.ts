// Inbound events and a recording log for the unit tests of delivery.
import type { InboundEvent, InboundMessage } from '../../../../src/guest/core/webhook/events.ts';
import type { Log } from '../../../../src/guest/ports/log.ts';

const business = { phoneNumberId: '1', displayPhoneNumber: '15550001111' };
export function message(id: string, userId?: string, kind: InboundMessage['kind'] = 'text', phone = '447700900123'): InboundEvent {
  return {
    type: 'message',
    message: {
      content: `text of ${id}`,
      sender: { name: 'Ada', phone, userId, username: undefined },
      id,
      kind,
      timestamp: 1700000000,
      replyTo: undefined,
      replyId: undefined,
      forwarded: false,
      media: undefined,
      location: undefined,
      business,
    },
  };
}

export function status(id: string, kind: 'sent' | 'delivered' | 'read'): InboundEvent {
  return {
    type: 'status',
    status: { id, recipient: '447700900123', status: kind, timestamp: 1700000001, errors: [], conversationId: undefined, pricingCategory: undefined, callbackData: undefined, business },
  };
}

export function log(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (t) => lines.push(`info ${t}`), warn: (t) => lines.push(`warn ${t}`), error: (t) => lines.push(`error ${t}`) };
}

