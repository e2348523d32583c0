import { describe, expect, it } from 'vitest';
import type { Button } from 'asterai:whatsapp/whatsapp@0.3.0';
import { buildButtonsMessage } from '../../../../../src/guest/core/messages/interactive-buttons.ts';
import { emojis, refusal } from './refusal.ts';

const buttons = (n: number): Button[] => Array.from({ length: n }, (_, i) => ({ id: `b${i + 1}`, title: `Option ${i + 1}` }));

describe('buildButtonsMessage', () => {
  it('builds the documented body', () => {
    expect(buildButtonsMessage('16505551234', { body: 'Change or cancel?' }, [{ id: 'change', title: 'Change' }, { id: 'cancel', title: 'Cancel' }], { replyTo: 'wamid.Q' })).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Change or cancel?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'change', title: 'Change' } },
            { type: 'reply', reply: { id: 'cancel', title: 'Cancel' } },
          ],
        },
      },
      context: { message_id: 'wamid.Q' },
    });
  });

  it.each([1, 3])('accepts %i buttons', (n) => {
    expect(buildButtonsMessage('1', { body: 'Pick' }, buttons(n)).interactive.action.buttons).toHaveLength(n);
  });

  it.each([
    ['a body of 1024 characters', 'b'.repeat(1024), buttons(1)],
    ['a body of 1024 emoji', emojis(1024), buttons(1)],
    ['a title of 20 characters', 'Pick', [{ id: 'x', title: 't'.repeat(20) }]],
    ['a title of 20 emoji', 'Pick', [{ id: 'x', title: emojis(20) }]],
    ['an id of 256 characters', 'Pick', [{ id: 'i'.repeat(256), title: 'T' }]],
  ])('accepts %s', (_what, body, list) => {
    expect(() => buildButtonsMessage('1', { body }, list)).not.toThrow();
  });

  it.each([
    ['no buttons', 'Pick', [], '0 buttons: Meta allows 1 to 3'],
    ['4 buttons', 'Pick', buttons(4), '4 buttons: Meta allows 1 to 3'],
    ['an empty body', '', buttons(1), 'interactive message body is empty'],
    ['a blank body', '  \n', buttons(1), 'interactive message body is empty'],
    ['a body of 1025 characters', 'b'.repeat(1025), buttons(1), 'interactive message body "bbbb'],
    ['a title of 21 characters', 'Pick', [{ id: 'x', title: 't'.repeat(21) }], 'button 1 title "ttttttttttttttttttttt" is 21 characters: Meta allows 1 to 20'],
    ['an empty title', 'Pick', [{ id: 'x', title: '' }], 'button 1 title is empty'],
    ['an id of 257 characters', 'Pick', [{ id: 'i'.repeat(257), title: 'T' }], 'button 1 id "iiii'],
    ['an empty id', 'Pick', [{ id: '', title: 'T' }], 'button 1 id is empty'],
    ['a duplicate id', 'Pick', [{ id: 'x', title: 'A' }, { id: 'x', title: 'B' }], 'button 2 id "x" is used twice: button ids must be unique'],
    ['a duplicate title', 'Pick', [{ id: 'a', title: 'Same' }, { id: 'b', title: 'Same' }], 'button 2 title "Same" is used twice'],
  ])('refuses %s', (_what, body, list, message) => {
    expect(refusal(() => buildButtonsMessage('1', { body }, list)).message).toContain(message);
  });

  it('says how long an overlong body is', () => {
    expect(refusal(() => buildButtonsMessage('1', { body: 'b'.repeat(1025) }, buttons(1))).message).toContain('is 1025 characters: Meta allows 1 to 1024');
  });

  it('takes a header of any kind and a footer, in Meta\'s documented shape', () => {
    const message = buildButtonsMessage('1', { header: { tag: 'image', val: 'https://example.com/order.png' }, body: 'Pick', footer: 'Reply within 24 h' }, buttons(1));
    expect(message.interactive).toStrictEqual({
      type: 'button',
      header: { type: 'image', image: { link: 'https://example.com/order.png' } },
      body: { text: 'Pick' },
      footer: { text: 'Reply within 24 h' },
      action: { buttons: [{ type: 'reply', reply: { id: 'b1', title: 'Option 1' } }] },
    });
    expect(buildButtonsMessage('1', { header: { tag: 'video', val: '1013859600285441' }, body: 'Pick' }, buttons(1)).interactive.header).toStrictEqual({ type: 'video', video: { id: '1013859600285441' } });
    expect(buildButtonsMessage('1', { header: { tag: 'document', val: '42' }, body: 'Pick' }, buttons(1)).interactive.header).toStrictEqual({ type: 'document', document: { id: '42' } });
    expect(buildButtonsMessage('1', { header: { tag: 'text', val: 'h'.repeat(60) }, body: 'Pick', footer: ' ' }, buttons(1)).interactive).toMatchObject({ header: { type: 'text', text: 'h'.repeat(60) } });
  });

  it.each([
    ['a text header of 61 characters', { header: { tag: 'text' as const, val: 'h'.repeat(61) }, body: 'Pick' }, 'interactive message header "hhhh'],
    ['an empty text header', { header: { tag: 'text' as const, val: '' }, body: 'Pick' }, 'interactive message header is empty'],
    ['a footer of 61 characters', { body: 'Pick', footer: 'f'.repeat(61) }, 'is 61 characters: Meta allows 1 to 60'],
    ['an image header that is no media', { header: { tag: 'image' as const, val: 'banner.png' }, body: 'Pick' }, 'header image "banner.png" is neither a media id'],
  ])('refuses %s', (_what, content, message) => {
    expect(refusal(() => buildButtonsMessage('1', content, buttons(1))).message).toContain(message);
  });
});
