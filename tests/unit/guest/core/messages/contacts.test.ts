import { describe, expect, it } from 'vitest';
import type { Contact } from 'asterai:whatsapp/types@0.3.0';
import { buildContactsMessage } from '../../../../../src/guest/core/messages/contacts.ts';
import { refusal } from './refusal.ts';

const card = (fields: Partial<Contact> = {}): Contact => ({
  name: { formattedName: 'Ada Lovelace' },
  phones: [],
  emails: [],
  addresses: [],
  urls: [],
  ...fields,
});

describe('buildContactsMessage', () => {
  it('sends a card with only a name as { name: { formatted_name } }', () => {
    expect(buildContactsMessage('16505551234', [card()])).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'contacts',
      contacts: [{ name: { formatted_name: 'Ada Lovelace' } }],
    });
  });

  it('maps every field to Meta\'s names and leaves blank ones out', () => {
    const full = card({
      name: { formattedName: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', middleName: ' ', prefix: 'Countess' },
      phones: [{ phone: '+44 20 7946 0000', waId: '442079460000', kind: 'CELL' }, { phone: '+44 20 7946 0001' }],
      emails: [{ email: 'ada@example.com', kind: 'WORK' }],
      addresses: [{ street: '12 St James Sq', city: 'London', countryCode: 'GB', kind: 'HOME' }, {}],
      org: { company: 'Analytical Engines Ltd', title: '' },
      urls: [{ url: 'https://example.com/ada' }],
      birthday: '1815-12-10',
    });
    expect(buildContactsMessage('1', [full, card({ name: { formattedName: 'Charles Babbage' } })]).contacts).toStrictEqual([
      {
        name: { formatted_name: 'Ada Lovelace', first_name: 'Ada', last_name: 'Lovelace', prefix: 'Countess' },
        phones: [{ phone: '+44 20 7946 0000', wa_id: '442079460000', type: 'CELL' }, { phone: '+44 20 7946 0001' }],
        emails: [{ email: 'ada@example.com', type: 'WORK' }],
        addresses: [{ street: '12 St James Sq', city: 'London', country_code: 'GB', type: 'HOME' }],
        org: { company: 'Analytical Engines Ltd' },
        urls: [{ url: 'https://example.com/ada' }],
        birthday: '1815-12-10',
      },
      { name: { formatted_name: 'Charles Babbage' } },
    ]);
  });

  it('takes 257 cards', () => {
    expect(buildContactsMessage('1', Array.from({ length: 257 }, () => card())).contacts).toHaveLength(257);
  });

  it.each([
    ['no cards', [], '0 contact cards: Meta allows 1 to 257 in one message'],
    ['258 cards', Array.from({ length: 258 }, () => card()), '258 contact cards: Meta allows 1 to 257'],
    ['a blank formatted name', [card({ name: { formattedName: ' ' } })], 'contact 1 formatted-name is empty'],
    ['an empty phone', [card(), card({ phones: [{ phone: '' }] })], 'contact 2 phone 1 is empty'],
    ['an empty email', [card({ emails: [{ email: '' }] })], 'contact 1 email 1 is empty'],
    ['an empty url', [card({ urls: [{ url: '' }] })], 'contact 1 url 1 is empty'],
    ['a birthday in another format', [card({ birthday: '10/12/1815' })], 'contact 1 birthday "10/12/1815" is not a date written YYYY-MM-DD'],
    ['a birthday that is no date', [card({ birthday: '1815-02-30' })], 'contact 1 birthday "1815-02-30" is not a date'],
  ])('refuses %s', (_what, contacts, message) => {
    expect(refusal(() => buildContactsMessage('1', contacts)).message).toContain(message);
  });
});
