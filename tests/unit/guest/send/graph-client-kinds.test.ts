// The client's requests for each kind of message (the bodies themselves are the builders',
// tested in tests/unit/guest/core/messages): one POST per message, the caption that follows
// its media, and the type lookup before a voice note.
import { describe, expect, it } from 'vitest';
import { secretsIn } from '../../../../src/guest/core/config.ts';
import { toFailure } from '../../../../src/guest/core/failure.ts';
import { buildAudioMessage } from '../../../../src/guest/core/messages/audio.ts';
import { buildButtonsMessage } from '../../../../src/guest/core/messages/interactive-buttons.ts';
import { buildMediaMessage } from '../../../../src/guest/core/messages/media.ts';
import { redactor } from '../../../../src/guest/core/redaction.ts';
import { failure, fakeGraph, graphError, sent, TOKEN } from './fake-graph.ts';

const MESSAGES = 'http://graph.test/v26.0/1065/messages';
const WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';

describe('GraphClient.send', () => {
  it('posts the message to /messages with the bearer token and returns the wamid', async () => {
    const graph = fakeGraph((_r, n) => sent(n));
    const message = buildButtonsMessage('+1 650 555 1234', { body: 'Pick' }, [{ id: 'a', title: 'A' }], { callbackData: 'turn-7' });
    expect(await graph.client().send(message)).toBe('wamid.SENT1');
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]).toMatchObject({ method: 'POST', url: MESSAGES, accessToken: TOKEN, json: message });
  });
});

describe('GraphClient.sendMedia with a caption over 1024 characters', () => {
  it('sends the media without it, then the caption as text with the same callback data, and returns the media wamid', async () => {
    const graph = fakeGraph((_r, n) => sent(n));
    const caption = 'c'.repeat(1025);
    expect(await graph.client().sendMedia(buildMediaMessage('16505551234', 'image', '42', { caption }, { replyTo: 'wamid.Q', callbackData: 'cb' }))).toBe('wamid.SENT1');
    expect(graph.requests.map((r) => r.json)).toStrictEqual([
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'image', image: { id: '42' }, context: { message_id: 'wamid.Q' }, biz_opaque_callback_data: 'cb' },
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'text', text: { body: caption }, biz_opaque_callback_data: 'cb' },
    ]);
  });

  it('splits a caption over 4096 characters like any text', async () => {
    const graph = fakeGraph((_r, n) => sent(n));
    await graph.client().sendMedia(buildMediaMessage('1', 'document', '42', { caption: 'word '.repeat(1000) }));
    expect(graph.requests.map((r) => (r.json as { type: string }).type)).toStrictEqual(['document', 'text', 'text']);
  });

  it('says the media went out when the caption text fails', async () => {
    const graph = fakeGraph((_r, n) => (n === 1 ? sent(n) : graphError(131047)));
    const error = await failure(graph.client().sendMedia(buildMediaMessage('1', 'video', '42', { caption: 'c'.repeat(2000) })));
    expect(error.failure).toMatchObject({ kind: 'window-closed', code: 131047 });
    expect(error.message).toContain('the video was sent (wamid.SENT1) but its caption');
  });
});

describe('GraphClient.sendAudio', () => {
  const lookup = (mimeType: string) => ({ json: { messaging_product: 'whatsapp', url: 'https://lookaside.test/m', mime_type: mimeType, sha256: 'ab', file_size: 1200, id: '42' } });

  it('looks a voice note\'s media up first, and sends it when it is audio/ogg', async () => {
    const graph = fakeGraph((_r, n) => (n === 1 ? lookup('audio/ogg; codecs=opus') : sent(n)));
    expect(await graph.client().sendAudio(buildAudioMessage('1', '42', true))).toBe('wamid.SENT2');
    expect(graph.requests.map((r) => [r.method, r.url])).toStrictEqual([
      ['GET', 'http://graph.test/v26.0/42'],
      ['POST', MESSAGES],
    ]);
    expect(graph.requests[1]?.json).toMatchObject({ type: 'audio', audio: { id: '42', voice: true } });
  });

  it('refuses a voice note whose media is not OGG, after the lookup and before any message', async () => {
    const graph = fakeGraph(() => lookup('audio/mpeg'));
    const error = await failure(graph.client().sendAudio(buildAudioMessage('1', '42', true)));
    expect(error.failure).toMatchObject({ kind: 'invalid-request', code: 0 });
    expect(error.message).toBe('voice note media 42 is "audio/mpeg": a voice note must be OGG with the Opus codec (upload it as audio/ogg)');
    expect(graph.requests.map((r) => r.method)).toStrictEqual(['GET']);
  });

  it('sends an audio file, or a voice note by .ogg link, without a lookup', async () => {
    const graph = fakeGraph((_r, n) => sent(n));
    await graph.client().sendAudio(buildAudioMessage('1', '42', false));
    await graph.client().sendAudio(buildAudioMessage('1', 'https://cdn.example.com/tts/answer.ogg', true));
    expect(graph.requests.map((r) => (r.json as { audio: unknown }).audio)).toStrictEqual([{ id: '42' }, { link: 'https://cdn.example.com/tts/answer.ogg', voice: true }]);
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

  it('refuses what is not a wamid without any request', async () => {
    const graph = fakeGraph(() => ({ json: { success: true } }));
    expect((await failure(graph.client().markRead('', true))).failure.kind).toBe('invalid-request');
    expect(graph.requests).toHaveLength(0);
  });
});

describe('GraphClient: the token never leaves in a failure', () => {
  it('the failure of a Graph message that quotes the token is redacted by the instance\'s redactor, as every export does', async () => {
    const graph = fakeGraph(() => graphError(190, 401, `Malformed access token ${TOKEN}`, `Bearer ${encodeURIComponent(TOKEN)}`));
    const error = await failure(graph.client().send(buildButtonsMessage('1', { body: 'Pick' }, [{ id: 'a', title: 'A' }])));
    expect(error.failure.kind).toBe('auth');
    const redacted = redactor(secretsIn({ WHATSAPP_ACCESS_TOKEN: TOKEN })).failure(toFailure(error));
    expect(redacted.message).not.toContain(TOKEN);
    expect(redacted.message).not.toContain(encodeURIComponent(TOKEN));
    expect(redacted.message).toBe('Malformed access token [redacted]: Bearer [redacted]');
  });
});
