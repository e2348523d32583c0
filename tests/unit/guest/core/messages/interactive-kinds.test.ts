// The interactive kinds beyond reply buttons and lists: a call-to-action URL, a location
// request, a contact information request and a Flow.
import { describe, expect, it } from 'vitest';
import type { Flow } from 'asterai:whatsapp/whatsapp@0.3.0';
import { buildContactInfoRequestMessage } from '../../../../../src/guest/core/messages/contact-info-request.ts';
import { buildCtaUrlMessage } from '../../../../../src/guest/core/messages/cta-url.ts';
import { buildFlowMessage } from '../../../../../src/guest/core/messages/flow.ts';
import { buildLocationRequestMessage } from '../../../../../src/guest/core/messages/location-request.ts';
import { refusal } from './refusal.ts';

const PAY = { label: 'Pay now', url: 'https://pay.example.com/o/42' };

describe('buildCtaUrlMessage', () => {
  it('builds { type: cta_url, action: { name: cta_url, parameters: { display_text, url } } }', () => {
    expect(buildCtaUrlMessage('16505551234', { body: 'Your order comes to €12.' }, PAY, { replyTo: 'wamid.Q' })).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        body: { text: 'Your order comes to €12.' },
        action: { name: 'cta_url', parameters: { display_text: 'Pay now', url: 'https://pay.example.com/o/42' } },
      },
      context: { message_id: 'wamid.Q' },
    });
  });

  it('takes a media header and a footer', () => {
    expect(buildCtaUrlMessage('1', { header: { tag: 'document', val: '42' }, body: 'Your invoice', footer: 'Thanks!' }, PAY).interactive).toMatchObject({
      header: { type: 'document', document: { id: '42' } },
      footer: { text: 'Thanks!' },
    });
  });

  it.each([
    ['a label of 21', { label: 'l'.repeat(21), url: PAY.url }, 'call-to-action button label "lllllllllllllllllllll" is 21 characters: Meta allows 1 to 20'],
    ['an empty label', { label: '', url: PAY.url }, 'call-to-action button label is empty'],
    ['a url that is no web address', { label: 'Pay', url: 'pay.example.com' }, 'call-to-action button url "pay.example.com" is not a web address'],
    ['a url of another scheme', { label: 'Pay', url: 'javascript:alert(1)' }, 'is not a web address: give an http:// or https:// link'],
  ])('refuses %s', (_what, button, message) => {
    expect(refusal(() => buildCtaUrlMessage('1', { body: 'Pay' }, button)).message).toContain(message);
  });
});

describe('buildLocationRequestMessage and buildContactInfoRequestMessage', () => {
  it('build a body and their fixed action', () => {
    expect(buildLocationRequestMessage('1', 'Where should we deliver?').interactive).toStrictEqual({
      type: 'location_request_message',
      body: { text: 'Where should we deliver?' },
      action: { name: 'send_location' },
    });
    expect(buildContactInfoRequestMessage('1', 'Share your number so we can call you back', { callbackData: 'callback-7' })).toMatchObject({
      interactive: { type: 'request_contact_info', body: { text: 'Share your number so we can call you back' }, action: { name: 'request_contact_info' } },
      biz_opaque_callback_data: 'callback-7',
    });
  });

  it('refuse an empty body and one over 1024 characters', () => {
    expect(refusal(() => buildLocationRequestMessage('1', ' ')).message).toBe('interactive message body is empty: Meta requires it');
    expect(refusal(() => buildContactInfoRequestMessage('1', 'b'.repeat(1025))).message).toContain('is 1025 characters: Meta allows 1 to 1024');
  });
});

describe('buildFlowMessage', () => {
  const flow = (fields: Partial<Flow> = {}): Flow => ({ id: '1197715005513101', button: 'Book a table', action: { tag: 'data-exchange' }, draft: false, ...fields });

  it('opens a published Flow by id with data exchange', () => {
    expect(buildFlowMessage('1', { body: 'Reserve for tonight?' }, flow()).interactive).toStrictEqual({
      type: 'flow',
      body: { text: 'Reserve for tonight?' },
      action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: '1197715005513101', flow_cta: 'Book a table', flow_action: 'data_exchange' } },
    });
  });

  it('opens a draft Flow by name at a screen, with a token and data', () => {
    const message = buildFlowMessage('1', { header: { tag: 'text', val: 'Bookings' }, body: 'Reserve?' }, flow({
      id: 'table_booking',
      token: 'booking-42',
      action: { tag: 'navigate', val: { screen: 'BOOKING', data: '{"party_size": 2, "dates": ["2026-05-01"]}' } },
      draft: true,
    }));
    expect(message.interactive.action.parameters).toStrictEqual({
      flow_message_version: '3',
      flow_name: 'table_booking',
      flow_cta: 'Book a table',
      flow_action: 'navigate',
      flow_token: 'booking-42',
      flow_action_payload: { screen: 'BOOKING', data: { party_size: 2, dates: ['2026-05-01'] } },
      mode: 'draft',
    });
    expect(message.interactive.header).toStrictEqual({ type: 'text', text: 'Bookings' });
  });

  it('leaves data out of a navigate Flow that has none', () => {
    expect(buildFlowMessage('1', { body: 'Go' }, flow({ action: { tag: 'navigate', val: { screen: 'START' } } })).interactive.action.parameters.flow_action_payload).toStrictEqual({ screen: 'START' });
  });

  it.each([
    ['an empty id', flow({ id: ' ' }), 'flow id or name is empty'],
    ['a button of 21', flow({ button: 'b'.repeat(21) }), 'flow button "bbbbbbbbbbbbbbbbbbbbb" is 21 characters: Meta allows 1 to 20'],
    ['a button with an emoji', flow({ button: 'Book 📅' }), 'flow button "Book 📅" has an emoji: Meta allows none in a Flow\'s button'],
    ['an empty screen', flow({ action: { tag: 'navigate', val: { screen: '' } } }), 'flow screen is empty'],
    ['data that is not JSON', flow({ action: { tag: 'navigate', val: { screen: 'S', data: '{party: 2}' } } }), 'flow screen data "{party: 2}" is not JSON'],
    ['data that is an empty object', flow({ action: { tag: 'navigate', val: { screen: 'S', data: '{}' } } }), 'flow screen data is an empty JSON object: Meta requires a non-empty one'],
  ])('refuses %s', (_what, value, message) => {
    expect(refusal(() => buildFlowMessage('1', { body: 'Go' }, value)).message).toContain(message);
  });

  it('refuses a media header ("a text header only")', () => {
    expect(refusal(() => buildFlowMessage('1', { header: { tag: 'image', val: '42' }, body: 'Go' }, flow())).message).toBe(
      'a image header is not allowed on Flow messages: Meta takes a text header only',
    );
  });
});
