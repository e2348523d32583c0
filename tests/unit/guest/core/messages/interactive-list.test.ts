import { describe, expect, it } from 'vitest';
import type { ListSection } from 'asterai:whatsapp/whatsapp@0.3.0';
import { buildListMessage } from '../../../../../src/guest/core/messages/interactive-list.ts';
import { emojis, refusal } from './refusal.ts';

const rows = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, title: `Row ${prefix}${i + 1}` }));
const one = (sectionRows: ListSection['rows'] = rows(1)): ListSection[] => [{ title: '', rows: sectionRows }];

describe('buildListMessage', () => {
  it('builds the documented body', () => {
    const sections: ListSection[] = [
      { title: 'Shipping', rows: [{ id: 'priority', title: 'Priority Mail', description: '1–3 days' }, { id: 'ground', title: 'Ground' }] },
      { title: 'Pickup', rows: [{ id: 'store', title: 'In store', description: undefined }] },
    ];
    expect(buildListMessage('16505551234', { body: 'How should we ship it?' }, 'Options', sections, { replyTo: 'wamid.Q' })).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'How should we ship it?' },
        action: {
          button: 'Options',
          sections: [
            { title: 'Shipping', rows: [{ id: 'priority', title: 'Priority Mail', description: '1–3 days' }, { id: 'ground', title: 'Ground' }] },
            { title: 'Pickup', rows: [{ id: 'store', title: 'In store' }] },
          ],
        },
      },
      context: { message_id: 'wamid.Q' },
    });
  });

  it('leaves out the title of a single untitled section', () => {
    expect(buildListMessage('1', { body: 'Pick' }, 'Open', one()).interactive.action.sections).toStrictEqual([{ rows: [{ id: 'r1', title: 'Row r1' }] }]);
  });

  it.each([
    ['10 rows in one section', one(rows(10))],
    ['10 sections of one row', Array.from({ length: 10 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}-`) }))],
    ['a label of 20 characters', one()],
    ['limits at the edge', [{ title: 's'.repeat(24), rows: [{ id: 'i'.repeat(200), title: emojis(24), description: 'd'.repeat(72) }] }]],
  ])('accepts %s', (what, sections) => {
    const label = what.startsWith('a label') ? 'l'.repeat(20) : 'Open';
    expect(() => buildListMessage('1', { body: 'Pick' }, label, sections)).not.toThrow();
  });

  it.each([
    ['no sections', 'Open', [], '0 list sections: Meta allows 1 to 10'],
    ['11 sections', 'Open', Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}-`) })), '11 list sections: Meta allows 1 to 10'],
    ['11 rows in all', 'Open', [{ title: 'A', rows: rows(6, 'a') }, { title: 'B', rows: rows(5, 'b') }], '11 list rows in all: Meta allows at most 10'],
    ['an empty section', 'Open', [{ title: 'A', rows: rows(1, 'a') }, { title: 'B', rows: [] }], 'list section 2 has no rows'],
    ['an untitled section among several', 'Open', [{ title: 'A', rows: rows(1, 'a') }, { title: '', rows: rows(1, 'b') }], 'list section 2 has no title'],
    ['a section title of 25', 'Open', [{ title: 's'.repeat(25), rows: rows(1) }], 'list section 1 title "sssssssssssssssssssssssss" is 25 characters: Meta allows 1 to 24'],
    ['an empty label', '', one(), 'list button label is empty'],
    ['a label of 21', 'l'.repeat(21), one(), 'list button label "lllllllllllllllllllll" is 21 characters: Meta allows 1 to 20'],
    ['a row id of 201', 'Open', one([{ id: 'i'.repeat(201), title: 'T' }]), 'list section 1 row 1 id "iiii'],
    ['an empty row id', 'Open', one([{ id: ' ', title: 'T' }]), 'list section 1 row 1 id is empty'],
    ['a row title of 25', 'Open', one([{ id: 'x', title: 't'.repeat(25) }]), 'list section 1 row 1 title "ttttttttttttttttttttttttt" is 25 characters: Meta allows 1 to 24'],
    ['an empty row title', 'Open', one([{ id: 'x', title: '' }]), 'list section 1 row 1 title is empty'],
    ['a description of 73', 'Open', one([{ id: 'x', title: 'T', description: 'd'.repeat(73) }]), 'list section 1 row 1 description "dddd'],
    ['a duplicate row id across sections', 'Open', [{ title: 'A', rows: [{ id: 'x', title: 'One' }] }, { title: 'B', rows: [{ id: 'x', title: 'Two' }] }], 'list section 2 row 1 id "x" is used twice'],
  ])('refuses %s', (_what, label, sections, message) => {
    expect(refusal(() => buildListMessage('1', { body: 'Pick' }, label, sections as ListSection[])).message).toContain(message);
  });

  it('refuses an empty body and says how long a description is', () => {
    expect(refusal(() => buildListMessage('1', { body: '' }, 'Open', one())).message).toContain('interactive message body is empty');
    expect(refusal(() => buildListMessage('1', { body: 'Pick' }, 'Open', one([{ id: 'x', title: 'T', description: 'd'.repeat(73) }]))).message).toContain(
      'is 73 characters: Meta allows at most 72',
    );
  });

  it('takes a text header and a footer, and refuses a media header ("Supports text header type only")', () => {
    expect(buildListMessage('1', { header: { tag: 'text', val: 'Shipping' }, body: 'Pick', footer: 'Prices include tax' }, 'Open', one()).interactive).toMatchObject({
      type: 'list',
      header: { type: 'text', text: 'Shipping' },
      body: { text: 'Pick' },
      footer: { text: 'Prices include tax' },
    });
    expect(refusal(() => buildListMessage('1', { header: { tag: 'image', val: '42' }, body: 'Pick' }, 'Open', one())).message).toBe(
      'a image header is not allowed on list messages: Meta takes a text header only',
    );
  });
});
