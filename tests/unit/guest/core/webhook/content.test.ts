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
    [{ type: 'system', system: { type: 'a_future_notice' } }, '[system: a_future_notice]'],
    [{ type: 'edit', edit: { original_message_id: 'wamid.O', message: { type: 'text', text: { body: 'Tuesday, not Monday' } } } }, '[edited] Tuesday, not Monday'],
    [{ type: 'edit', edit: { message: { type: 'edit', edit: { message: { type: 'text', text: { body: 'x' } } } } } }, '[edited] [unsupported message: edit]'],
    [{ type: 'edit' }, '[edited] [unsupported message: unknown]'],
    [{ type: 'revoke', revoke: { original_message_id: 'wamid.O' } }, '[deleted a message]'],
    // unsupported variants
    [{ type: 'unsupported', unsupported: {} }, '[unsupported message: unsupported]'],
    [{ type: 'unknown', errors: [{ code: 131051, title: 'Unsupported message type' }] }, '[unsupported message: unknown]'],
    [{}, '[unsupported message: unknown]'],
    [{ type: 'request_welcome' }, '[opened the chat for the first time]'],
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

  it.each([
    ['user_changed_number', 'number-change'],
    ['customer_changed_number', 'number-change'],
    ['user_changed_user_id', 'user-id-change'],
    ['customer_identity_changed', 'identity-change'],
    ['a_future_notice', 'system'],
  ])('a system message of type %s is kind %s', (type, kind) => {
    expect(parseOne({ type: 'system', system: { type } }).kind).toBe(kind);
  });

  it('a number or user id change carries the new identifiers; an identity change has none', () => {
    expect(parseOne({ type: 'system', system: { type: 'user_changed_number', wa_id: '12195555358', user_id: 'US.2' } }).changedTo).toEqual({
      name: '',
      phone: '12195555358',
      userId: 'US.2',
      username: undefined,
      parentUserId: undefined,
      address: '12195555358',
    });
    expect(parseOne({ type: 'system', system: { type: 'user_changed_user_id' } }).changedTo).toBeUndefined();
    expect(parseOne({ type: 'system', system: { type: 'customer_identity_changed', wa_id: '1' } }).changedTo).toBeUndefined();
  });

  it('a flow reply without a readable flow token still carries its answers', () => {
    const m = parseOne({ type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'address_message', response_json: 'not json' } } });
    expect(m).toMatchObject({ kind: 'flow-reply', flowReply: { name: 'address_message', flowToken: undefined, responseJson: 'not json' } });
  });

  it('order lines keep what Meta sent, and read a line they cannot as zero', () => {
    const m = parseOne({ type: 'order', order: { catalog_id: 'c', product_items: [{ product_retailer_id: 'a', quantity: '3', item_price: '7.99', currency: 'EUR' }, 'x', { quantity: -1 }] } });
    expect(m.order).toEqual({
      catalogId: 'c',
      items: [
        { productId: 'a', quantity: 3, price: 7.99, currency: 'EUR' },
        { productId: '', quantity: 0, price: 0, currency: '' },
        { productId: '', quantity: 0, price: 0, currency: '' },
      ],
      note: undefined,
    });
  });

  it('an edit carries the new version and the message it changes; a revoke, the message deleted', () => {
    const edit = parseOne({ type: 'edit', edit: { original_message_id: 'wamid.O', message: { type: 'text', context: { id: 'wamid.Q' }, text: { body: 'Tuesday' } } } });
    expect(edit).toMatchObject({ kind: 'edit', content: '[edited] Tuesday', originalId: 'wamid.O', replyTo: 'wamid.Q' });
    expect(parseOne({ type: 'revoke', revoke: { original_message_id: 'wamid.O' } })).toMatchObject({ kind: 'revoke', originalId: 'wamid.O' });
  });
});
