import { describe, expect, it } from 'vitest';
import { buildTextMessages } from '../../../../../src/guest/core/messages/text.ts';
import { refusal } from './refusal.ts';

describe('buildTextMessages', () => {
  it('builds the documented request body', () => {
    expect(buildTextMessages('16505551234', 'Hello')).toStrictEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '16505551234',
        type: 'text',
        text: { body: 'Hello' },
      },
    ]);
  });

  it("serialises to the exact JSON, keys in the order of Meta's text message example, the recipient normalised", () => {
    expect(JSON.stringify(buildTextMessages('+1 (650) 555-1234', 'Hi'))).toBe(
      '[{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text","text":{"body":"Hi"}}]',
    );
  });

  it('quotes the message it replies to', () => {
    expect(buildTextMessages('16505551234', 'Yes', 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA')[0]).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { body: 'Yes' },
      context: { message_id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' },
    });
  });

  it.each([undefined, '', '  '])('reply-to %j quotes nothing', (replyTo) => {
    expect('context' in buildTextMessages('1', 'x', replyTo)[0]!).toBe(false);
  });

  it('keeps a body that fits exactly, whitespace and all', () => {
    expect(buildTextMessages('1', '  *bold*\n_x_ ')[0]?.text.body).toBe('  *bold*\n_x_ ');
    expect(buildTextMessages('1', 'a'.repeat(4096)).map((m) => m.text.body.length)).toEqual([4096]);
  });

  it('splits a longer body into messages of at most 4096 code units, only the first quoting', () => {
    const messages = buildTextMessages('1', 'word '.repeat(2000).trim(), 'wamid.Q');
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.text.body.length <= 4096 && m.to === '1')).toBe(true);
    expect(messages.map((m) => m.context?.message_id)).toEqual(['wamid.Q', undefined, undefined]);
  });

  it.each(['', ' \n '])('refuses the empty body %j', (body) => {
    expect(refusal(() => buildTextMessages('16505551234', body)).message).toContain('text body is empty');
  });

  it('refuses a recipient that is not a number, before looking at the body', () => {
    expect(refusal(() => buildTextMessages('bob', '')).message).toContain('recipient "bob" is not a phone number');
  });
});
