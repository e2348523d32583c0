import { describe, expect, it } from 'vitest';
import { CAPTION_LIMIT, buildMediaMessage, mediaSource } from '../../../../../src/guest/core/messages/media.ts';
import { refusal } from './refusal.ts';

describe('mediaSource', () => {
  it.each([
    ['1013859600285441', { id: '1013859600285441' }],
    [' 42 ', { id: '42' }],
    ['https://example.com/a.png', { link: 'https://example.com/a.png' }],
    ['HTTPS://cdn.example.com/x?y=1', { link: 'HTTPS://cdn.example.com/x?y=1' }],
  ])('%j is %j', (source, expected) => {
    expect(mediaSource(source)).toStrictEqual(expected);
  });

  it.each(['', 'http://example.com/a.png', 'ftp://example.com/a', 'abc', '12ab', 'https://', 'example.com/a.png', 'wamid.abc'])(
    'refuses %j',
    (source) => {
      expect(refusal(() => mediaSource(source)).message).toMatch(/media source .* (is neither a media id|is not a valid https|has no host)/);
    },
  );
});

describe('buildMediaMessage', () => {
  it.each(['image', 'video', 'document', 'sticker'] as const)('builds a %s message by media id', (kind) => {
    expect(buildMediaMessage('+1 650 555 1234', kind, '1013859600285441', {})).toStrictEqual({
      message: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: kind, [kind]: { id: '1013859600285441' } },
    });
  });

  it('builds a document by link with caption, filename and reply-to, in that key order', () => {
    const { message } = buildMediaMessage(
      '16505551234',
      'document',
      'https://example.com/r.pdf',
      { caption: 'Your receipt', filename: 'receipt.pdf' },
      { replyTo: 'wamid.Q' },
    );
    expect(JSON.stringify(message)).toBe(
      '{"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"document",' +
        '"document":{"link":"https://example.com/r.pdf","caption":"Your receipt","filename":"receipt.pdf"},"context":{"message_id":"wamid.Q"}}',
    );
  });

  it.each(['image', 'video', 'document'] as const)('keeps a caption of exactly %s 1024 characters on the %s', (kind) => {
    const caption = 'c'.repeat(CAPTION_LIMIT);
    const plan = buildMediaMessage('1', kind, '5', { caption });
    expect(plan.message[kind].caption).toBe(caption);
    expect(plan.captionAsText).toBeUndefined();
  });

  it('sends a 1025-character caption as a text message after the media instead', () => {
    const caption = 'c'.repeat(CAPTION_LIMIT + 1);
    const plan = buildMediaMessage('1', 'image', '5', { caption }, { replyTo: 'wamid.Q' });
    expect(plan.message.image).toStrictEqual({ id: '5' });
    expect(plan.message.context).toStrictEqual({ message_id: 'wamid.Q' });
    expect(plan.captionAsText).toBe(caption);
  });

  it('counts the caption in UTF-16 units, so what it keeps fits whatever Meta counts', () => {
    expect(buildMediaMessage('1', 'image', '5', { caption: '😀'.repeat(512) }).captionAsText).toBeUndefined();
    expect(buildMediaMessage('1', 'image', '5', { caption: `${'😀'.repeat(512)}!` }).captionAsText).toBeDefined();
  });

  it.each([
    [{ caption: '' }, {}],
    [{ caption: '  ' }, {}],
    [{ filename: '' }, {}],
  ])('treats an empty option %j as none', (options, extra) => {
    expect(buildMediaMessage('1', 'document', '5', options).message.document).toStrictEqual({ id: '5', ...extra });
  });

  it('refuses an empty recipient', () => {
    expect(refusal(() => buildMediaMessage('', 'image', '5', {})).message).toContain('is empty');
  });
});
