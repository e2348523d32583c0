import { describe, expect, it } from 'vitest';
import { parseOne } from './support.ts';

describe('content and fields, kind by kind', () => {
  it.each([
    // location label variants
    [{ type: 'location', location: { latitude: 1.5, longitude: -2, name: 'Home' } }, '[location: Home (1.5, -2)]'],
    [{ type: 'location', location: { latitude: 1.5, longitude: -2, address: '1 Main St' } }, '[location: 1 Main St (1.5, -2)]'],
    [{ type: 'location', location: { latitude: 0, longitude: 0, name: ' ', address: '' } }, '[location: (0, 0)]'],
    [{ type: 'location', location: { latitude: '48.8584', longitude: '2.2945' } }, '[location: (48.8584, 2.2945)]'],
    // media: caption wins; document without filename; animated sticker; voice note with caption
    [{ type: 'document', document: { id: 'd', mime_type: 'application/pdf' } }, '[document]'],
    [{ type: 'document', document: { id: 'd', filename: 'a.pdf', caption: 'Invoice for May' } }, 'Invoice for May'],
    [{ type: 'sticker', sticker: { id: 's', animated: true } }, '[sticker]'],
    [{ type: 'video', video: { id: 'v' } }, '[video]'],
    [{ type: 'image', image: { id: 'i', caption: '   ' } }, '[image]'],
    // contacts: name from first/last, phone from wa_id, nothing
    [{ type: 'contacts', contacts: [{ name: { first_name: 'Ann', last_name: 'Lee' }, phones: [{ wa_id: '447700900001' }] }] }, '[contact: Ann Lee 447700900001]'],
    [{ type: 'contacts', contacts: [{ name: { formatted_name: 'Ann' } }] }, '[contact: Ann]'],
    [{ type: 'contacts', contacts: [{ phones: [{ phone: '+1 555 0100' }] }] }, '[contact: +1 555 0100]'],
    [{ type: 'contacts', contacts: [] }, '[contact]'],
    // interactive variants
    [{ type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"size":"M"}' } } }, '[flow reply: {"size":"M"}]'],
    [{ type: 'interactive', interactive: { type: 'call_permission_reply', call_permission_reply: { response: 'accept' } } }, '[interactive: call_permission_reply]'],
    // order and system
    [{ type: 'order', order: { product_items: [{ product_retailer_id: 'a', quantity: 3 }] } }, '[order: 1 item]'],
    [{ type: 'order', order: {} }, '[order: 0 items]'],
    [{ type: 'system', system: { type: 'user_changed_user_id' } }, '[system: user_changed_user_id]'],
    // unsupported variants
    [{ type: 'unsupported', unsupported: {} }, '[unsupported message: unsupported]'],
    [{ type: 'unknown', errors: [{ code: 131051, title: 'Unsupported message type' }] }, '[unsupported message: unknown]'],
    [{}, '[unsupported message: unknown]'],
    [{ type: 'request_welcome' }, '[unsupported message: request_welcome]'],
    // text edge cases
    [{ type: 'text', text: { body: '' } }, ''],
    [{ type: 'text' }, ''],
  ])('%j → %j', (json, content) => {
    expect(parseOne(json).content).toBe(content);
  });

  it('an animated sticker is flagged', () => {
    expect(parseOne({ type: 'sticker', sticker: { id: 's', mime_type: 'image/webp', animated: true } }).media).toEqual({
      id: 's',
      mimeType: 'image/webp',
      sha256: undefined,
      filename: undefined,
      caption: undefined,
      voice: false,
      animated: true,
    });
  });

  it('a voice note with a caption shows the caption', () => {
    const m = parseOne({ type: 'audio', audio: { id: 'a', voice: true, caption: 'listen' } });
    expect(m.content).toBe('listen');
    expect(m.media?.voice).toBe(true);
  });

  it('a reaction targets reaction.message_id, not context', () => {
    const m = parseOne({ type: 'reaction', context: { id: 'wamid.CTX' }, reaction: { message_id: 'wamid.TARGET', emoji: '❤️' } });
    expect(m).toMatchObject({ kind: 'reaction', content: '❤️', replyTo: 'wamid.TARGET' });
  });
});
