import { describe, expect, it } from 'vitest';
import type { TemplateButton, TemplateParam, TemplateParams } from 'asterai:whatsapp/whatsapp@0.3.0';
import { buildTemplateMessage } from '../../../../../src/guest/core/messages/template.ts';
import { buildVerificationCodeMessage } from '../../../../../src/guest/core/messages/verification-code.ts';
import { refusal } from './refusal.ts';

const p = (value: string, name?: string): TemplateParam => (name === undefined ? { value } : { name, value });
const body = (...params: TemplateParam[]): TemplateParams => ({ body: params, buttons: [] });
const template = (params?: TemplateParams) => buildTemplateMessage('1', 'x', 'en', params).template;

describe('buildTemplateMessage', () => {
  it('builds a template without parameters', () => {
    expect(buildTemplateMessage('+1 650 555 1234', 'hello_world', 'en_US', undefined)).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(buildTemplateMessage('1', 'hello_world', 'en_US', { body: [], buttons: [] }).template).toStrictEqual({ name: 'hello_world', language: { code: 'en_US' } });
  });

  it('puts positional parameters in order, header first, with the send options', () => {
    const message = buildTemplateMessage('1', 'order_shipped', 'en', { header: { tag: 'text', val: p('Order update') }, body: [p('Ada'), p('#1234')], buttons: [] }, { callbackData: 'order-1234' });
    expect(message.template).toStrictEqual({
      name: 'order_shipped',
      language: { code: 'en' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'Order update' }] },
        { type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'text', text: '#1234' }] },
      ],
    });
    expect(message.biz_opaque_callback_data).toBe('order-1234');
  });

  it('names named parameters with parameter_name', () => {
    const message = buildTemplateMessage('1', 'order_confirmation', 'pt_BR', body(p('Jessica', 'customer_name'), p('SKBUP2-4CPIG9', 'order_number')));
    expect(JSON.stringify(message.template.components)).toBe(
      '[{"type":"body","parameters":[{"type":"text","text":"Jessica","parameter_name":"customer_name"},' +
        '{"type":"text","text":"SKBUP2-4CPIG9","parameter_name":"order_number"}]}]',
    );
  });

  it('writes a currency as amount_1000 and a date as its fallback value', () => {
    expect(
      template(
        body(
          { value: '$100.99', kind: { tag: 'currency', val: { code: 'USD', amount: 100.99 } } },
          { value: '€0.10', kind: { tag: 'currency', val: { code: 'EUR', amount: 0.1 } } },
          { name: undefined, value: 'February 25, 1977', kind: { tag: 'date-time' } },
        ),
      ).components,
    ).toStrictEqual([
      {
        type: 'body',
        parameters: [
          { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
          { type: 'currency', currency: { fallback_value: '€0.10', code: 'EUR', amount_1000: 100 } },
          { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
        ],
      },
    ]);
  });

  it.each([
    [{ tag: 'image', val: 'https://example.com/r.png' }, { type: 'image', image: { link: 'https://example.com/r.png' } }],
    [{ tag: 'video', val: '42' }, { type: 'video', video: { id: '42' } }],
    [{ tag: 'document', val: '42' }, { type: 'document', document: { id: '42' } }],
    [
      { tag: 'location', val: { latitude: 37.48, longitude: -122.14, name: 'Shop', address: '1 Main St' } },
      { type: 'location', location: { latitude: 37.48, longitude: -122.14, name: 'Shop', address: '1 Main St' } },
    ],
  ] as const)('fills a %j header', (header, parameter) => {
    expect(template({ header, body: [], buttons: [] }).components).toStrictEqual([{ type: 'header', parameters: [parameter] }]);
  });

  it('fills each kind of button by its index, as a string', () => {
    const buttons: TemplateButton[] = [
      { index: 0, value: { tag: 'quick-reply', val: 'unsubscribe' } },
      { index: 2, value: { tag: 'url', val: 'order/42' } },
      { index: 1, value: { tag: 'copy-code', val: 'SAVE20' } },
      { index: 3, value: { tag: 'flow', val: { token: 'tok', data: '{"step": 1}' } } },
      { index: 4, value: { tag: 'flow', val: {} } },
    ];
    expect(template({ body: [], buttons }).components).toStrictEqual([
      { type: 'button', index: '0', sub_type: 'quick_reply', parameters: [{ type: 'payload', payload: 'unsubscribe' }] },
      { type: 'button', index: '2', sub_type: 'url', parameters: [{ type: 'text', text: 'order/42' }] },
      { type: 'button', index: '1', sub_type: 'copy_code', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE20' }] },
      { type: 'button', index: '3', sub_type: 'flow', parameters: [{ type: 'action', action: { flow_token: 'tok', flow_action_data: { step: 1 } } }] },
      { type: 'button', index: '4', sub_type: 'flow', parameters: [{ type: 'action', action: {} }] },
    ]);
  });

  it.each(['en', 'en_US', 'pt_BR', 'zh_HK', 'fil'])('accepts the language %j', (language) => {
    expect(buildTemplateMessage('1', 'x', language, undefined).template.language.code).toBe(language);
  });

  it('allows a body text of 32768 characters alone, and of 1024 next to a header or buttons', () => {
    expect(() => template(body(p('b'.repeat(32768))))).not.toThrow();
    expect(() => template({ header: { tag: 'image', val: '42' }, body: [p('b'.repeat(1024))], buttons: [] })).not.toThrow();
    expect(refusal(() => template(body(p('b'.repeat(32769))))).message).toContain('is 32769 characters: Meta allows 1 to 32768');
    expect(refusal(() => template({ body: [p('b'.repeat(1025))], buttons: [{ index: 0, value: { tag: 'quick-reply', val: 'x' } }] })).message).toContain(
      'template body parameter 1 value "bbbb',
    );
  });

  it.each([
    ['an empty name', () => buildTemplateMessage('1', '', 'en', undefined), 'template name is empty'],
    ['a name of 513', () => buildTemplateMessage('1', 'n'.repeat(513), 'en', undefined), 'is 513 characters: Meta allows 1 to 512'],
    ['an empty language', () => buildTemplateMessage('1', 'x', '', undefined), 'template language "" is not a language code'],
    ['a language with a dash', () => buildTemplateMessage('1', 'x', 'en-US', undefined), 'template language "en-US" is not a language code'],
    ['mixed parameters', () => template(body(p('Ada', 'first_name'), p('42'))), 'template parameters mix named (1) and positional (1) ones'],
    ['mixed across header and body', () => template({ header: { tag: 'text', val: p('Hi') }, body: [p('Ada', 'first_name')], buttons: [] }), 'mix named (1) and positional (1)'],
    ['an uppercase name', () => template(body(p('Ada', 'First_Name'))), 'template body parameter 1 name "First_Name" is not a parameter name'],
    ['a name with a dash', () => template(body(p('Ada', 'first-name'))), 'name "first-name" is not a parameter name'],
    ['an empty name', () => template(body(p('Ada', ''))), 'template body parameter 1 name "" is not a parameter name'],
    ['a duplicate name', () => template(body(p('Ada', 'n'), p('Bob', 'n'))), 'template body parameter 2 name "n" is used twice'],
    ['an empty value', () => template(body(p(''))), 'template body parameter 1 value is empty'],
    ['a header text of 61', () => template({ header: { tag: 'text', val: p('h'.repeat(61)) }, body: [], buttons: [] }), 'template header parameter value "hhhh'],
    ['a currency that is no code', () => template(body({ value: '$1', kind: { tag: 'currency', val: { code: 'usd', amount: 1 } } })), 'currency "usd" is not an ISO 4217 code'],
    ['an amount that is not a number', () => template(body({ value: '$1', kind: { tag: 'currency', val: { code: 'USD', amount: Number.NaN } } })), 'amount NaN is not an amount of money'],
    ['a header image that is no media', () => template({ header: { tag: 'image', val: 'photo.png' }, body: [], buttons: [] }), 'template header image "photo.png" is neither a media id'],
    ['a location header without an address', () => template({ header: { tag: 'location', val: { latitude: 1, longitude: 2, name: 'Shop' } }, body: [], buttons: [] }), 'template header location has no name or address'],
    ['a location header out of range', () => template({ header: { tag: 'location', val: { latitude: 91, longitude: 2, name: 'A', address: 'B' } }, body: [], buttons: [] }), 'latitude 91 is out of range'],
    ['a button index of 10', () => template({ body: [], buttons: [{ index: 10, value: { tag: 'url', val: 'x' } }] }), 'template button 1 index 10 is out of range: a button\'s index is its position, 0 to 9'],
    ['a button index used twice', () => template({ body: [], buttons: [{ index: 0, value: { tag: 'url', val: 'x' } }, { index: 0, value: { tag: 'url', val: 'y' } }] }), 'template button 2 index 0 is used twice'],
    ['11 buttons', () => template({ body: [], buttons: Array.from({ length: 11 }, (_, index) => ({ index, value: { tag: 'url' as const, val: 'x' } })) }), '11 template buttons: a template has at most 10'],
    ['an empty quick-reply payload', () => template({ body: [], buttons: [{ index: 0, value: { tag: 'quick-reply', val: ' ' } }] }), 'template button 1 payload is empty'],
    ['an empty url suffix', () => template({ body: [], buttons: [{ index: 0, value: { tag: 'url', val: '' } }] }), 'template button 1 url suffix is empty'],
    ['a copy code of 16', () => template({ body: [], buttons: [{ index: 0, value: { tag: 'copy-code', val: 'C'.repeat(16) } }] }), 'is 16 characters: Meta allows 1 to 15'],
    ['flow data that is no object', () => template({ body: [], buttons: [{ index: 0, value: { tag: 'flow', val: { data: '[1]' } } }] }), 'template button 1 flow data "[1]" is not a JSON object'],
  ])('refuses %s', (_what, build, message) => {
    expect(refusal(build).message).toContain(message);
  });

  it('accepts names with digits and underscores, and the header\'s name again in the body', () => {
    expect(() => template(body(p('a', 'line_2'), p('b', '_x9')))).not.toThrow();
    expect(() => template({ header: { tag: 'text', val: p('Hi', 'name') }, body: [p('Bob', 'name')], buttons: [] })).not.toThrow();
  });
});

describe('buildVerificationCodeMessage', () => {
  it('puts the code in the body and in the button at index 0', () => {
    expect(buildVerificationCodeMessage('1', 'verification_code', 'en_US', '482913').template).toStrictEqual({
      name: 'verification_code',
      language: { code: 'en_US' },
      components: [
        { type: 'body', parameters: [{ type: 'text', text: '482913' }] },
        { type: 'button', index: '0', sub_type: 'url', parameters: [{ type: 'text', text: '482913' }] },
      ],
    });
  });

  it.each([
    ['', 'verification code is empty'],
    ['1234567890123456', 'verification code "1234567890123456" is 16 characters: Meta allows 1 to 15'],
  ])('refuses the code %j', (code, message) => {
    expect(refusal(() => buildVerificationCodeMessage('1', 'verification_code', 'en_US', code)).message).toContain(message);
  });

  it('goes to a phone number only: a user id is refused before any request, saying what to do (Meta: 131062)', () => {
    const { message } = refusal(() => buildVerificationCodeMessage('US.13491208655302741918', 'verification_code', 'en_US', '482913'));
    expect(message).toMatch(/^a verification code goes to a phone number only: .*"US\.13491208655302741918" \(131062\); send it to the user's phone number instead; .*send-contact-info-request/);
    expect(buildVerificationCodeMessage('+1 650 555 1234', 'verification_code', 'en_US', '482913')).toMatchObject({ to: '16505551234' });
  });
});
