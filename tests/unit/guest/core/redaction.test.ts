import { describe, expect, it } from 'vitest';
import { failure } from '../../../../src/guest/core/failure.ts';
import { redactSecrets, redactableSecrets, redactor } from '../../../../src/guest/core/redaction.ts';

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

describe('redactableSecrets and redactor', () => {
  it('keeps only secrets that are set and at least 8 characters long', () => {
    expect(redactableSecrets(['EAAGlongtoken123', undefined, '', 'short', '12345678'])).toStrictEqual(['EAAGlongtoken123', '12345678']);
  });

  it('removes the secrets from a failure\'s message and keeps the rest of the failure', () => {
    const graphFailure = failure('auth', 'Malformed access token EAAGlongtoken123', { code: 190, httpStatus: 401, traceId: 'T' });
    expect(redactor(['EAAGlongtoken123']).failure(graphFailure)).toStrictEqual({ ...graphFailure, message: 'Malformed access token [redacted]' });
    expect(redactor(['other-secret']).failure(graphFailure)).toBe(graphFailure);
  });

  it('redacts text, and a URL-encoded token Graph echoes back, but not secrets under 8 characters', () => {
    const redact = redactor(['EAAG-secret/token+1', 'short', undefined]);
    expect(redact.text(`Bearer EAAG-secret/token+1 ${encodeURIComponent('EAAG-secret/token+1')} short`)).toBe('Bearer [redacted] [redacted] short');
  });
});
