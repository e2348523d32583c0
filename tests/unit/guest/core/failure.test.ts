import { describe, expect, it } from 'vitest';
import { notSetError } from '../../../../src/guest/core/config.ts';
import {
  ConfigError,
  SendError,
  describeError,
  failure,
  networkFailure,
  refuse,
  timeoutFailure,
  toFailure,
} from '../../../../src/guest/core/failure.ts';

describe('failure', () => {
  it('is not retryable, not from Graph and without a response unless told otherwise', () => {
    expect(failure('invalid-request', 'caption is 2000 characters, over 1024')).toStrictEqual({
      kind: 'invalid-request',
      code: 0,
      message: 'caption is 2000 characters, over 1024',
      retryable: false,
      httpStatus: 0,
      traceId: undefined,
    });
    expect(failure('server', 'boom', { retryable: true, code: 131000, httpStatus: 500, traceId: 'T' })).toStrictEqual({
      kind: 'server',
      code: 131000,
      message: 'boom',
      retryable: true,
      httpStatus: 500,
      traceId: 'T',
    });
  });

  it('refuse throws an invalid-request SendError', () => {
    let thrown: unknown;
    try {
      refuse('nope');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SendError);
    expect(toFailure(thrown)).toMatchObject({ kind: 'invalid-request', message: 'nope' });
  });

  it('a ConfigError is a config failure that keeps the message naming the variable', () => {
    const error = notSetError('WHATSAPP_ACCESS_TOKEN');
    expect(error).toBeInstanceOf(SendError);
    expect(error.variable).toBe('WHATSAPP_ACCESS_TOKEN');
    expect(error.failure).toMatchObject({
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
    const refused = failure('invalid-request', 'nope');
    const error = new SendError(refused);
    expect(error).toBeInstanceOf(Error);
    expect(error.failure).toBe(refused);
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

describe('describeError', () => {
  it.each([
    ['an Error', new TypeError('boom'), 'boom'],
    ['a string', 'weird', 'weird'],
    ['undefined', undefined, 'undefined'],
    ['an Error carrying a WIT error value', Object.assign(new Error('call failed'), { payload: { tag: 'closed' } }), 'call failed: {"tag":"closed"}'],
    ['a payload with a bigint', Object.assign(new Error('stream'), { payload: { tag: 'size', val: 12n } }), 'stream: {"tag":"size","val":"12"}'],
  ])('%s', (_name, thrown, text) => {
    expect(describeError(thrown)).toBe(text);
  });
});
