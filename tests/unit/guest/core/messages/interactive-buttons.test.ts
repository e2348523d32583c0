import { describe, expect, it } from 'vitest';
import type { Button } from 'asterai:whatsapp/whatsapp@0.3.0';
import { buildButtonsMessage } from '../../../../../src/guest/core/messages/interactive-buttons.ts';
import { emojis, refusal } from './refusal.ts';

const buttons = (n: number): Button[] => Array.from({ length: n }, (_, i) => ({ id: `b${i + 1}`, title: `Option ${i + 1}` }));

describe('buildButtonsMessage', () => {
  it('builds the documented body', () => {
    expect(buildButtonsMessage('16505551234', 'Change or cancel?', [{ id: 'change', title: 'Change' }, { id: 'cancel', title: 'Cancel' }], 'wamid.Q')).toStrictEqual({
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
    expect(buildButtonsMessage('1', 'Pick', buttons(n)).interactive.action.buttons).toHaveLength(n);
  });

  it.each([
    ['a body of 1024 characters', 'b'.repeat(1024), buttons(1)],
    ['a body of 1024 emoji', emojis(1024), buttons(1)],
    ['a title of 20 characters', 'Pick', [{ id: 'x', title: 't'.repeat(20) }]],
    ['a title of 20 emoji', 'Pick', [{ id: 'x', title: emojis(20) }]],
    ['an id of 256 characters', 'Pick', [{ id: 'i'.repeat(256), title: 'T' }]],
  ])('accepts %s', (_what, body, list) => {
    expect(() => buildButtonsMessage('1', body, list)).not.toThrow();
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
    expect(refusal(() => buildButtonsMessage('1', body, list)).message).toContain(message);
  });

  it('says how long an overlong body is', () => {
    expect(refusal(() => buildButtonsMessage('1', 'b'.repeat(1025), buttons(1))).message).toContain('is 1025 characters: Meta allows 1 to 1024');
  });
});
