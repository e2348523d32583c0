// The example agent's pure part: what it answers to each kind of message, and its log lines.
import type { Message, MessageStatus } from 'asterai:whatsapp/types@0.3.0';
import { describe, expect, it } from 'vitest';
import { answerFor, MENU, PAYMENT, TOPICS, WELCOME_OFFER } from '../../../examples/agent/src/answer.ts';
import { STAFF_QUIET_MS, offersWelcome, staffIsAnswering } from '../../../examples/agent/src/chat-notes.ts';
import { describeSendError, describeStatus, shortId } from '../../../examples/agent/src/report.ts';

const BUSINESS = { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881' };

function message(fields: Partial<Message>): Message {
  return {
    content: '',
    sender: { name: 'Ada', phone: '16505551234', address: '16505551234' },
    id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ0QkQwOEQ5Mjg1RjMwMDAwMDAwNQA=',
    kind: 'text',
    timestamp: 1_764_000_000n,
    forwarded: false,
    business: BUSINESS,
    chat: '16505551234',
    contacts: [],
    ...fields,
  };
}

const image = { id: '2904437463791899', mimeType: 'image/png', voice: false, animated: false };

describe('answerFor', () => {
  it.each<[string, Partial<Message>, ReturnType<typeof answerFor>]>([
    ['echoes text', { content: 'hello' }, { kind: 'text', body: 'You said: hello' }],
    ['offers the menu as buttons', { content: ' Menu ' }, { kind: 'buttons', body: 'Hi Ada! What would you like to try?', buttons: [...MENU] }],
    ['offers topics as a list', { content: 'list' }, { kind: 'list', body: 'What would you like to know about?', buttonLabel: 'Topics', sections: [...TOPICS] }],
    ['offers a payment link behind a button for "pay"', { content: 'Pay' }, { kind: 'cta', ...PAYMENT }],
    ['asks where to deliver with a location request', { content: 'deliver' }, { kind: 'location-request', body: 'Where should we deliver your order? Tap below to share the place.' }],
    ['answers "/voice" with its voice note', { content: '/voice' }, { kind: 'voice' }],
    ['answers a menu tap', { kind: 'interactive', content: 'Say hello', replyId: 'menu:hello' }, { kind: 'text', body: 'Hello, Ada! 👋' }],
    [
      'sends its location for "Where are you?"',
      { kind: 'interactive', content: 'Where are you?', replyId: 'menu:where' },
      { kind: 'location', latitude: 38.7223, longitude: -9.1393, name: 'Example Agent HQ', address: 'Praça do Comércio, Lisbon' },
    ],
    ['names any other tap', { kind: 'button', content: 'Track order', replyId: 'track-42' }, { kind: 'text', body: 'You tapped "Track order" (id track-42).' }],
    [
      'describes an image with its caption',
      { kind: 'image', content: 'a cat', media: { ...image, caption: 'a cat' } },
      { kind: 'text', body: 'Got your image (image/png, caption "a cat"). Its media id is 2904437463791899 (whatsapp/download-media fetches it).' },
    ],
    [
      'describes a voice note',
      { kind: 'audio', content: '[voice message]', media: { ...image, mimeType: 'audio/ogg', voice: true } },
      { kind: 'text', body: 'Got your voice message (audio/ogg). Its media id is 2904437463791899 (whatsapp/download-media fetches it).' },
    ],
    [
      'describes a document by name',
      { kind: 'document', content: '[document: invoice.pdf]', media: { ...image, mimeType: 'application/pdf', filename: 'invoice.pdf' } },
      { kind: 'text', body: 'Got your document (application/pdf, "invoice.pdf"). Its media id is 2904437463791899 (whatsapp/download-media fetches it).' },
    ],
    [
      'describes a location with a map link',
      { kind: 'location', content: '[location]', location: { latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower' } },
      { kind: 'text', body: 'You are at Eiffel Tower (48.8584, 2.2945): https://maps.google.com/?q=48.8584,2.2945' },
    ],
    ['thanks for a reaction', { kind: 'reaction', content: '❤️' }, { kind: 'text', body: 'Thanks for the ❤️' }],
    ['says nothing when a reaction is removed', { kind: 'reaction', content: '' }, { kind: 'none', why: 'a reaction was removed' }],
    ['says nothing to a system notice', { kind: 'system', content: 'number changed' }, { kind: 'none', why: 'a system notice: number changed' }],
    ['admits what it cannot read', { kind: 'unsupported', content: '[unsupported message: poll]' }, { kind: 'text', body: 'I cannot read that kind of message yet ([unsupported message: poll]).' }],
    [
      'thanks for shared contacts, naming them',
      { kind: 'contacts', content: '[contact: Bob +1 555]', contacts: [{ name: { formattedName: 'Bob' }, phones: [{ phone: '+1 555' }], emails: [], addresses: [], urls: [] }] },
      { kind: 'text', body: 'Thanks for the contact: Bob +1 555.' },
    ],
    [
      'mentions the ad a user came from',
      { content: 'Is it in stock?', referral: { sourceType: 'ad', sourceId: '1', sourceUrl: 'https://fb.me/x', headline: 'Chat with us' } },
      { kind: 'text', body: 'You said: Is it in stock? (you came from our ad "Chat with us")' },
    ],
    [
      'confirms an order with its total',
      { kind: 'order', content: '[order: 2 items]', order: { catalogId: 'c', items: [{ productId: 'a', quantity: 2, price: 30, currency: 'USD' }, { productId: 'b', quantity: 1, price: 25, currency: 'USD' }] } },
      { kind: 'text', body: 'Thanks for your order of 2 products (85 USD). We will confirm it shortly.' },
    ],
    ['thanks for a Flow\'s answers', { kind: 'flow-reply', content: '[flow reply: {}]', flowReply: { name: 'flow', flowToken: 'booking-7781', responseJson: '{}' } }, { kind: 'text', body: 'Thanks, I got your answers (booking-7781).' }],
    ['says nothing to an edit', { kind: 'edit', content: '[edited] hi', originalId: 'wamid.O' }, { kind: 'none', why: 'the user edited a message (wamid.O)' }],
    ['says nothing to a deletion', { kind: 'revoke', content: '[deleted a message]', originalId: 'wamid.O' }, { kind: 'none', why: 'the user deleted a message (wamid.O)' }],
    ['says nothing to a number change', { kind: 'number-change', content: 'User Ada changed from 1 to 2' }, { kind: 'none', why: 'a system notice: User Ada changed from 1 to 2' }],
    ['repeats the content of other kinds', { kind: 'button', content: 'Stop promotions', replyId: undefined }, { kind: 'text', body: 'You tapped "Stop promotions" (id none).' }],
  ])('%s', (_, fields, answer) => {
    expect(answerFor(message(fields))).toEqual(answer);
  });

  it('greets a user who opens the chat, with the welcome offer unless they stopped marketing messages', () => {
    const welcome = message({ kind: 'welcome', content: '[opened the chat for the first time]' });
    expect(answerFor(welcome, { offers: true })).toEqual({ kind: 'buttons', body: `Welcome, Ada! I am the example agent. ${WELCOME_OFFER} What would you like to try?`, buttons: [...MENU] });
    expect(answerFor(welcome, { offers: false })).toEqual({ kind: 'buttons', body: 'Welcome, Ada! I am the example agent. What would you like to try?', buttons: [...MENU] });
    // a user who shows only a username is greeted by it
    expect(answerFor(message({ kind: 'welcome', sender: { name: '', phone: '', userId: 'US.1', username: '@pablo.m', address: 'US.1' } }))).toMatchObject({ body: expect.stringMatching(/^Welcome, @pablo\.m!/) });
  });

  it("keeps to WhatsApp's limits for what it offers", () => {
    expect(MENU.length).toBeLessThanOrEqual(3);
    for (const button of MENU) expect(button.title.length).toBeLessThanOrEqual(20);
    expect(PAYMENT.label.length).toBeLessThanOrEqual(20);
    expect(PAYMENT.url).toMatch(/^https:\/\//);
    for (const row of TOPICS.flatMap((section) => section.rows)) {
      expect(row.title.length).toBeLessThanOrEqual(24);
      expect((row.description ?? '').length).toBeLessThanOrEqual(72);
    }
  });
});

describe('the log lines', () => {
  it('describes a typed send error with what to do about it', () => {
    const line = describeSendError('send-text', {
      kind: 'window-closed',
      code: 131047,
      message: '(#131047) Re-engagement message',
      retryable: false,
      'http-status': 400,
      'trace-id': 'AbC123',
    });
    expect(line).toBe(
      'send-text failed: window-closed (Graph code 131047, HTTP 400, not retryable, trace AbC123): (#131047) Re-engagement message ' +
        '(the user last wrote more than 24 h ago: only an approved template (whatsapp/send-template) reaches them now)',
    );
    expect(describeSendError('mark-read', { kind: 'network', code: 0, message: 'connection refused', retryable: true, 'http-status': 0, 'trace-id': null })).toBe(
      'mark-read failed: network (retryable): connection refused (the Graph API could not be reached)',
    );
  });

  it('describes a status in one line, with the errors of a failed one', () => {
    const status: MessageStatus = {
      id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBQ0QkVCREFBNjZGQUEwMDAwMDAwMgA=',
      recipient: '16505551234',
      status: 'delivered',
      timestamp: 1_764_000_000n,
      errors: [],
      business: BUSINESS,
      to: { name: '', phone: '16505551234', address: '16505551234' },
    };
    expect(describeStatus(status)).toBe('✓✓ delivered wamid…MDAwMDAwMgA= to 16505551234');
    expect(describeStatus({ ...status, status: 'failed', errors: [{ code: 131026, title: 'Message Undeliverable', message: 'Message Undeliverable', details: 'Unable to deliver message.' }] })).toBe(
      '✗ failed wamid…MDAwMDAwMgA= to 16505551234: 131026 Message Undeliverable: Unable to deliver message.',
    );
    expect(describeStatus({ ...status, status: 'played', callbackData: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ0QkQwOEQ5Mjg1RjMwMDAwMDAwNQA=' })).toBe(
      '▶ played wamid…MDAwMDAwMgA= to 16505551234, answering wamid…MDAwMDAwNQA=',
    );
    expect(shortId('wamid.short')).toBe('wamid.short');
  });
});

describe('what the agent remembers', () => {
  it('keeps quiet in a chat for 30 minutes after someone at the business wrote in it', () => {
    const at = 1_764_000_000_000;
    expect(staffIsAnswering({}, at)).toBe(false);
    expect(staffIsAnswering({ staffWroteAt: at }, at + STAFF_QUIET_MS - 1)).toBe(true);
    expect(staffIsAnswering({ staffWroteAt: at }, at + STAFF_QUIET_MS)).toBe(false);
  });

  it('offers nothing to a user who stopped marketing messages, until they resume', () => {
    expect(offersWelcome({})).toBe(true);
    expect(offersWelcome({ marketing: 'stop' })).toBe(false);
    expect(offersWelcome({ marketing: 'resume' })).toBe(true);
  });
});
