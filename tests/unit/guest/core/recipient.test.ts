import { describe, expect, it } from 'vitest';
import { SendError } from '../../../../src/guest/core/failure.ts';
import { normalizeRecipient } from '../../../../src/guest/core/recipient.ts';

function failureOf(to: string): SendError {
  try {
    normalizeRecipient(to);
  } catch (error) {
    if (error instanceof SendError) return error;
    throw error;
  }
  throw new Error(`expected ${to} to be rejected`);
}

describe('normalizeRecipient', () => {
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
    expect(normalizeRecipient(to)).toBe(expected);
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
    ['US.13491208655302741918', '"U" is not allowed'],
    ['1/650/5551234', '"/" is not allowed'],
    ['١٦٥٠٥٥٥١٢٣٤', 'is not allowed'],
  ])('%j is an invalid-request naming the value (%s)', (to, why) => {
    const error = failureOf(to);
    expect(error.failure).toMatchObject({ kind: 'invalid-request', code: 0, retryable: false, httpStatus: 0 });
    expect(error.message).toContain(JSON.stringify(to));
    expect(error.message).toContain(why);
  });
});
