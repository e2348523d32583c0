import { describe, expect, it } from 'vitest';
import { classifyGraphResponse, parseRetryAfter } from '../../../../src/guest/core/graph-error.ts';

function graphError(code: number, message = 'message', extra: Record<string, unknown> = {}) {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123', ...extra } };
}

describe('classifyGraphResponse: by Graph error code', () => {
  it.each([
    [0, 'auth', false],
    [190, 'auth', false],
    [10, 'auth', false],
    [200, 'auth', false],
    [250, 'auth', false],
    [299, 'auth', false],
    [368, 'auth', false],
    [131031, 'auth', false],
    [130497, 'auth', false],
    [131042, 'auth', false],
    [4, 'rate-limited', true],
    [80007, 'rate-limited', true],
    [130429, 'rate-limited', true],
    [131056, 'rate-limited', true],
    [1, 'server', true],
    [2, 'server', true],
    [131000, 'server', true],
    [131016, 'server', true],
    [131047, 'window-closed', false],
    [131026, 'recipient', false],
    [131030, 'recipient', false],
    [131021, 'recipient', false],
    [131050, 'recipient', false],
    [100, 'invalid-request', false],
    [131008, 'invalid-request', false],
    [131009, 'invalid-request', false],
    [131051, 'invalid-request', false],
    [132000, 'template', false],
    [132001, 'template', false],
    [132016, 'template', false],
    [131052, 'media', false],
    [131053, 'media', false],
    // neighbours of the ranges and unknown codes
    [199, 'unknown', false],
    [300, 'unknown', false],
    [131999, 'unknown', false],
    [132017, 'unknown', false],
    [3, 'unknown', false],
    [135000, 'unknown', false],
  ] as const)('code %i → %s (retryable %s)', (code, kind, retryable) => {
    expect(classifyGraphResponse(400, graphError(code))).toStrictEqual({
      kind,
      code,
      message: 'message',
      retryable,
      httpStatus: 400,
      traceId: 'AbCdEf123',
    });
  });

  it('the code wins over the HTTP status', () => {
    expect(classifyGraphResponse(500, graphError(131047)).kind).toBe('window-closed');
    expect(classifyGraphResponse(400, graphError(131000)).kind).toBe('server');
    expect(classifyGraphResponse(503, graphError(987654)).kind).toBe('unknown');
  });

  it('accepts a code sent as a numeric string', () => {
    expect(classifyGraphResponse(400, graphError('131030' as unknown as number))).toMatchObject({ kind: 'recipient', code: 131030 });
  });
});

describe('classifyGraphResponse: messages', () => {
  it('recorded shape: recipient not in the allowed list (test number)', () => {
    const body = {
      error: {
        message: '(#131030) Recipient phone number not in allowed list',
        type: 'OAuthException',
        code: 131030,
        error_data: { messaging_product: 'whatsapp', details: 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.' },
        fbtrace_id: 'AeXRAtj3JSMZ3Jq9ZFtVgBr',
      },
    };
    expect(classifyGraphResponse(400, body)).toStrictEqual({
      kind: 'recipient',
      code: 131030,
      message:
        '(#131030) Recipient phone number not in allowed list: Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
      retryable: false,
      httpStatus: 400,
      traceId: 'AeXRAtj3JSMZ3Jq9ZFtVgBr',
    });
  });

  it('recorded shape: re-engagement message (24 h window closed)', () => {
    const body = {
      error: {
        message: '(#131047) Re-engagement message',
        type: 'OAuthException',
        code: 131047,
        error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
        fbtrace_id: 'A1b2C3',
      },
    };
    expect(classifyGraphResponse(400, body)).toMatchObject({
      kind: 'window-closed',
      retryable: false,
      message: '(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    });
  });

  it('recorded shape: expired token, with subcode and no error_data', () => {
    const body = {
      error: {
        message: 'Error validating access token: Session has expired on Friday, 14-Nov-25 09:00:00 PST.',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
        fbtrace_id: 'Az9',
      },
    };
    expect(classifyGraphResponse(401, body)).toStrictEqual({
      kind: 'auth',
      code: 190,
      message: 'Error validating access token: Session has expired on Friday, 14-Nov-25 09:00:00 PST.',
      retryable: false,
      httpStatus: 401,
      traceId: 'Az9',
    });
  });

  it('details already in the message are not repeated', () => {
    const body = graphError(100, 'Invalid parameter: text.body is required', { error_data: { details: 'text.body is required' } });
    expect(classifyGraphResponse(400, body).message).toBe('Invalid parameter: text.body is required');
  });

  it('no Meta message: says which code', () => {
    expect(classifyGraphResponse(400, { error: { code: 131026 } })).toStrictEqual({
      kind: 'recipient',
      code: 131026,
      message: 'Graph API error 131026',
      retryable: false,
      httpStatus: 400,
      traceId: undefined,
    });
  });
});

describe('classifyGraphResponse: by HTTP status when there is no Graph error code', () => {
  it.each([
    [429, undefined, 'rate-limited', true],
    [500, undefined, 'server', true],
    [502, 'Bad Gateway', 'server', true],
    [503, { error: { message: 'Service temporarily unavailable' } }, 'server', true],
    [401, undefined, 'auth', false],
    [403, {}, 'auth', false],
    [400, null, 'invalid-request', false],
    [404, { error: 'not an object' }, 'invalid-request', false],
    [413, [], 'invalid-request', false],
    [302, undefined, 'unknown', false],
    [200, { messages: [] }, 'unknown', false],
  ] as const)('HTTP %i with body %j → %s', (status, body, kind, retryable) => {
    expect(classifyGraphResponse(status, body)).toMatchObject({ kind, retryable, code: 0, httpStatus: status });
  });

  it('the message says the status, or keeps Meta message when there is one', () => {
    expect(classifyGraphResponse(502, undefined).message).toBe('the Graph API answered HTTP 502');
    expect(classifyGraphResponse(503, { error: { message: 'Service temporarily unavailable', fbtrace_id: 'T' } })).toStrictEqual({
      kind: 'server',
      code: 0,
      message: 'Service temporarily unavailable',
      retryable: true,
      httpStatus: 503,
      traceId: 'T',
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');

  it.each([
    [null, undefined],
    ['', undefined],
    ['   ', undefined],
    ['0', 0],
    ['1', 1000],
    [' 120 ', 120_000],
    ['1.5', undefined],
    ['-3', undefined],
    ['12abc', undefined],
    ['soon', undefined],
    ['Fri, 27 Nov 2026 12:00:30 GMT', 30_000],
    ['Friday, 27-Nov-26 12:00:05 GMT', 5000],
    ['Fri, 27 Nov 2026 11:59:00 GMT', 0],
    ['Fri, 99 Nov 2026 12:00:30 GMT', undefined],
  ] as const)('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('every code the table names is classified', () => {
  it("no code of Meta's Cloud API error-code reference ends up unknown", () => {
    const documentedCodes = [0, 190, 10, 200, 299, 4, 80007, 130429, 131056, 1, 2, 131000, 131016, 131047, 131026, 131030, 131021, 131050, 131062, 100, 131008, 131009, 131051, 132000, 132016, 131052, 131053, 368, 131031, 130497, 131042];
    for (const code of documentedCodes) expect(classifyGraphResponse(400, graphError(code)).kind, String(code)).not.toBe('unknown');
  });
});
