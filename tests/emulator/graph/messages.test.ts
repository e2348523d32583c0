// The POST /messages checks, every kind, called directly (no process, no HTTP): table-driven.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/emulator/exchange.ts';
import { postMessage, type ReadReceipt, type SentMessage } from '../../../src/emulator/graph/messages.ts';

function post(body: unknown): { status: number; json: any; sent: SentMessage[]; read: ReadReceipt[] } {
  const sent: SentMessage[] = [];
  const read: ReadReceipt[] = [];
  const reply: Reply = postMessage(JSON.stringify(body), {
    businessDigits: '15550783881',
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
