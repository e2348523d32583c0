import { describe, expect, it } from 'vitest';
import { buildReadReceipt } from '../../../../../src/guest/core/messages/read-receipt.ts';
import { refusal } from './refusal.ts';

describe('buildReadReceipt', () => {
  it('marks read', () => {
    expect(JSON.stringify(buildReadReceipt('wamid.abc', false))).toBe('{"messaging_product":"whatsapp","status":"read","message_id":"wamid.abc"}');
  });

  it('shows the typing indicator too', () => {
    expect(buildReadReceipt('wamid.abc', true)).toStrictEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.abc',
      typing_indicator: { type: 'text' },
    });
  });

  it.each(['', 'abc', '123'])('refuses %j', (id) => {
    expect(refusal(() => buildReadReceipt(id, true)).message).toContain('is not a WhatsApp message id');
  });
});
