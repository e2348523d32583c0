// Location messages (Meta: "Location messages"): { latitude, longitude, name?, address? }.
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { present, refuse } from './rules.ts';

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
  const name = present(options.name);
  const address = present(options.address);
  if (name !== undefined) location.name = name;
  if (address !== undefined) location.address = address;
  return outgoingMessage(to, 'location', location, options.replyTo);
}
