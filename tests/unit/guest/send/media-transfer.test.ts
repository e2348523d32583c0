// Media upload (multipart) and download (lookup, then the short-lived URL).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GraphTransportError } from '../../../../src/guest/ports/graph-http.ts';
import { failure, fakeGraph, graphError, testConfig, TOKEN } from './fake-graph.ts';

const DATA = new TextEncoder().encode('%PDF-1.7 pretend');
const HEX = createHash('sha256').update(DATA).digest('hex');
const URL_1 = 'http://graph.test/whatsapp_business/attachments/?mid=42&hash=one';
const URL_2 = 'http://graph.test/whatsapp_business/attachments/?mid=42&hash=two';
const lookup = (url: string, extra: Record<string, unknown> = {}) => ({
  json: { messaging_product: 'whatsapp', url, mime_type: 'application/pdf', sha256: HEX, file_size: String(DATA.length), id: '42', ...extra },
});

describe('GraphClient.uploadMedia', () => {
  it('posts multipart/form-data to /{phone-number-id}/media and returns the id', async () => {
    const graph = fakeGraph(() => ({ json: { id: '1013859600285441' } }));
    expect(await graph.client().uploadMedia(DATA, 'application/pdf', 'r.pdf')).toBe('1013859600285441');
    const [request] = graph.requests;
    expect(request).toMatchObject({ method: 'POST', url: 'http://graph.test/v26.0/1065/media', accessToken: TOKEN });
    expect(request?.json).toBeUndefined();
    expect(request?.body?.contentType).toBe('multipart/form-data; boundary=test-boundary');
    const form = await new Response(request?.body?.bytes, { headers: { 'content-type': request!.body!.contentType } }).formData();
    expect([form.get('messaging_product'), form.get('type'), (form.get('file') as File).name]).toStrictEqual(['whatsapp', 'application/pdf', 'r.pdf']);
  });

  it('refuses an image over 5 MiB before any request', async () => {
    const graph = fakeGraph(() => ({ json: { id: '1' } }));
    const error = await failure(graph.client().uploadMedia(new Uint8Array(5 * 1024 * 1024 + 1), 'image/jpeg'));
    expect(error.failure.kind).toBe('invalid-request');
    expect(graph.requests).toHaveLength(0);
  });
});

describe('GraphClient.downloadMedia', () => {
  it('looks the media up, then downloads the URL with the same token, and checks the sha256', async () => {
    const graph = fakeGraph((r) => (r.url.endsWith('/42') ? lookup(URL_1) : { bytes: DATA }));
    expect(await graph.client().downloadMedia('42')).toStrictEqual({ mimeType: 'application/pdf', sha256: HEX, data: DATA });
    expect(graph.requests.map((r) => [r.method, r.url, r.accessToken, r.download])).toStrictEqual([
      ['GET', 'http://graph.test/v26.0/42', TOKEN, undefined],
      ['GET', URL_1, TOKEN, { maxBytes: 100 * 1024 * 1024 }],
    ]);
  });

  it.each([401, 403, 404])('asks for a fresh URL once when the first answers %i', async (status) => {
    let lookups = 0;
    const graph = fakeGraph((r) => {
      if (r.url.endsWith('/42')) return lookup(++lookups === 1 ? URL_1 : URL_2);
      return r.url === URL_1 ? { status, text: 'URL expired or not found' } : { bytes: DATA };
    });
    expect((await graph.client().downloadMedia('42')).data).toStrictEqual(DATA);
    expect(graph.requests.map((r) => r.url)).toStrictEqual(['http://graph.test/v26.0/42', URL_1, 'http://graph.test/v26.0/42', URL_2]);
  });

  it('asks only once: a second expired URL is the failure', async () => {
    const graph = fakeGraph((r) => (r.url.endsWith('/42') ? lookup(URL_1) : { status: 404, text: 'gone' }));
    const error = await failure(graph.client().downloadMedia('42'));
    expect(error.failure).toMatchObject({ httpStatus: 404, retryable: false });
    expect(graph.requests).toHaveLength(4);
  });

  it('fails with a retryable media error when the sha256 does not match', async () => {
    const graph = fakeGraph((r) => (r.url.endsWith('/42') ? lookup(URL_1) : { bytes: new TextEncoder().encode('damaged') }));
    const error = await failure(graph.client().downloadMedia('42'));
    expect(error.failure).toMatchObject({ kind: 'media', code: 0, retryable: true });
    expect(error.message).toContain(`not the ${HEX} Graph announced`);
  });

  it('skips the check when Graph gives no sha256', async () => {
    const graph = fakeGraph((r) => (r.url.endsWith('/42') ? lookup(URL_1, { sha256: undefined }) : { bytes: DATA }));
    expect(await graph.client().downloadMedia('42')).toStrictEqual({ mimeType: 'application/pdf', data: DATA });
  });

  it('refuses media announced over 100 MiB before downloading it', async () => {
    const graph = fakeGraph(() => lookup(URL_1, { file_size: 100 * 1024 * 1024 + 1 }));
    const error = await failure(graph.client().downloadMedia('42'));
    expect(error.failure).toMatchObject({ kind: 'media', retryable: false });
    expect(graph.requests).toHaveLength(1);
  });

  it('is a media failure when the body turns out over 100 MiB', async () => {
    const graph = fakeGraph((r) =>
      r.url.endsWith('/42') ? lookup(URL_1, { file_size: undefined }) : { fail: new GraphTransportError({ kind: 'too-large', maxBytes: 100 * 1024 * 1024 }) },
    );
    expect((await failure(graph.client().downloadMedia('42'))).failure).toMatchObject({ kind: 'media', retryable: false });
  });

  it('sends the token to no other plain-http origin', async () => {
    const graph = fakeGraph(() => lookup('http://evil.test/steal'));
    const error = await failure(graph.client().downloadMedia('42'));
    expect(error.failure.kind).toBe('media');
    expect(graph.requests).toHaveLength(1);
  });

  it('classifies a failed lookup like any Graph error', async () => {
    const graph = fakeGraph(() => graphError(100, 400, "Unsupported get request. Object with ID '42' does not exist"));
    expect((await failure(graph.client(testConfig()).downloadMedia('42'))).failure).toMatchObject({ kind: 'invalid-request', code: 100 });
  });
});
