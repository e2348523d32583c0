// Contacts messages (Meta: "Contacts messages"): `contacts` is an array of
// contact cards, "information for up to 257 contacts", each with a `name` whose
// `formatted_name` is required, and optional `phones`, `emails`, `addresses`,
// `org`, `urls` and a `birthday` that "must be in YYYY-MM-DD format". A card is
// `types.contact`, the record inbound contacts messages arrive as; blank
// fields and empty lists are left out of the request.
import type { Contact, ContactAddress, ContactName, ContactOrg } from 'asterai:whatsapp/types@0.3.0';
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { quoted, requireText } from './rules.ts';

export const CONTACTS_LIMIT = 257;

type Fields = Record<string, string>;

export interface ContactObject {
  name: Fields & { formatted_name: string };
  phones?: Fields[];
  emails?: Fields[];
  addresses?: Fields[];
  org?: Fields;
  urls?: Fields[];
  birthday?: string;
}

/** The fields of `values` that are not blank, under Meta's names. */
function fields(values: Record<string, string | undefined>): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(values)) {
    const text = nonBlank(value);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

function nameObject(name: ContactName, what: string): ContactObject['name'] {
  requireText(`${what} formatted-name`, name.formattedName);
  return {
    formatted_name: name.formattedName,
    ...fields({ first_name: name.firstName, last_name: name.lastName, middle_name: name.middleName, prefix: name.prefix, suffix: name.suffix }),
  };
}

function addressObject(address: ContactAddress): Fields {
  return fields({
    street: address.street,
    city: address.city,
    state: address.state,
    zip: address.zip,
    country: address.country,
    country_code: address.countryCode,
    type: address.kind,
  });
}

function orgObject(org: ContactOrg): Fields {
  return fields({ company: org.company, department: org.department, title: org.title });
}

/** A calendar date written YYYY-MM-DD. */
function requireBirthday(what: string, value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) {
    refuse(`${what} ${quoted(value)} is not a date written YYYY-MM-DD, like "1815-12-10"`);
  }
  return value;
}

function contactObject(contact: Contact, index: number): ContactObject {
  const what = `contact ${index + 1}`;
  const card: ContactObject = { name: nameObject(contact.name, what) };
  const phones = contact.phones.map((phone, at) => {
    requireText(`${what} phone ${at + 1}`, phone.phone);
    return fields({ phone: phone.phone, wa_id: phone.waId, type: phone.kind });
  });
  const emails = contact.emails.map((email, at) => {
    requireText(`${what} email ${at + 1}`, email.email);
    return fields({ email: email.email, type: email.kind });
  });
  const addresses = contact.addresses.map(addressObject).filter((address) => Object.keys(address).length > 0);
  const urls = contact.urls.map((url, at) => {
    requireText(`${what} url ${at + 1}`, url.url);
    return fields({ url: url.url, type: url.kind });
  });
  if (phones.length > 0) card.phones = phones;
  if (emails.length > 0) card.emails = emails;
  if (addresses.length > 0) card.addresses = addresses;
  const org = contact.org === undefined ? undefined : orgObject(contact.org);
  if (org !== undefined && Object.keys(org).length > 0) card.org = org;
  if (urls.length > 0) card.urls = urls;
  const birthday = nonBlank(contact.birthday);
  if (birthday !== undefined) card.birthday = requireBirthday(`${what} birthday`, birthday);
  return card;
}

export function buildContactsMessage(to: string, contacts: readonly Contact[], options?: SendOptions): OutgoingMessage<'contacts', ContactObject[]> {
  if (contacts.length < 1 || contacts.length > CONTACTS_LIMIT) {
    refuse(`${contacts.length} contact cards: Meta allows 1 to ${CONTACTS_LIMIT} in one message`);
  }
  return outgoingMessage(to, 'contacts', contacts.map(contactObject), options);
}
