// The cards of a `contacts` message (Meta's "Contacts messages webhook reference": each card's
// name, phones, emails, addresses, org, urls and birthday; "many contact properties may be
// omitted if the WhatsApp user chooses not to share them"), as `types.contact` records and as
// the readable line each gives `content`.
import { asList, asObject, nonBlank, type JsonObject } from '../json.ts';
import type { InboundMessage } from './events.ts';

type Contact = InboundMessage['contacts'][number];

/** The cards, each with what Meta sent; a card without a name is named from its parts, or "". */
export function contactCards(cards: readonly unknown[]): Contact[] {
  return cards.map((value) => {
    const card = asObject(value) ?? {};
    const name = asObject(card.name) ?? {};
    const org = asObject(card.org);
    return {
      name: {
        formattedName: formattedName(name) ?? '',
        firstName: nonBlank(name.first_name),
        lastName: nonBlank(name.last_name),
        middleName: nonBlank(name.middle_name),
        prefix: nonBlank(name.prefix),
        suffix: nonBlank(name.suffix),
      },
      phones: collect(card.phones, (phone) => {
        const number = nonBlank(phone.phone) ?? nonBlank(phone.wa_id);
        return number === undefined ? undefined : { phone: number, waId: nonBlank(phone.wa_id), kind: nonBlank(phone.type) };
      }),
      emails: collect(card.emails, (email) => {
        const address = nonBlank(email.email);
        return address === undefined ? undefined : { email: address, kind: nonBlank(email.type) };
      }),
      addresses: collect(card.addresses, (address) => ({
        street: nonBlank(address.street),
        city: nonBlank(address.city),
        state: nonBlank(address.state),
        zip: nonBlank(address.zip),
        country: nonBlank(address.country),
        countryCode: nonBlank(address.country_code),
        kind: nonBlank(address.type),
      })),
      org: org && { company: nonBlank(org.company), department: nonBlank(org.department), title: nonBlank(org.title) },
      urls: collect(card.urls, (url) => {
        const link = nonBlank(url.url);
        return link === undefined ? undefined : { url: link, kind: nonBlank(url.type) };
      }),
      birthday: nonBlank(card.birthday),
    };
  });
}

/**
 * One "[contact: <name> <phone>, <phone>...]" per card, joined by "\n"; a missing part is left out
 * ("[contact: Ann]", "[contact: +1 555 0100]", "[contact]"), and no card at all is "[contact]".
 */
export function describeContacts(cards: readonly Contact[]): string {
  if (cards.length === 0) return '[contact]';
  return cards
    .map((card) => {
      const phones = card.phones.map((phone) => phone.phone);
      const parts = [card.name.formattedName || undefined, phones.length > 0 ? phones.join(', ') : undefined].filter((part) => part !== undefined);
      return parts.length === 0 ? '[contact]' : `[contact: ${parts.join(' ')}]`;
    })
    .join('\n');
}

/** `formatted_name`, else the first and last name. */
function formattedName(name: JsonObject): string | undefined {
  return nonBlank(name.formatted_name) ?? ([nonBlank(name.first_name), nonBlank(name.last_name)].filter((part) => part !== undefined).join(' ') || undefined);
}

/**
 * What `read` makes of each object of the list `value`, leaving out what is not an object and what
 * `read` refuses. A loop, not `flatMap` (an array per item): parsing is on the webhook's path,
 * which runs inside the component's interpreter.
 */
function collect<T>(value: unknown, read: (object: JsonObject) => T | undefined): T[] {
  const out: T[] = [];
  for (const item of asList(value)) {
    const object = asObject(item);
    const made = object === undefined ? undefined : read(object);
    if (made !== undefined) out.push(made);
  }
  return out;
}
