// type "contacts": { contacts: [{ name: { formatted_name, ... }, phones?, emails?, ... }] }
import { asObject, invalid, paramPath, requireArray, requireObject, requireString, type Json } from '../params.ts';
import type { MessageContent } from './content.ts';

export function checkContacts(message: Json): MessageContent {
  const contacts = requireArray(message, 'contacts', '');
  if (contacts.length === 0) throw invalid('Param contacts must contain at least one contact.');
  const names = contacts.map((item, index) => {
    const at = paramPath('contacts', index);
    const contact = asObject(item, at);
    return requireString(requireObject(contact, 'name', at), 'formatted_name', paramPath(at, 'name'));
  });
  return { kind: 'contacts', summary: names.join(', ') };
}
