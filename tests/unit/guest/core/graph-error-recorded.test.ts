// Each error class, classified from a Graph answer shaped like the ones Meta
// sends (status, headers and body as recorded, in tests/fixtures/graph-errors).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyGraphResponse, parseRetryAfter } from '../../../../src/guest/core/graph-error.ts';

interface Recorded {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

function recorded(name: string): Recorded {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/graph-errors/${name}.json`, import.meta.url), 'utf8')) as Recorded;
}

/** As the client does: a body that is a string is parsed as JSON when it can be. */
function bodyOf(answer: Recorded): unknown {
  if (typeof answer.body !== 'string') return answer.body;
  try {
    return JSON.parse(answer.body);
  } catch {
    return undefined;
  }
}

describe('classifyGraphResponse on recorded Graph errors', () => {
  it.each([
    ['auth-190-session-expired', 'auth', 190, false],
    ['auth-10-permission-denied', 'auth', 10, false],
    ['auth-131031-account-locked', 'auth', 131031, false],
    ['rate-limited-130429-throughput', 'rate-limited', 130429, true],
    ['rate-limited-131056-pair', 'rate-limited', 131056, true],
    ['rate-limited-80007-waba', 'rate-limited', 80007, true],
    ['rate-limited-http-429-no-body', 'rate-limited', 0, true],
    ['server-131000-unknown', 'server', 131000, true],
    ['server-http-502-proxy-page', 'server', 0, true],
    ['window-closed-131047', 'window-closed', 131047, false],
    ['recipient-131026-undeliverable', 'recipient', 131026, false],
    ['recipient-131062-bsuid-not-supported', 'recipient', 131062, false],
    ['invalid-request-100-unknown-object', 'invalid-request', 100, false],
    ['invalid-request-131009-parameter', 'invalid-request', 131009, false],
    ['template-132001-missing-translation', 'template', 132001, false],
    ['media-131053-upload', 'media', 131053, false],
    ['unknown-130472-experiment', 'unknown', 130472, false],
  ] as const)('%s → %s (code %i, retryable %s)', (name, kind, code, retryable) => {
    const answer = recorded(name);
    const failure = classifyGraphResponse(answer.status, bodyOf(answer));
    expect(failure).toMatchObject({ kind, code, retryable, httpStatus: answer.status });
    const error = (answer.body as { error?: { message: string; fbtrace_id: string; error_data?: { details: string } } }).error;
    if (error) {
      expect(failure.traceId).toBe(error.fbtrace_id);
      expect(failure.message).toContain(error.message);
      if (error.error_data) expect(failure.message).toContain(error.error_data.details);
    } else {
      expect(failure.message).toBe(`the Graph API answered HTTP ${answer.status}`);
    }
  });

  it('131062 (a user id where Meta needs the phone number) says what to do instead', () => {
    const failure = classifyGraphResponse(400, bodyOf(recorded('recipient-131062-bsuid-not-supported')));
    expect(failure.message).toMatch(/not supported for this message.*\(send it to the user's phone number instead; .*REQUEST_CONTACT_INFO/);
  });

  it('reads the Retry-After of a bare 429', () => {
    const answer = recorded('rate-limited-http-429-no-body');
    expect(parseRetryAfter(answer.headers?.['retry-after'] ?? null, 0)).toBe(2000);
  });
});
