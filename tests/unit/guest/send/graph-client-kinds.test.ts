// Each send call's request, as the client makes it (the bodies themselves are
// the builders', tested in tests/unit/guest/core/messages).
import { describe, expect, it } from 'vitest';
import { secretsIn } from '../../../../src/guest/core/config.ts';
import { toFailure } from '../../../../src/guest/core/failure.ts';
import { redactor } from '../../../../src/guest/core/redaction.ts';
import { failure, fakeGraph, graphError, sent, TOKEN } from './fake-graph.ts';

const MESSAGES = 'http://graph.test/v26.0/1065/messages';
const WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';

describe('GraphClient: every kind posts to /messages with the bearer token', () => {
  it.each([
    ['sendMedia', (c: ReturnType<ReturnType<typeof fakeGraph>['client']>) => c.sendMedia('+1 650 555 1234', 'image', '42', { caption: 'Hi' }), { type: 'image', image: { id: '42', caption: 'Hi' } }],
    ['sendLocation', (c: ReturnType<ReturnType<typeof fakeGraph>['client']>) => c.sendLocation('16505551234', 1.5, -2.5, { name: 'Here' }), { type: 'location', location: { latitude: 1.5, longitude: -2.5, name: 'Here' } }],
    ['sendReaction', (c: ReturnType<ReturnType<typeof fakeGraph>['client']>) => c.sendReaction('16505551234', WAMID, '👍'), { type: 'reaction', reaction: { message_id: WAMID, emoji: '👍' } }],
    ['sendButtons', (c: ReturnType<ReturnType<typeof fakeGraph>['client']>) => c.sendButtons('16505551234', 'Pick', [{ id: 'a', title: 'A' }]), { type: 'interactive' }],
    ['sendList', (c: ReturnType<ReturnType<typeof fakeGraph>['client']>) => c.sendList('16505551234', 'Pick', 'Open', [{ title: '', rows: [{ id: 'r', title: 'R' }] }]), { type: 'interactive' }],
    ['sendTemplate', (c: ReturnType<ReturnType<typeof fakeGraph>['client']>) => c.sendTemplate('16505551234', 'hello_world', 'en_US', [], []), { type: 'template' }],
  ] as const)('%s returns the wamid', async (_name, call, body) => {
    const graph = fakeGraph((_r, n) => sent(n));
    expect(await call(graph.client())).toBe('wamid.SENT1');
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]).toMatchObject({ method: 'POST', url: MESSAGES, accessToken: TOKEN, json: { messaging_product: 'whatsapp', to: '16505551234', ...body } });
  });

  it('refuses what breaks a rule without any request', async () => {
    const graph = fakeGraph((_r, n) => sent(n));
    const client = graph.client();
    const refusals = await Promise.all([
      failure(client.sendMedia('1', 'image', 'http://insecure.test/a.png')),
      failure(client.sendLocation('1', 91, 0)),
      failure(client.sendReaction('1', 'not-a-wamid', '👍')),
      failure(client.sendButtons('1', 'Pick', [])),
      failure(client.sendList('1', 'Pick', 'Open', [])),
      failure(client.sendTemplate('1', 'x', 'en', [{ name: 'a', value: '1' }, { value: '2' }], [])),
      failure(client.markRead('', true)),
      failure(client.uploadMedia(new Uint8Array(0), 'image/png')),
      failure(client.downloadMedia('abc')),
      failure(client.sendMedia('', 'image', '42')),
    ]);
    for (const error of refusals) expect(error.failure.kind).toBe('invalid-request');
    expect(graph.requests).toHaveLength(0);
  });
});

describe('GraphClient.sendMedia with a caption over 1024 characters', () => {
  it('sends the media without it, then the caption as text, and returns the media wamid', async () => {
    const graph = fakeGraph((_r, n) => sent(n));
    const caption = 'c'.repeat(1025);
    expect(await graph.client().sendMedia('16505551234', 'image', '42', { caption, replyTo: 'wamid.Q' })).toBe('wamid.SENT1');
    expect(graph.requests.map((r) => r.json)).toStrictEqual([
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'image', image: { id: '42' }, context: { message_id: 'wamid.Q' } },
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'text', text: { body: caption } },
    ]);
  });

  it('splits a caption over 4096 characters like any text', async () => {
    const graph = fakeGraph((_r, n) => sent(n));
    await graph.client().sendMedia('1', 'document', '42', { caption: 'word '.repeat(1000) });
    expect(graph.requests.map((r) => (r.json as { type: string }).type)).toStrictEqual(['document', 'text', 'text']);
  });

  it('says the media went out when the caption text fails', async () => {
    const graph = fakeGraph((_r, n) => (n === 1 ? sent(n) : graphError(131047)));
    const error = await failure(graph.client().sendMedia('1', 'video', '42', { caption: 'c'.repeat(2000) }));
    expect(error.failure).toMatchObject({ kind: 'window-closed', code: 131047 });
    expect(error.message).toContain('the video was sent (wamid.SENT1) but its caption');
  });
});

describe('GraphClient.markRead', () => {
  it.each([
    [false, { messaging_product: 'whatsapp', status: 'read', message_id: WAMID }],
    [true, { messaging_product: 'whatsapp', status: 'read', message_id: WAMID, typing_indicator: { type: 'text' } }],
  ])('typing %s posts %j', async (typing, body) => {
    const graph = fakeGraph(() => ({ json: { success: true } }));
    await graph.client().markRead(WAMID, typing);
    expect(graph.requests[0]).toMatchObject({ method: 'POST', url: MESSAGES, json: body });
  });

  it('is an unknown failure when Graph does not say success', async () => {
    const graph = fakeGraph(() => ({ json: { success: false } }));
    expect((await failure(graph.client().markRead(WAMID, false))).failure).toMatchObject({ kind: 'unknown', retryable: false });
  });
});

describe('GraphClient: the token never leaves in a failure', () => {
  it('the failure of a Graph message that quotes the token is redacted by the instance\'s redactor, as every export does', async () => {
    const graph = fakeGraph(() => graphError(190, 401, `Malformed access token ${TOKEN}`, `Bearer ${encodeURIComponent(TOKEN)}`));
    const error = await failure(graph.client().sendButtons('1', 'Pick', [{ id: 'a', title: 'A' }]));
    expect(error.failure.kind).toBe('auth');
    const redacted = redactor(secretsIn({ WHATSAPP_ACCESS_TOKEN: TOKEN })).failure(toFailure(error));
    expect(redacted.message).not.toContain(TOKEN);
    expect(redacted.message).not.toContain(encodeURIComponent(TOKEN));
    expect(redacted.message).toBe('Malformed access token [redacted]: Bearer [redacted]');
  });
});
