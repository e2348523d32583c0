import { describe, expect, it } from 'vitest';
import { SendError } from '../../../../src/guest/core/failure.ts';
import { normalizePhone, recipientFields } from '../../../../src/guest/core/recipient.ts';

function failureOf(to: string): SendError {
  try {
    recipientFields(to);
  } catch (error) {
    if (error instanceof SendError) return error;
    throw error;
  }
  throw new Error(`expected ${to} to be rejected`);
}

describe('a phone number: `to`, its digits', () => {
  it.each([
    ['16505551234', '16505551234'],
    ['+16505551234', '16505551234'],
    ['+1 650 555 1234', '16505551234'],
    ['+1 (650) 555-1234', '16505551234'],
    ['1.650.555.1234', '16505551234'],
    ['0049 170 1234567', '491701234567'],
    ['00491701234567', '491701234567'],
    [' +44 20 7946 0958 ', '442079460958'],
    ['+1\u00a0650\u2011555\u20111234', '16505551234'],
    ['+1\t650\n5551234', '16505551234'],
    // only ONE leading + or 00 goes; what follows is kept as digits
    ['0000123', '00123'],
    ['+0049123', '0049123'],
    ['0123', '0123'],
  ])('%j → %j', (to, expected) => {
    expect(normalizePhone(to)).toBe(expected);
    expect(recipientFields(to)).toEqual({ recipient_type: 'individual', to: expected });
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['+', 'is empty'],
    ['00', 'is empty'],
    ['(-)', 'is empty'],
    ['++16505551234', '"+" is not allowed'],
    ['1650555123x', '"x" is not allowed'],
    ['+1 650 CALL NOW', '"C" is not allowed'],
    ['16505551234@s.whatsapp.net', '"@" is not allowed'],
    ['us.13491208655302741918', 'is not a user id'],
    ['US-13491208655302741918', '"U" is not allowed'],
    ['US.1349-1208', 'is not a user id'],
    ['US.', 'is not a user id'],
    ['USA.13491208655302741918', '"U" is not allowed'],
    [`US.${'1'.repeat(129)}`, 'is not a user id'],
    ['wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDA', '"w" is not allowed'],
    ['1/650/5551234', '"/" is not allowed'],
    ['١٦٥٠٥٥٥١٢٣٤', 'is not allowed'],
  ])('%j is an invalid-request naming the value (%s)', (to, why) => {
    const error = failureOf(to);
    expect(error.failure).toMatchObject({ kind: 'invalid-request', code: 0, retryable: false, httpStatus: 0 });
    expect(error.message).toContain(JSON.stringify(to));
    expect(error.message).toContain(why);
  });
});

describe('a user id (BSUID) or parent user id: `recipient`, and no `to`', () => {
  it.each([
    'US.13491208655302741918',
    'US.ENT.11815799212886844830',
    'AR.1502576394655843',
    ` BR.${'a1'.repeat(64)} `,
  ])('%j', (to) => {
    const fields = recipientFields(to);
    expect(fields).toEqual({ recipient_type: 'individual', recipient: to.trim() });
    expect('to' in fields).toBe(false);
  });
});

describe('a group id: `to` with recipient_type group', () => {
  it.each(['Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', 'HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA'])('%j', (to) => {
    expect(recipientFields(to)).toEqual({ recipient_type: 'group', to });
  });
});
