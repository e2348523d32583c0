import { describe, expect, it } from 'vitest';
import { buildLocationMessage } from '../../../../../src/guest/core/messages/location.ts';
import { refusal } from './refusal.ts';

describe('buildLocationMessage', () => {
  it('builds the documented body', () => {
    expect(buildLocationMessage('16505551234', { latitude: 37.4847, longitude: -122.1477, name: 'Philz Coffee', address: '101 Forest Ave, Palo Alto' }, { replyTo: 'wamid.Q' })).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'location',
      location: { latitude: 37.4847, longitude: -122.1477, name: 'Philz Coffee', address: '101 Forest Ave, Palo Alto' },
      context: { message_id: 'wamid.Q' },
    });
  });

  it.each([
    [90, 180],
    [-90, -180],
    [0, 0],
  ])('accepts the edges %f, %f', (latitude, longitude) => {
    expect(buildLocationMessage('1', { latitude, longitude }).location).toStrictEqual({ latitude, longitude });
  });

  it('leaves empty name and address out', () => {
    expect(buildLocationMessage('1', { latitude: 1, longitude: 2, name: '', address: ' ' }).location).toStrictEqual({ latitude: 1, longitude: 2 });
  });

  it.each([
    [90.0001, 0, 'latitude 90.0001 is out of range: it must be a number of degrees from -90 to 90'],
    [-91, 0, 'latitude -91 is out of range'],
    [0, 180.5, 'longitude 180.5 is out of range: it must be a number of degrees from -180 to 180'],
    [0, -181, 'longitude -181 is out of range'],
    [Number.NaN, 0, 'latitude NaN is out of range'],
    [0, Number.POSITIVE_INFINITY, 'longitude Infinity is out of range'],
  ])('refuses %f, %f', (latitude, longitude, message) => {
    expect(refusal(() => buildLocationMessage('1', { latitude, longitude })).message).toContain(message);
  });
});
