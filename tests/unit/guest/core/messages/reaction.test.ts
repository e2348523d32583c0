import { describe, expect, it } from 'vitest';
import { buildReactionMessage } from '../../../../../src/guest/core/messages/reaction.ts';
import { refusal } from './refusal.ts';

const TARGET = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';

describe('buildReactionMessage', () => {
  it('builds the documented body', () => {
    expect(buildReactionMessage('+1 650 555 1234', TARGET, '👍')).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'reaction',
      reaction: { message_id: TARGET, emoji: '👍' },
    });
  });

  it('removes a reaction with ""', () => {
    expect(buildReactionMessage('1', TARGET, '').reaction).toStrictEqual({ message_id: TARGET, emoji: '' });
  });

  it.each(['😀', '❤️', '👍🏽', '🇫🇷', '1️⃣', '👨‍👩‍👧', '☕', '✅', '⭐'])('accepts %s', (emoji) => {
    expect(buildReactionMessage('1', TARGET, emoji).reaction.emoji).toBe(emoji);
  });

  it.each(['ok', 'a', ' 👍', '👍 ', 'yes 👍', '1', '!'])('refuses %j as an emoji', (emoji) => {
    expect(refusal(() => buildReactionMessage('1', TARGET, emoji)).message).toContain('is not an emoji');
  });

  it.each(['', '12345', 'HBgLMTY1', 'wamid.'])('refuses the target %j: a reaction targets a wamid', (target) => {
    expect(refusal(() => buildReactionMessage('1', target, '👍')).message).toContain(`reaction target ${JSON.stringify(target)} is not a WhatsApp message id`);
  });

  it('refuses an empty recipient', () => {
    expect(refusal(() => buildReactionMessage(' ', TARGET, '👍')).message).toContain('is empty');
  });

  it('carries callback data, and refuses a quote: a reaction already points at its message', () => {
    expect(buildReactionMessage('1', TARGET, '👍', { callbackData: 'turn-3' }).biz_opaque_callback_data).toBe('turn-3');
    expect(refusal(() => buildReactionMessage('1', TARGET, '👍', { replyTo: TARGET })).message).toBe(
      `a reaction quotes no message: reply-to "${TARGET}" must be null (the reaction already targets message-id)`,
    );
  });
});
