// The SendError a builder throws, for asserting which rule it names.
import { expect } from 'vitest';
import { SendError } from '../../../../../src/guest/core/failure.ts';

export function refusal(build: () => unknown): SendError {
  try {
    build();
  } catch (e) {
    if (e instanceof SendError) {
      expect(e.failure).toMatchObject({ kind: 'invalid-request', code: 0, retryable: false, httpStatus: 0 });
      return e;
    }
    throw e;
  }
  throw new Error('expected the builder to refuse');
}

/** `n` characters, each one code point but two UTF-16 units, to show limits count characters. */
export function emojis(n: number): string {
  return '😀'.repeat(n);
}
