// Inbound events and a recording log for the unit tests of delivery.
import type { InboundEvent, InboundMessage } from '../../../../src/guest/core/webhook/events.ts';
import type { Log } from '../../../../src/guest/ports/log.ts';
import { message as build, status as buildStatus } from '../core/webhook/support.ts';

const business = { phoneNumberId: '1', displayPhoneNumber: '15550001111' };
export function message(id: string, userId?: string, kind: InboundMessage['kind'] = 'text', phone = '447700900123'): InboundEvent {
  return build({ id, kind, content: `text of ${id}`, timestamp: 1700000000, business, sender: { name: 'Ada', phone, userId } });
}

export function status(id: string, kind: 'sent' | 'delivered' | 'read'): InboundEvent {
  return buildStatus({ id, status: kind, timestamp: 1700000001, recipient: '447700900123', business });
}

export function log(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (t) => lines.push(`info ${t}`), warn: (t) => lines.push(`warn ${t}`), error: (t) => lines.push(`error ${t}`) };
}
