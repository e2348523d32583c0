import { describe, expect, it } from 'vitest';
import { SendError } from '../../../../../src/guest/core/errors.ts';
import { buildTextMessage } from '../../../../../src/guest/core/messages/text.ts';

describe('buildTextMessage', () => {
  it('builds the documented request body', () => {
    expect(buildTextMessage('16505551234', 'Hello')).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { body: 'Hello' },
    });
  });

  it("serialises to the exact JSON, keys in the order of Meta's text message example", () => {
    expect(JSON.stringify(buildTextMessage('+1 (650) 555-1234', 'Hi'))).toBe(
      '{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text","text":{"body":"Hi"}}',
    );
  });

  it('quotes the message it replies to', () => {
    expect(buildTextMessage('16505551234', 'Yes', 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA')).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { body: 'Yes' },
      context: { message_id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' },
    });
  });

  it.each([undefined, '', '  '])('reply-to %j quotes nothing', (replyTo) => {
    expect('context' in buildTextMessage('1', 'x', replyTo)).toBe(false);
  });

  it('keeps the body exactly, whitespace and all', () => {
    expect(buildTextMessage('1', '  *bold*\n_x_ ').text.body).toBe('  *bold*\n_x_ ');
  });

  it('accepts exactly 4096 code units', () => {
    expect(buildTextMessage('1', 'a'.repeat(4096)).text.body.length).toBe(4096);
  });

  it.each([
    ['', 'text body is empty'],
    [' \n ', 'text body is empty'],
    ['a'.repeat(4097), 'text body is 4097 characters, over Meta\'s limit of 4096'],
  ])('rejects body %#: %s', (body, message) => {
    let error: unknown;
    try {
      buildTextMessage('16505551234', body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SendError);
    expect((error as SendError).failure.kind).toBe('invalid-request');
    expect((error as SendError).message).toContain(message);
  });

  it('rejects a recipient that is not a number', () => {
    expect(() => buildTextMessage('bob', 'hi')).toThrow(SendError);
  });
});
