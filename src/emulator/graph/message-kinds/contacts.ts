// type "contacts": { contacts: [{ name: { formatted_name, ... }, phones?, emails?, addresses?,
// org?, urls?, birthday? }] }. Meta ("Contacts messages"): "information for up to 257
// contacts"; formatted_name is required; a birthday "must be in YYYY-MM-DD format".
import { asObject, invalid, optionalString, paramPath, requireArray, requireObject, requireString, type Json } from '../params.ts';
import type { MessageContent } from './content.ts';

export const CONTACTS_MAX = 257;

export function checkContacts(message: Json): MessageContent {
  const contacts = requireArray(message, 'contacts', '');
  if (contacts.length === 0) throw invalid('Param contacts must contain at least one contact.');
  if (contacts.length > CONTACTS_MAX) throw invalid(`Param contacts must contain at most ${CONTACTS_MAX} contacts - got ${contacts.length}.`);
  const names = contacts.map((item, index) => {
    const at = paramPath('contacts', index);
    const contact = asObject(item, at);
    const birthday = optionalString(contact, 'birthday', at);
    if (birthday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(birthday)) {
      throw invalid(`Param ${paramPath(at, 'birthday')} must be in YYYY-MM-DD format - got "${birthday}".`);
    }
    return requireString(requireObject(contact, 'name', at), 'formatted_name', paramPath(at, 'name'));
  });
  return { kind: 'contacts', summary: names.join(', ') };
}
