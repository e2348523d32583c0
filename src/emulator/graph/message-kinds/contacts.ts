// type "contacts": { contacts: [{ name: { formatted_name, ... }, phones?, emails?, ... }] }
import { invalid, isObject, paramPath, requireArray, requireObject, requireString, type Json } from '../params.ts';
import type { MessageContent } from './content.ts';

export function checkContacts(message: Json): MessageContent {
  const contacts = requireArray(message, 'contacts', '');
  if (contacts.length === 0) throw invalid('Param contacts must contain at least one contact.');
  const names = contacts.map((contact, index) => {
    const at = paramPath('contacts', index);
    if (!isObject(contact)) throw invalid(`Param ${at} must be a JSON object.`);
    return requireString(requireObject(contact, 'name', at), 'formatted_name', paramPath(at, 'name'));
  });
  return { kind: 'contacts', summary: names.join(', ') };
}
