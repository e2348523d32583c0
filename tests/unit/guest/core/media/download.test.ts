import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DOWNLOAD_LIMIT_BYTES,
  checkMediaUrl,
  isExpiredUrlStatus,
  parseMediaInfo,
  sha256Matches,
  sha256Mismatch,
  tooLargeFailure,
} from '../../../../../src/guest/core/media/download.ts';

// The shape of Meta's "Retrieve media URL" answer.
const LOOKUP = {
  messaging_product: 'whatsapp',
  url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1013859600285441&ext=1728904986&hash=ATtTSrBB',
  mime_type: 'image/jpeg',
  sha256: '9d5e4a0b8b3c6b6f9f0d2c1e7a7f3a5b9e2d4c6a8b0e1f3a5c7e9b1d3f5a7c9e',
  file_size: '303833',
  id: '1013859600285441',
};

describe('parseMediaInfo', () => {
  it('reads url, mime type, sha256 and the size (Meta sends it as a string)', () => {
    expect(parseMediaInfo(LOOKUP)).toStrictEqual({ url: LOOKUP.url, mimeType: 'image/jpeg', sha256: LOOKUP.sha256, fileSize: 303833 });
  });

  it('takes a numeric size and leaves out what is missing', () => {
    expect(parseMediaInfo({ url: 'https://x.test/m', file_size: 12 })).toStrictEqual({ url: 'https://x.test/m', mimeType: 'application/octet-stream', fileSize: 12 });
  });

  it.each([undefined, null, {}, { url: '' }, { url: 42 }, 'text'])('is a media failure without a url: %j', (reply) => {
    expect(parseMediaInfo(reply)).toMatchObject({ kind: 'media', code: 0, retryable: false, message: 'Graph answered the media lookup without a url' });
  });
});

describe('checkMediaUrl: where the bearer token may go', () => {
  it.each([
    ['https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1', 'https://graph.facebook.com'],
    ['http://127.0.0.1:4000/whatsapp_business/attachments/?mid=1', 'http://127.0.0.1:4000'],
  ])('allows %s (Graph at %s)', (url, base) => {
    expect(checkMediaUrl(url, base)).toBeUndefined();
  });

  it.each([
    ['http://lookaside.fbsbx.com/x', 'https://graph.facebook.com', 'on http://lookaside.fbsbx.com'],
    ['http://127.0.0.1:4001/x', 'http://127.0.0.1:4000', 'on http://127.0.0.1:4001'],
    ['not a url', 'https://graph.facebook.com', 'not a URL'],
  ])('refuses %s (Graph at %s)', (url, base, message) => {
    expect(checkMediaUrl(url, base)).toMatchObject({ kind: 'media', retryable: false, message: expect.stringContaining(message) });
  });
});

describe('isExpiredUrlStatus', () => {
  it.each([
    [401, true],
    [403, true],
    [404, true],
    [400, false],
    [410, false],
    [500, false],
    [200, false],
  ])('%i → %s', (status, expired) => {
    expect(isExpiredUrlStatus(status)).toBe(expired);
  });
});

describe('sha256Matches', () => {
  const data = new TextEncoder().encode('hello media');
  const digest = new Uint8Array(createHash('sha256').update(data).digest());
  const hex = createHash('sha256').update(data).digest('hex');
  const base64 = createHash('sha256').update(data).digest('base64');

  it.each([
    ['hex', hex],
    ['upper-case hex', hex.toUpperCase()],
    ['base64 (as webhooks give it)', base64],
    ['hex with spaces around', ` ${hex} `],
  ])('accepts %s', (_what, expected) => {
    expect(sha256Matches(digest, expected)).toBe(true);
  });

  it.each([
    ['another hex digest', createHash('sha256').update('other').digest('hex')],
    ['an empty string', ''],
    ['base64 in lower case', base64.toLowerCase()],
  ])('refuses %s', (_what, expected) => {
    expect(sha256Matches(digest, expected)).toBe(false);
  });

  it('encodes base64 padding right for every length', () => {
    for (const length of [0, 1, 2, 3, 31, 32, 33]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 37) % 256);
      expect(sha256Matches(bytes, Buffer.from(bytes).toString('base64'))).toBe(true);
    }
  });

  it('says both digests when they differ, and that another try may help', () => {
    expect(sha256Mismatch('abc', digest)).toStrictEqual({
      kind: 'media',
      code: 0,
      message: `the downloaded media's SHA-256 is ${hex}, not the abc Graph announced: the download is damaged`,
      retryable: true,
      httpStatus: 0,
      traceId: undefined,
    });
  });
});

describe('tooLargeFailure', () => {
  it('caps downloads at 100 MiB', () => {
    expect(DOWNLOAD_LIMIT_BYTES).toBe(100 * 1024 * 1024);
    expect(tooLargeFailure(DOWNLOAD_LIMIT_BYTES + 1)).toMatchObject({ kind: 'media', retryable: false, message: `the media is ${DOWNLOAD_LIMIT_BYTES + 1} bytes, more than the ${DOWNLOAD_LIMIT_BYTES} bytes (100 MiB) a download may hold` });
    expect(tooLargeFailure(undefined).message).toBe(`the media is more than the ${DOWNLOAD_LIMIT_BYTES} bytes (100 MiB) a download may hold`);
  });
});
