import { describe, expect, it } from 'vitest';
import { ConfigError, notSetError } from '../../../../src/guest/core/config.ts';
import {
  SendError,
  configFailure,
  invalidRequest,
  networkFailure,
  redactFailure,
  redactSecrets,
  redactableSecrets,
  timeoutFailure,
  toFailure,
} from '../../../../src/guest/core/errors.ts';

describe('failure helpers', () => {
  it('invalidRequest', () => {
    expect(invalidRequest('caption is 2000 characters, over 1024')).toStrictEqual({
      kind: 'invalid-request',
      code: 0,
      message: 'caption is 2000 characters, over 1024',
      retryable: false,
      httpStatus: 0,
      traceId: undefined,
    });
  });

  it('configFailure keeps the message that names the variable', () => {
    expect(configFailure(notSetError('WHATSAPP_ACCESS_TOKEN'))).toMatchObject({
      kind: 'config',
      code: 0,
      retryable: false,
      httpStatus: 0,
      message: expect.stringMatching(/^WHATSAPP_ACCESS_TOKEN is not set: /) as unknown,
    });
  });

  it('networkFailure is retryable', () => {
    expect(networkFailure('connection refused')).toStrictEqual({
      kind: 'network',
      code: 0,
      message: 'could not reach the Graph API: connection refused',
      retryable: true,
      httpStatus: 0,
      traceId: undefined,
    });
  });

  it('timeoutFailure says how long and that the message may have gone out', () => {
    expect(timeoutFailure(10_000)).toStrictEqual({
      kind: 'timeout',
      code: 0,
      message: 'the Graph API did not answer within 10000 ms (the message may still have been delivered)',
      retryable: true,
      httpStatus: 0,
      traceId: undefined,
    });
  });
});

describe('SendError', () => {
  it('carries its failure and uses its message', () => {
    const failure = invalidRequest('nope');
    const error = new SendError(failure);
    expect(error).toBeInstanceOf(Error);
    expect(error.failure).toBe(failure);
    expect(error.message).toBe('nope');
    expect(error.name).toBe('SendError');
  });

  it('withContext prefixes the message and keeps the rest', () => {
    const error = new SendError({ kind: 'server', code: 131000, message: 'Something went wrong', retryable: true, httpStatus: 500, traceId: 'Ab1' });
    const wrapped = error.withContext('part 2 of 3 failed after 1 sent (wamid.A)');
    expect(wrapped.failure).toStrictEqual({
      kind: 'server',
      code: 131000,
      message: 'part 2 of 3 failed after 1 sent (wamid.A): Something went wrong',
      retryable: true,
      httpStatus: 500,
      traceId: 'Ab1',
    });
    expect(error.message).toBe('Something went wrong');
  });
});

describe('toFailure', () => {
  it.each([
    ['a SendError', new SendError(networkFailure('reset')), { kind: 'network', message: 'could not reach the Graph API: reset' }],
    ['a ConfigError', new ConfigError('WHATSAPP_API_VERSION', 'WHATSAPP_API_VERSION must look like v25.0'), { kind: 'config', message: 'WHATSAPP_API_VERSION must look like v25.0' }],
    ['an Error', new TypeError('boom'), { kind: 'unknown', message: 'boom', retryable: false }],
    ['a string', 'weird', { kind: 'unknown', message: 'weird' }],
    ['undefined', undefined, { kind: 'unknown', message: 'undefined' }],
  ])('%s', (_name, thrown, expected) => {
    expect(toFailure(thrown)).toMatchObject(expected);
  });
});

describe('redactSecrets', () => {
  it.each([
    ['plain', 'Authorization: Bearer EAAGtoken123', ['EAAGtoken123'], 'Authorization: Bearer [redacted]'],
    ['every occurrence', 'a=EAAG b=EAAG', ['EAAG'], 'a=[redacted] b=[redacted]'],
    ['several secrets', 'tok=T1 secret=S2', ['T1', 'S2'], 'tok=[redacted] secret=[redacted]'],
    ['URL-encoded form', 'https://x/?access_token=ab%2Fc%3D%3D', ['ab/c=='], 'https://x/?access_token=[redacted]'],
    ['form-encoded space', 'token=a+b%26c', ['a b&c'], 'token=[redacted]'],
    ['a secret containing another', 'key=abcdef', ['abc', 'abcdef'], 'key=[redacted]'],
    ['empty secrets are ignored', 'nothing to hide', ['', 'absent'], 'nothing to hide'],
    ['no secrets', 'text', [], 'text'],
    ['regex characters are literal', 'p=a.b*c', ['a.b*c', '.*'], 'p=[redacted]'],
    ['Graph echoing a JSON request', '{"error":{"message":"Invalid OAuth access token - Cannot parse access token EAAGxyz"}}', ['EAAGxyz'], '{"error":{"message":"Invalid OAuth access token - Cannot parse access token [redacted]"}}'],
  ])('%s', (_name, text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });
});

describe('redactableSecrets and redactFailure', () => {
  it('keeps only secrets that are set and at least 8 characters long', () => {
    expect(redactableSecrets(['EAAGlongtoken123', undefined, '', 'short', '12345678'])).toStrictEqual(['EAAGlongtoken123', '12345678']);
  });

  it('removes the secrets from the message and keeps the rest of the failure', () => {
    const failure = { kind: 'auth', code: 190, message: 'Malformed access token EAAGlongtoken123', retryable: false, httpStatus: 401, traceId: 'T' } as const;
    expect(redactFailure(failure, ['EAAGlongtoken123'])).toStrictEqual({ ...failure, message: 'Malformed access token [redacted]' });
    expect(redactFailure(failure, ['other-secret'])).toBe(failure);
  });
});
