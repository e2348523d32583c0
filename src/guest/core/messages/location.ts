// Location messages (Meta: "Location messages"): { latitude, longitude, name?, address? }.
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';

export interface LocationObject {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export interface LocationOptions {
  name?: string;
  address?: string;
  replyTo?: string;
}

function requireDegrees(what: string, value: number, limit: number): number {
  if (!Number.isFinite(value) || value < -limit || value > limit) {
    refuse(`${what} ${value} is out of range: it must be a number of degrees from -${limit} to ${limit}`);
  }
  return value;
}

export function buildLocationMessage(
  to: string,
  latitude: number,
  longitude: number,
  options: LocationOptions = {},
): OutgoingMessage<'location', LocationObject> {
  const location: LocationObject = {
    latitude: requireDegrees('latitude', latitude, 90),
    longitude: requireDegrees('longitude', longitude, 180),
  };
  const name = nonBlank(options.name);
  const address = nonBlank(options.address);
  if (name !== undefined) location.name = name;
  if (address !== undefined) location.address = address;
  return outgoingMessage(to, 'location', location, options.replyTo);
}
