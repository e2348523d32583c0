import { describe, expect, it } from 'vitest';
import { metaSignature } from '../../../../src/emulator/webhooks/signature.ts';
import { readConfig } from '../../../../src/guest/core/config.ts';
import { MAX_WEBHOOK_BYTES, WEBHOOK_PATH, answerWebhook } from '../../../../src/guest/inbound/webhook-endpoint.ts';
import type { HttpRequest } from '../../../../src/guest/ports/http-incoming.ts';
import { hmacSha256 } from '../../../../src/guest/ports/hmac.ts';
import type { Log } from '../../../../src/guest/ports/log.ts';

const SECRET = 'app-secret';
const config = readConfig({
  WHATSAPP_ACCESS_TOKEN: 'token',
  WHATSAPP_PHONE_NUMBER_ID: '1',
  WHATSAPP_APP_SECRET: SECRET,
  WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'verify',
});

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (t) => lines.push(`info ${t}`), warn: (t) => lines.push(`warn ${t}`), error: (t) => lines.push(`error ${t}`) };
}

function request(overrides: Partial<HttpRequest> & { body?: Uint8Array; signature?: string }): HttpRequest & { bodyReads: number } {
  const body = overrides.body ?? new Uint8Array();
  const headers = new Map<string, string>();
  if (overrides.signature) headers.set('x-hub-signature-256', overrides.signature);
  const req = {
    method: 'POST',
    path: WEBHOOK_PATH,
    query: '',
    headers,
    bodyReads: 0,
    readBody(limit: number) {
      req.bodyReads++;
      return body.length > limit ? ('too-large' as const) : body;
    },
    ...overrides,
  };
  return req;
}

const sign = (bytes: Uint8Array, secret = SECRET) => metaSignature(bytes, secret);

describe('answerWebhook', () => {
  it('hands back the parsed payload of a signed POST with a 200', async () => {
    const body = new TextEncoder().encode('{"object":"whatsapp_business_account","entry":[]}');
    const outcome = await answerWebhook(request({ body, signature: sign(body) }), config, recordingLog(), hmacSha256);
    expect(outcome.response.status).toBe(200);
    expect(outcome.payload).toEqual({ object: 'whatsapp_business_account', entry: [] });
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'sha1=abc'],
    ['mismatch', sign(new TextEncoder().encode('other'))],
  ])('answers 401 for a %s signature and hands back nothing', async (verdict, signature) => {
    const body = new TextEncoder().encode('{}');
    const log = recordingLog();
    const outcome = await answerWebhook(request({ body, signature }), config, log, hmacSha256);
    expect(outcome.response.status).toBe(401);
    expect(outcome.payload).toBeUndefined();
    expect(log.lines.join('\n')).toContain(verdict);
  });

  it('refuses every POST with 500 when the app secret is not configured, naming the variable', async () => {
    const body = new TextEncoder().encode('{}');
    const log = recordingLog();
    const unsigned = readConfig({ WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'verify' });
    const outcome = await answerWebhook(request({ body, signature: sign(body, '') }), unsigned, log, hmacSha256);
    expect(outcome.response.status).toBe(500);
    expect(outcome.payload).toBeUndefined();
    expect(log.lines.join('\n')).toContain('WHATSAPP_APP_SECRET');
  });

  it('answers 413 from Content-Length alone, without reading the body', async () => {
    const req = request({ headers: new Map([['content-length', String(MAX_WEBHOOK_BYTES + 1)]]) });
    const outcome = await answerWebhook(req, config, recordingLog(), hmacSha256);
    expect(outcome.response.status).toBe(413);
    expect(req.bodyReads).toBe(0);
  });

  it('answers 413 when the body runs past the limit', async () => {
    const outcome = await answerWebhook(request({ body: new Uint8Array(MAX_WEBHOOK_BYTES + 1) }), config, recordingLog(), hmacSha256);
    expect(outcome.response.status).toBe(413);
  });

  it('acknowledges a signed body that is not JSON, logs it, and hands back nothing', async () => {
    const body = new TextEncoder().encode('not json');
    const log = recordingLog();
    const outcome = await answerWebhook(request({ body, signature: sign(body) }), config, log, hmacSha256);
    expect(outcome.response.status).toBe(200);
    expect(outcome.payload).toBeUndefined();
    expect(log.lines.some((l) => l.startsWith('error') && l.includes('not valid JSON'))).toBe(true);
  });

  it('treats invalid UTF-8 as not JSON rather than decoding it lossily', async () => {
    const body = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    const outcome = await answerWebhook(request({ body, signature: sign(body) }), config, recordingLog(), hmacSha256);
    expect(outcome.response.status).toBe(200);
    expect(outcome.payload).toBeUndefined();
  });

  it('answers the GET handshake', async () => {
    const query = 'hub.mode=subscribe&hub.verify_token=verify&hub.challenge=abc';
    const outcome = await answerWebhook(request({ method: 'GET', query }), config, recordingLog(), hmacSha256);
    expect(outcome.response).toMatchObject({ status: 200, body: 'abc' });
  });

  it('refuses the GET handshake with 500 when no verify token is configured', async () => {
    const log = recordingLog();
    const outcome = await answerWebhook(request({ method: 'GET', query: 'hub.mode=subscribe&hub.verify_token=&hub.challenge=abc' }), readConfig({}), log, hmacSha256);
    expect(outcome.response.status).toBe(500);
    expect(log.lines.join('\n')).toContain('WHATSAPP_WEBHOOK_VERIFY_TOKEN');
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'HEAD'])('answers 405 with Allow to %s', async (method) => {
    const outcome = await answerWebhook(request({ method }), config, recordingLog(), hmacSha256);
    expect(outcome.response.status).toBe(405);
    expect(outcome.response.headers?.allow).toBe('GET, POST');
  });

  it.each(['/', `${WEBHOOK_PATH}/`, `${WEBHOOK_PATH}s`, WEBHOOK_PATH.toUpperCase()])('answers 404 on %s', async (path) => {
    const outcome = await answerWebhook(request({ path }), config, recordingLog(), hmacSha256);
    expect(outcome.response.status).toBe(404);
  });
});
