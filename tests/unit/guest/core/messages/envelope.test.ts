import { describe, expect, it } from 'vitest';
import { outgoingMessage } from '../../../../../src/guest/core/messages/envelope.ts';
import { refusal } from './refusal.ts';

describe('outgoingMessage: the send options every kind shares', () => {
  it('quotes reply-to in context.message_id and carries callback-data as biz_opaque_callback_data', () => {
    expect(outgoingMessage('+1 650 555 1234', 'text', { body: 'hi' }, { replyTo: ' wamid.Q ', callbackData: 'order-7781' })).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { body: 'hi' },
      context: { message_id: 'wamid.Q' },
      biz_opaque_callback_data: 'order-7781',
    });
  });

  it.each([undefined, {}, { replyTo: '', callbackData: '' }, { replyTo: '  ', callbackData: ' \n' }])('adds nothing for %j', (options) => {
    expect(Object.keys(outgoingMessage('1', 'text', { body: 'hi' }, options))).toStrictEqual(['messaging_product', 'recipient_type', 'to', 'type', 'text']);
  });

  it('keeps callback data of 512 characters as it is, and refuses 513 (Meta: "Maximum 512 characters")', () => {
    const data = `{"turn":7,"x":"${'é'.repeat(495)}"}`;
    expect([...data]).toHaveLength(512);
    expect(outgoingMessage('1', 'text', { body: 'hi' }, { callbackData: data }).biz_opaque_callback_data).toBe(data);
    expect(refusal(() => outgoingMessage('1', 'text', { body: 'hi' }, { callbackData: 'c'.repeat(513) })).message).toBe(
      `callback data "${'c'.repeat(60)}…" is 513 characters: Meta allows 1 to 512`,
    );
  });
});
