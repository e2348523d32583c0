import { describe, expect, it } from 'vitest';
import { buildTextMessages } from '../../../../../src/guest/core/messages/text.ts';
import { refusal } from './refusal.ts';

describe('buildTextMessages', () => {
  it('builds the documented request body', () => {
    expect(buildTextMessages('16505551234', 'Hello', false)).toStrictEqual([
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
    expect(JSON.stringify(buildTextMessages('+1 (650) 555-1234', 'Hi', false))).toBe(
      '[{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text","text":{"body":"Hi"}}]',
    );
  });

  it('quotes the message it replies to', () => {
    expect(buildTextMessages('16505551234', 'Yes', false, { replyTo: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' })[0]).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { body: 'Yes' },
      context: { message_id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' },
    });
  });

  it.each([undefined, '', '  '])('reply-to %j quotes nothing', (replyTo) => {
    expect('context' in buildTextMessages('1', 'x', false, { replyTo })[0]!).toBe(false);
  });

  it('keeps a body that fits exactly, whitespace and all', () => {
    expect(buildTextMessages('1', '  *bold*\n_x_ ', false)[0]?.text.body).toBe('  *bold*\n_x_ ');
    expect(buildTextMessages('1', 'a'.repeat(4096), false).map((m) => m.text.body.length)).toEqual([4096]);
  });

  it('splits a longer body into messages of at most 4096 code units, only the first quoting, each with the callback data', () => {
    const messages = buildTextMessages('1', 'word '.repeat(2000).trim(), false, { replyTo: 'wamid.Q', callbackData: 'turn-9' });
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.text.body.length <= 4096 && 'to' in m && m.to === '1')).toBe(true);
    expect(messages.map((m) => m.context?.message_id)).toEqual(['wamid.Q', undefined, undefined]);
    expect(messages.map((m) => m.biz_opaque_callback_data)).toEqual(['turn-9', 'turn-9', 'turn-9']);
  });

  it.each(['', ' \n '])('refuses the empty body %j', (body) => {
    expect(refusal(() => buildTextMessages('16505551234', body, false)).message).toContain('text body is empty');
  });

  it('refuses a recipient that is not a number, before looking at the body', () => {
    expect(refusal(() => buildTextMessages('bob', '', false)).message).toContain('recipient "bob" is not a phone number');
  });

  it('asks for a link preview with preview_url: true, on every part', () => {
    // Meta, "Text messages": { "body": "...", "preview_url": true } renders a preview of the first URL.
    expect(buildTextMessages('1', 'See https://www.example.com/menu', true)[0]?.text).toStrictEqual({ body: 'See https://www.example.com/menu', preview_url: true });
    expect(buildTextMessages('1', 'word '.repeat(2000), true).every((m) => m.text.preview_url === true)).toBe(true);
  });
});
