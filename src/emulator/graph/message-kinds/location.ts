// type "location": { location: { latitude, longitude, name?, address? } }
import { optionalString, requireNumber, requireObject, type Json } from '../params.ts';
import type { MessageContent } from './content.ts';

export function checkLocation(message: Json): MessageContent {
  const location = requireObject(message, 'location', '');
  const latitude = requireNumber(location, 'latitude', 'location', { min: -90, max: 90 });
  const longitude = requireNumber(location, 'longitude', 'location', { min: -180, max: 180 });
  const name = optionalString(location, 'name', 'location', { max: 1000 });
  const address = optionalString(location, 'address', 'location', { max: 1000 });
  const label = [name, address].filter(Boolean).join(', ');
  return { kind: 'location', summary: `${latitude}, ${longitude}${label ? ` (${label})` : ''}` };
}
