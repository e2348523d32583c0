// The POST /messages checks, every kind, called directly (no process, no HTTP): table-driven.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/emulator/exchange.ts';
import { postMessage, type ReadReceipt, type SentMessage } from '../../../src/emulator/graph/messages.ts';
import { UserDirectory } from '../../../src/emulator/conversation/users.ts';
import { oggOpus } from '../../support/ogg-opus.ts';

/** Media the checks can look up by id, as if uploaded: 42 is a 7-second Ogg Opus recording. */
const STORED: Record<string, { mimeType: string; data: Uint8Array }> = { '42': { mimeType: 'audio/ogg', data: oggOpus(7) } };

function post(body: unknown, users = new UserDirectory()): { status: number; json: any; sent: SentMessage[]; read: ReadReceipt[] } {
  const sent: SentMessage[] = [];
  const read: ReadReceipt[] = [];
  const reply: Reply = postMessage(JSON.stringify(body), {
    businessDigits: '15550783881',
    media: (id) => STORED[id],
    users,
    authenticationTemplates: () => ['verification_code'],
    onSent: (message) => sent.push(message),
    onRead: (receipt) => read.push(receipt),
  });
  if (reply.kind !== 'respond') throw new Error(`unexpected ${reply.kind}`);
  return { status: reply.status, json: JSON.parse(String(reply.body)), sent, read };
}

const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234' };
const buttons = (n: number, title = (i: number) => `Option ${i}`) =>
  Array.from({ length: n }, (_, i) => ({ type: 'reply', reply: { id: `opt-${i}`, title: title(i) } }));
const rows = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));
const interactiveButtons = (action: unknown, body = 'Pick one') => ({
  ...envelope,
  type: 'interactive',
  interactive: { type: 'button', body: { text: body }, action },
});
const interactiveList = (action: unknown) => ({
  ...envelope,
  type: 'interactive',
  interactive: { type: 'list', body: { text: 'Menu' }, action },
});
const template = (components: unknown, name = 'order_update') => ({
  ...envelope,
  type: 'template',
  template: { name, language: { code: 'en_US' }, components },
});
const interactive = (content: Record<string, unknown>) => ({ ...envelope, type: 'interactive', interactive: { body: { text: 'Go' }, ...content } });
const flow = (parameters: Record<string, unknown>) =>
  interactive({ type: 'flow', action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: '1', flow_cta: 'Book!', flow_action: 'data_exchange', ...parameters } } });
const product = (action: Record<string, unknown>, content: Record<string, unknown> = {}) => interactive({ type: 'product', action: { catalog_id: '146265584024623', ...action }, ...content });
const productList = (sections: unknown[], content: Record<string, unknown> = { header: { type: 'text', text: 'Picks' } }) =>
  interactive({ type: 'product_list', action: { catalog_id: '146265584024623', sections }, ...content });
const items = (n: number, prefix = 'sku') => Array.from({ length: n }, (_, i) => ({ product_retailer_id: `${prefix}-${i}` }));
const button = (subType: string, parameters: unknown[], index: unknown = '0') => ({ type: 'button', sub_type: subType, index, parameters });

/** Meta's documented request bodies (tests/fixtures/graph-requests), and what the transcript shows of each. */
const DOCUMENTED: Record<string, [kind: string, summary: string]> = {
  'text-link-preview': ['text', "As requested, here's the link to our latest product: https://www.meta.com/quest/quest-3/"],
  'audio-voice': ['voice', 'link https://www.luckyshrub.com/media/voice/order-update.ogg'],
  contacts: ['contacts', 'Barbara J. Johnson'],
  'interactive-buttons-header-footer': ['buttons', expect.stringMatching(/^\[image\] Hi Pablo! .* _Lucky Shrub: Your gateway to succulents!™_ \[Change \| Cancel\]$/)] as never,
  'interactive-cta-url': ['cta', '[image] Tap the button below to see available dates. _Dates subject to change._ [See Dates → https://www.luckyshrub.com?clickID=kqDGWd24Q5TRwoEQTICY7W1JKoXvaZOXWAS7h1P76s0R7Paec4]'],
  'interactive-location-request': ['location-request', "Let's start with your pickup. You can either manually *enter an address* or *share your current location*. [Send location]"],
  'interactive-request-contact-info': ['contact-request', 'Please share your phone number so we can finish your request. [Share contact info]'],
  'interactive-flow-navigate': ['flow', '*Flow message header* Flow message body _Flow message footer_ [Book!]'],
  'interactive-flow-data-exchange-draft': ['flow', 'Flow message body [Book! (draft)]'],
  'interactive-product': ['product', 'Our best seller this week. _Best grocery deals on WhatsApp!_ [2lc20305pt]'],
  'interactive-product-list': ['product-list', '*Our fresh picks* Everything here ships today. _Best grocery deals on WhatsApp!_ [Fruit: 2lc20305pt, apple-1kg | Vegetables: carrots-500g]'],
  'interactive-catalog-message': ['catalog', 'Hello! Thanks for your interest. Ordering is easy. Just visit our catalog and add items to purchase. _Best grocery deals on WhatsApp!_ [View catalog, thumbnail 2lc20305pt]'],
  'template-media-header-currency-date-buttons': ['template', 'order_update (en_US): [image] | Pablo | $100.99 | February 25, 1977 [quick reply stop-promotions | url …order/1234]'],
  'template-location-header-named': ['template', 'order_delivery_update (en_US): [location: Pablo Morales, 1 Hacker Way, Menlo Park, CA 94025] | Pablo | SKBUP2-4CPIG9'],
  'template-copy-code-flow-buttons': ['template', 'summer_offer (en): 25% [copy code SUMMER25 | flow]'],
  'template-authentication-code': ['template', 'verification_code (en_US): J$FpnYnP [url …J$FpnYnP]'],
};
const FIXTURES = new URL('../../fixtures/graph-requests/', import.meta.url);

describe("Meta's documented request bodies", () => {
  it('are all listed here', () => {
    expect(readdirSync(FIXTURES).map((file) => file.replace(/\.json$/, '')).sort()).toEqual(Object.keys(DOCUMENTED).sort());
  });

  it.each(Object.entries(DOCUMENTED))('accepts %s', (name, [kind, summary]) => {
    const { body } = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as { body: unknown };
    const { json, sent } = post(body);
    expect(json.error).toBeUndefined();
    expect(sent[0]).toMatchObject({ kind, summary });
  });
});

describe('accepted messages', () => {
  it.each([
    ['text with preview_url', { ...envelope, type: 'text', text: { body: 'see https://example.com', preview_url: true } }, 'text', 'see https://example.com'],
    ['text without type (text is the default)', { ...envelope, text: { body: 'hi' } }, 'text', 'hi'],
    ['image by id with caption', { ...envelope, type: 'image', image: { id: '1234567890', caption: 'Look' } }, 'image', 'media id 1234567890, caption: Look'],
    ['image by link', { ...envelope, type: 'image', image: { link: 'https://example.com/a.png' } }, 'image', 'link https://example.com/a.png'],
    ['audio by id', { ...envelope, type: 'audio', audio: { id: '42' } }, 'audio', 'media id 42'],
    ['video with a 1024-char caption', { ...envelope, type: 'video', video: { id: '42', caption: 'c'.repeat(1024) } }, 'video', `media id 42, caption: ${'c'.repeat(1024)}`],
    ['document with filename', { ...envelope, type: 'document', document: { link: 'https://example.com/r.pdf', filename: 'r.pdf' } }, 'document', 'link https://example.com/r.pdf, "r.pdf"'],
    ['sticker', { ...envelope, type: 'sticker', sticker: { id: '7' } }, 'sticker', 'media id 7'],
    ['location', { ...envelope, type: 'location', location: { latitude: 37.48, longitude: -122.15, name: 'HQ', address: '1 Hacker Way' } }, 'location', '37.48, -122.15 (HQ, 1 Hacker Way)'],
    ['reaction', { ...envelope, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍🏽' } }, 'reaction', '👍🏽 on wamid.X'],
    ['reaction removal', { ...envelope, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '' } }, 'reaction', 'removed reaction on wamid.X'],
    ['3 reply buttons with 20-char titles', interactiveButtons({ buttons: buttons(3, (i) => `${i}`.padEnd(20, 'x')) }), 'buttons', expect.stringContaining('Pick one [')],
    ['a list with 10 rows over 2 sections', interactiveList({ button: 'Choose', sections: [{ title: 'A', rows: rows(5, 'a') }, { title: 'B', rows: rows(5, 'b') }] }), 'list', expect.stringContaining('Choose: Row 0')],
    ['a list with one untitled section', interactiveList({ button: 'Choose', sections: [{ rows: rows(1) }] }), 'list', 'Menu [Choose: Row 0]'],
    ['a positional template', template([{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'text', text: '#42' }] }]), 'template', 'order_update (en_US): Ada | #42'],
    ['a named template', template([{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ada' }] }]), 'template', 'order_update (en_US): Ada'],
    ['a template without components', template(undefined, 'hello_world'), 'template', 'hello_world (en_US)'],
    ['contacts', { ...envelope, type: 'contacts', contacts: [{ name: { formatted_name: 'Ada Lovelace', first_name: 'Ada' } }] }, 'contacts', 'Ada Lovelace'],
    ['257 contacts', { ...envelope, type: 'contacts', contacts: Array.from({ length: 257 }, () => ({ name: { formatted_name: 'A' } })) }, 'contacts', expect.stringMatching(/^A, A/)],
    ['a voice note of uploaded Ogg Opus media, with its length', { ...envelope, type: 'audio', audio: { id: '42', voice: true } }, 'voice', '0:07 (media id 42)'],
    ['a voice note of media the emulator cannot read', { ...envelope, type: 'audio', audio: { id: '43', voice: true } }, 'voice', 'media id 43'],
    ['an audio file with voice false', { ...envelope, type: 'audio', audio: { id: '42', voice: false } }, 'audio', 'media id 42'],
    ['reply buttons with a text header', interactive({ type: 'button', header: { type: 'text', text: 'h'.repeat(60) }, action: { buttons: buttons(1) } }), 'buttons', `*${'h'.repeat(60)}* Go [Option 0]`],
    ['a list with a text header and a footer', interactive({ type: 'list', header: { type: 'text', text: 'Menu' }, footer: { text: 'f'.repeat(60) }, action: { button: 'Open', sections: [{ rows: rows(1) }] } }), 'list', `*Menu* Go _${'f'.repeat(60)}_ [Open: Row 0]`],
    ['a CTA URL with a video header', interactive({ type: 'cta_url', header: { type: 'video', video: { id: '42' } }, action: { name: 'cta_url', parameters: { display_text: 'l'.repeat(20), url: 'http://example.com' } } }), 'cta', `[video] Go [${'l'.repeat(20)} → http://example.com]`],
    ['a navigate Flow by name without data', flow({ flow_id: undefined, flow_name: 'booking', flow_action: 'navigate', flow_action_payload: { screen: 'START' }, mode: 'published' }), 'flow', 'Go [Book!]'],
    ['a single product without body or footer', { ...envelope, type: 'interactive', interactive: { type: 'product', action: { catalog_id: '1', product_retailer_id: 'sku-1' } } }, 'product', '[sku-1]'],
    ['a product list of 10 sections, 30 products in all', productList(Array.from({ length: 10 }, (_, i) => ({ title: 's'.repeat(24), product_items: items(3, `s${i}`) }))), 'product-list', expect.stringMatching(/^\*Picks\* Go \[s{24}: s0-0, s0-1, s0-2 \| /)],
    ['a product list of one untitled section', productList([{ product_items: items(1) }]), 'product-list', '*Picks* Go [sku-0]'],
    ['a catalog message without parameters', interactive({ type: 'catalog_message', action: { name: 'catalog_message' } }), 'catalog', 'Go [View catalog]'],
    ['a Flow whose flow_action defaults to navigate', flow({ flow_action: undefined, flow_action_payload: { screen: 'START' } }), 'flow', 'Go [Book!]'],
    ['a body-only template of 32768 characters', template([{ type: 'body', parameters: [{ type: 'text', text: 'b'.repeat(32768) }] }]), 'template', expect.stringContaining('bbbb')],
    ['a template button index as a number', template([button('quick_reply', [{ type: 'payload', payload: 'p' }], 9)]), 'template', 'order_update (en_US) [quick reply p]'],
  ])('accepts %s', (_, body, kind, summary) => {
    const { status, json, sent } = post(body);
    expect(json.error).toBeUndefined();
    expect(status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind, summary, waId: '16505551234', to: '16505551234' });
    expect(json.messages[0].id).toBe(sent[0]?.wamid);
  });

  it('marks template sends as accepted, as Meta does', () => {
    expect(post(template(undefined)).json.messages[0]).toEqual({ id: expect.any(String), message_status: 'accepted' });
  });

  it('keeps the reply-to id', () => {
    expect(post({ ...envelope, text: { body: 'hi' }, context: { message_id: 'wamid.PREV' } }).sent[0]?.replyTo).toBe('wamid.PREV');
  });

  it('keeps the callback data, up to 512 characters, for the statuses', () => {
    expect(post({ ...envelope, text: { body: 'hi' }, biz_opaque_callback_data: 'c'.repeat(512) }).sent[0]?.callbackData).toBe('c'.repeat(512));
    expect(post({ ...envelope, text: { body: 'hi' }, biz_opaque_callback_data: 'c'.repeat(513) }).json.error.message).toBe(
      '(#100) Param biz_opaque_callback_data must be at most 512 characters long.',
    );
  });

  it.each([
    ['without typing', { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.A' }, { messageId: 'wamid.A', typing: false }],
    ['with typing', { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.A', typing_indicator: { type: 'text' } }, { messageId: 'wamid.A', typing: true }],
  ])('accepts a read receipt %s', (_, body, receipt) => {
    const { json, read, sent } = post(body);
    expect(json).toEqual({ success: true });
    expect(read).toEqual([receipt]);
    expect(sent).toEqual([]);
  });
});

describe('rejected messages', () => {
  it.each([
    ['image with both id and link', { ...envelope, type: 'image', image: { id: '1', link: 'https://x.test/a.png' } }, 'must contain exactly one of'],
    ['image with neither id nor link', { ...envelope, type: 'image', image: { caption: 'x' } }, 'must contain exactly one of'],
    ['image with a non-http link', { ...envelope, type: 'image', image: { link: 'ftp://x.test/a.png' } }, "Param image['link'] must be a valid URL."],
    ['a caption over 1024', { ...envelope, type: 'image', image: { id: '1', caption: 'c'.repeat(1025) } }, "Param image['caption'] must be at most 1024 characters long."],
    ['audio with a caption', { ...envelope, type: 'audio', audio: { id: '1', caption: 'x' } }, "Param audio['caption'] is not supported"],
    ['type image without image', { ...envelope, type: 'image' }, 'The parameter image is required.'],
    ['latitude out of range', { ...envelope, type: 'location', location: { latitude: 91, longitude: 0 } }, "Param location['latitude'] must be between -90 and 90."],
    ['location without longitude', { ...envelope, type: 'location', location: { latitude: 1 } }, "The parameter location['longitude'] is required."],
    ['reaction with two emoji', { ...envelope, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍👍' } }, 'must be a single emoji'],
    ['reaction with a letter', { ...envelope, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: 'a' } }, 'must be a single emoji'],
    ['reaction without emoji', { ...envelope, type: 'reaction', reaction: { message_id: 'wamid.X' } }, "The parameter reaction['emoji'] is required."],
    ['reaction without message_id', { ...envelope, type: 'reaction', reaction: { emoji: '👍' } }, "The parameter reaction['message_id'] is required."],
    ['4 buttons', interactiveButtons({ buttons: buttons(4) }), 'must contain between 1 and 3 buttons - got 4'],
    ['no buttons', interactiveButtons({ buttons: [] }), 'must contain between 1 and 3 buttons - got 0'],
    ['a 21-char button title', interactiveButtons({ buttons: buttons(1, () => 'x'.repeat(21)) }), "Param interactive['action']['buttons'][0]['reply']['title'] must be at most 20 characters long."],
    ['an empty button title', interactiveButtons({ buttons: buttons(1, () => '') }), "['title'] must be a non-empty string."],
    ['a 257-char button id', interactiveButtons({ buttons: [{ type: 'reply', reply: { id: 'i'.repeat(257), title: 'ok' } }] }), "['id'] must be at most 256 characters long."],
    ['duplicate button ids', interactiveButtons({ buttons: [{ type: 'reply', reply: { id: 'a', title: 'One' } }, { type: 'reply', reply: { id: 'a', title: 'Two' } }] }), 'must be unique - "a" is used twice.'],
    ['an interactive body over 1024', interactiveButtons({ buttons: buttons(1) }, 'b'.repeat(1025)), "Param interactive['body']['text'] must be at most 1024 characters long."],
    ['a 21-char list button label', interactiveList({ button: 'x'.repeat(21), sections: [{ rows: rows(1) }] }), "Param interactive['action']['button'] must be at most 20 characters long."],
    ['11 rows in all', interactiveList({ button: 'Go', sections: [{ title: 'A', rows: rows(6, 'a') }, { title: 'B', rows: rows(5, 'b') }] }), 'must contain at most 10 rows in all - got 11.'],
    ['11 sections', interactiveList({ button: 'Go', sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}-`) })) }), 'must contain between 1 and 10 sections - got 11.'],
    ['two sections, one untitled', interactiveList({ button: 'Go', sections: [{ title: 'A', rows: rows(1, 'a') }, { rows: rows(1, 'b') }] }), "The parameter interactive['action']['sections'][1]['title'] is required."],
    ['a 25-char row title', interactiveList({ button: 'Go', sections: [{ rows: [{ id: 'a', title: 't'.repeat(25) }] }] }), "['title'] must be at most 24 characters long."],
    ['a 73-char row description', interactiveList({ button: 'Go', sections: [{ rows: [{ id: 'a', title: 'A', description: 'd'.repeat(73) }] }] }), "['description'] must be at most 72 characters long."],
    ['a 201-char row id', interactiveList({ button: 'Go', sections: [{ rows: [{ id: 'i'.repeat(201), title: 'A' }] }] }), "['id'] must be at most 200 characters long."],
    ['an unknown interactive type', { ...envelope, type: 'interactive', interactive: { type: 'carousel', body: { text: 'x' }, action: {} } }, "Param interactive['type'] must be one of"],
    ['template params mixing named and positional', template([{ type: 'body', parameters: [{ type: 'text', parameter_name: 'a', text: '1' }, { type: 'text', text: '2' }] }]), 'must be either all named or all positional.'],
    ['a template parameter name with capitals', template([{ type: 'body', parameters: [{ type: 'text', parameter_name: 'FirstName', text: 'Ada' }] }]), 'must contain only lowercase letters, digits and underscores'],
    ['a template without language', { ...envelope, type: 'template', template: { name: 'x' } }, "The parameter template['language'] is required."],
    ['a read receipt with another indicator type', { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.A', typing_indicator: { type: 'audio' } }, "Param typing_indicator['type'] must be one of {TEXT}"],
    ['a status other than read', { messaging_product: 'whatsapp', status: 'delivered', message_id: 'wamid.A' }, 'Param status must be one of {READ}'],
    ['a to with letters', { ...envelope, to: '1650CALLME', text: { body: 'x' } }, 'Param to must be a phone number'],
    ['a recipient_type that does not exist', { ...envelope, recipient_type: 'channel', text: { body: 'x' } }, 'Param recipient_type must be one of {INDIVIDUAL, GROUP}'],
    ['a preview_url that is no boolean', { ...envelope, type: 'text', text: { body: 'x', preview_url: 'yes' } }, "Param text['preview_url'] must be a boolean."],
    ['voice on an image', { ...envelope, type: 'image', image: { id: '1', voice: true } }, "Param image['voice'] is not supported for image messages."],
    ['a voice flag that is no boolean', { ...envelope, type: 'audio', audio: { id: '1', voice: 'true' } }, "Param audio['voice'] must be a boolean."],
    ['258 contacts', { ...envelope, type: 'contacts', contacts: Array.from({ length: 258 }, () => ({ name: { formatted_name: 'A' } })) }, 'Param contacts must contain at most 257 contacts - got 258.'],
    ['a contact without formatted_name', { ...envelope, type: 'contacts', contacts: [{ name: { first_name: 'Ada' } }] }, "The parameter contacts[0]['name']['formatted_name'] is required."],
    ['a contact birthday in another format', { ...envelope, type: 'contacts', contacts: [{ name: { formatted_name: 'A' }, birthday: '12/10/1815' }] }, "Param contacts[0]['birthday'] must be in YYYY-MM-DD format"],
    ['a 61-char header', interactive({ type: 'button', header: { type: 'text', text: 'h'.repeat(61) }, action: { buttons: buttons(1) } }), "Param interactive['header']['text'] must be at most 60 characters long."],
    ['a 61-char footer', interactive({ type: 'button', footer: { text: 'f'.repeat(61) }, action: { buttons: buttons(1) } }), "Param interactive['footer']['text'] must be at most 60 characters long."],
    ['an image header on a list', interactive({ type: 'list', header: { type: 'image', image: { id: '1' } }, action: { button: 'Go', sections: [{ rows: rows(1) }] } }), "Param interactive['header']['type'] must be one of {TEXT} for list messages - got \"image\"."],
    ['a header on a location request', interactive({ type: 'location_request_message', header: { type: 'text', text: 'x' }, action: { name: 'send_location' } }), "Param interactive['header'] is not supported for location_request_message messages."],
    ['a footer on a contact info request', interactive({ type: 'request_contact_info', footer: { text: 'x' }, action: { name: 'request_contact_info' } }), "Param interactive['footer'] is not supported for request_contact_info messages."],
    ['a location request with another action', interactive({ type: 'location_request_message', action: { name: 'send_address' } }), "Param interactive['action']['name'] must be one of {SEND_LOCATION}"],
    ['a contact info request without action name', interactive({ type: 'request_contact_info', action: {} }), "The parameter interactive['action']['name'] is required."],
    ['a 21-char CTA label', interactive({ type: 'cta_url', action: { name: 'cta_url', parameters: { display_text: 'l'.repeat(21), url: 'https://x.test' } } }), "['display_text'] must be at most 20 characters long."],
    ['a CTA url that is no URL', interactive({ type: 'cta_url', action: { name: 'cta_url', parameters: { display_text: 'Pay', url: 'pay.example.com' } } }), "Param interactive['action']['parameters']['url'] must be a valid URL."],
    ['a CTA without its url', interactive({ type: 'cta_url', action: { name: 'cta_url', parameters: { display_text: 'Pay' } } }), "The parameter interactive['action']['parameters']['url'] is required."],
    ['a header on a single product', product({ product_retailer_id: 'sku-1' }, { header: { type: 'text', text: 'x' } }), "Param interactive['header'] is not supported for product messages."],
    ['a single product without its product', product({}), "The parameter interactive['action']['product_retailer_id'] is required."],
    ['a single product without its catalog', interactive({ type: 'product', action: { product_retailer_id: 'sku-1' } }), "The parameter interactive['action']['catalog_id'] is required."],
    ['a product list without header', productList([{ product_items: items(1) }], {}), "The parameter interactive['header'] is required."],
    ['a product list with an image header', productList([{ product_items: items(1) }], { header: { type: 'image', image: { id: '1' } } }), "Param interactive['header']['type'] must be one of {TEXT} for product_list messages - got \"image\"."],
    ['a product list without body', { ...envelope, type: 'interactive', interactive: { type: 'product_list', header: { type: 'text', text: 'H' }, action: { catalog_id: '1', sections: [{ product_items: items(1) }] } } }, "The parameter interactive['body'] is required."],
    ['a product list of 11 sections', productList(Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, product_items: items(1, `s${i}`) }))), "Param interactive['action']['sections'] must contain between 1 and 10 sections - got 11."],
    ['a product list of 31 products', productList([{ title: 'A', product_items: items(30) }, { title: 'B', product_items: items(1, 'b') }]), "Param interactive['action']['sections'] must contain at most 30 products in all - got 31."],
    ['an untitled section among two', productList([{ title: 'A', product_items: items(1) }, { product_items: items(1, 'b') }]), "The parameter interactive['action']['sections'][1]['title'] is required."],
    ['a 25-char product section title', productList([{ title: 't'.repeat(25), product_items: items(1) }]), "Param interactive['action']['sections'][0]['title'] must be at most 24 characters long."],
    ['a product section without products', productList([{ title: 'A', product_items: [] }]), "Param interactive['action']['sections'][0]['product_items'] must contain at least one product."],
    ['a catalog message with another action name', interactive({ type: 'catalog_message', action: { name: 'catalog' } }), "Param interactive['action']['name'] must be one of {CATALOG_MESSAGE}"],
    ['a catalog message without its body', { ...envelope, type: 'interactive', interactive: { type: 'catalog_message', action: { name: 'catalog_message' } } }, "The parameter interactive['body'] is required."],
    ['a catalog message with empty parameters', interactive({ type: 'catalog_message', action: { name: 'catalog_message', parameters: {} } }), "The parameter interactive['action']['parameters']['thumbnail_product_retailer_id'] is required."],
    ['a Flow of version 2', flow({ flow_message_version: '2' }), "['flow_message_version'] must be one of {3}"],
    ['a Flow with both id and name', flow({ flow_name: 'booking' }), 'must contain exactly one of flow_id or flow_name.'],
    ['a 21-char Flow button', flow({ flow_cta: 'b'.repeat(21) }), "['flow_cta'] must be at most 20 characters long."],
    ['a Flow button with an emoji', flow({ flow_cta: 'Book 📅' }), "['flow_cta'] must not contain emoji"],
    ['a navigate Flow without a screen', flow({ flow_action: 'navigate', flow_action_payload: { data: { a: 1 } } }), "The parameter interactive['action']['parameters']['flow_action_payload']['screen'] is required."],
    ['a navigate Flow with empty data', flow({ flow_action: 'navigate', flow_action_payload: { screen: 'S', data: {} } }), "['data'] must be a non-empty JSON object."],
    ['a data exchange Flow with a payload', flow({ flow_action_payload: { screen: 'S' } }), 'must be omitted when flow_action is data_exchange.'],
    ['a Flow mode that does not exist', flow({ mode: 'preview' }), "['mode'] must be one of {PUBLISHED, DRAFT}"],
    ['a 61-char template header text', template([{ type: 'header', parameters: [{ type: 'text', text: 'h'.repeat(61) }] }]), "Param template['components'][0]['parameters'][0]['text'] must be at most 60 characters long."],
    ['a 1025-char template body next to a button', template([{ type: 'body', parameters: [{ type: 'text', text: 'b'.repeat(1025) }] }, button('url', [{ type: 'text', text: 'x' }])]), 'must be at most 1024 characters long.'],
    ['two template header parameters', template([{ type: 'header', parameters: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }]), 'must contain exactly one parameter for a header.'],
    ['a currency without amount_1000', template([{ type: 'body', parameters: [{ type: 'currency', currency: { fallback_value: '$1', code: 'USD' } }] }]), "['currency']['amount_1000'] is required."],
    ['a date_time without fallback_value', template([{ type: 'body', parameters: [{ type: 'date_time', date_time: {} }] }]), "['date_time']['fallback_value'] is required."],
    ['a location header without address', template([{ type: 'header', parameters: [{ type: 'location', location: { latitude: 1, longitude: 2, name: 'A' } }] }]), "['location']['address'] is required."],
    ['a button without index', template([{ type: 'button', sub_type: 'url', parameters: [{ type: 'text', text: 'x' }] }]), "The parameter template['components'][0]['index'] is required."],
    ['a button index of 10', template([button('url', [{ type: 'text', text: 'x' }], '10')]), "Param template['components'][0]['index'] must be between 0 and 9."],
    ['a button index used twice', template([button('url', [{ type: 'text', text: 'x' }]), button('quick_reply', [{ type: 'payload', payload: 'p' }])]), 'must be unique - 0 is used twice.'],
    ['a quick reply with a text parameter', template([button('quick_reply', [{ type: 'text', text: 'x' }])]), "['type'] must be one of {PAYLOAD}"],
    ['a 16-char coupon code', template([button('copy_code', [{ type: 'coupon_code', coupon_code: 'C'.repeat(16) }])]), "['coupon_code'] must be at most 15 characters long."],
    ['a button with two parameters', template([button('url', [{ type: 'text', text: 'x' }, { type: 'text', text: 'y' }])]), 'must contain exactly one parameter for a url button.'],
    ['a button sub_type that does not exist', template([button('reply', [{ type: 'payload', payload: 'p' }])]), "Param template['components'][0]['sub_type'] must be one of"],
  ])('rejects %s with code 100', (_, body, message) => {
    const { status, json, sent, read } = post(body);
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 100, type: 'OAuthException', fbtrace_id: expect.any(String) });
    expect(json.error.message).toContain(message);
    expect(json.error.message.startsWith('(#100) ')).toBe(true);
    expect(sent).toEqual([]);
    expect(read).toEqual([]);
  });
});

describe('recipients (Meta, "Business-scoped user IDs" and "Group messaging")', () => {
  const text = { type: 'text', text: { body: 'hi' } };
  const BSUID = 'US.13491208655302741918';

  it('a user id goes in `recipient`, and the answer names it as input and user_id, with no wa_id', () => {
    const { status, json, sent } = post({ messaging_product: 'whatsapp', recipient_type: 'individual', recipient: BSUID, ...text });
    expect(status).toBe(200);
    expect(json.contacts).toEqual([{ input: BSUID, user_id: BSUID }]);
    expect(sent[0]).toMatchObject({ to: BSUID, waId: BSUID, addressee: { by: 'user-id', userIdGiven: BSUID } });
  });

  it('a parent user id is taken the same way', () => {
    expect(post({ messaging_product: 'whatsapp', recipient: 'US.ENT.11815799212886844830', ...text }).json.contacts).toEqual([
      { input: 'US.ENT.11815799212886844830', user_id: 'US.ENT.11815799212886844830' },
    ]);
  });

  it('`to` wins when both are given; the answer has wa_id and user_id', () => {
    const { json, sent } = post({ messaging_product: 'whatsapp', to: '+16505551234', recipient: BSUID, ...text });
    expect(json.contacts).toEqual([{ input: '+16505551234', wa_id: '16505551234', user_id: BSUID }]);
    expect(sent[0]).toMatchObject({ waId: '16505551234', addressee: { by: 'phone' } });
  });

  it('a user id of a user the emulator knows reaches their conversation', () => {
    const users = new UserDirectory();
    users.remember({ phone: '16505551234', userId: BSUID, name: 'Sheena' });
    expect(post({ messaging_product: 'whatsapp', recipient: BSUID, ...text }, users).sent[0]?.waId).toBe('16505551234');
  });

  it('a group id goes in `to` with recipient_type group', () => {
    const group = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
    const { json, sent } = post({ messaging_product: 'whatsapp', recipient_type: 'group', to: group, ...text });
    expect(json.contacts).toEqual([{ input: group }]);
    expect(sent[0]).toMatchObject({ waId: group, addressee: { by: 'group', group } });
  });

  it.each([
    ['a malformed user id', { recipient: 'us-1349' }, 'Param recipient must be a business-scoped user ID'],
    ['neither to nor recipient', {}, 'The parameter to is required.'],
    ['a phone number as a group', { recipient_type: 'group', to: '+16505551234' }, 'Param to must be a group ID'],
  ])('rejects %s with code 100', (_, fields, message) => {
    const { status, json } = post({ messaging_product: 'whatsapp', ...fields, ...text });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 100 });
    expect(json.error.message).toContain(message);
  });

  it('an authentication template to a user id is refused with 131062, as Meta does; to a phone number it goes', () => {
    const auth = { type: 'template', template: { name: 'verification_code', language: { code: 'en_US' } } };
    const refused = post({ messaging_product: 'whatsapp', recipient: BSUID, ...auth });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: 131062,
      message: '(#131062) Business-scoped User ID (BSUID) recipients are not supported for this message',
      error_data: { details: 'Business-scoped User ID (BSUID) recipients are not supported for this message.' },
    });
    expect(refused.sent).toEqual([]);
    expect(post({ messaging_product: 'whatsapp', to: '16505551234', ...auth }).status).toBe(200);
    expect(post({ messaging_product: 'whatsapp', recipient: BSUID, type: 'template', template: { name: 'order_update', language: { code: 'en_US' } } }).status).toBe(200);
  });
});
