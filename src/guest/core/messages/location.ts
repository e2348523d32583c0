// Location messages (Meta: "Location messages"): { latitude, longitude, name?, address? }.
import type { Place, SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { nonBlank } from '../json.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { requireDegrees } from './rules.ts';

export interface LocationObject {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** A place as Meta's location object: coordinates in range, a blank name or address left out. */
export function locationObject(place: Place): LocationObject {
  const location: LocationObject = {
    latitude: requireDegrees('latitude', place.latitude, 90),
    longitude: requireDegrees('longitude', place.longitude, 180),
  };
  const name = nonBlank(place.name);
  const address = nonBlank(place.address);
  if (name !== undefined) location.name = name;
  if (address !== undefined) location.address = address;
  return location;
}

export function buildLocationMessage(to: string, place: Place, options?: SendOptions): OutgoingMessage<'location', LocationObject> {
  return outgoingMessage(to, 'location', locationObject(place), options);
}
