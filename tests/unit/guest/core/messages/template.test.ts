import { describe, expect, it } from 'vitest';
import type { TemplateParam } from 'asterai:whatsapp/whatsapp@0.3.0';
import { buildTemplateMessage } from '../../../../../src/guest/core/messages/template.ts';
import { refusal } from './refusal.ts';

const p = (value: string, name?: string): TemplateParam => (name === undefined ? { value } : { name, value });

describe('buildTemplateMessage', () => {
  it('builds a template without parameters', () => {
    expect(buildTemplateMessage('+1 650 555 1234', 'hello_world', 'en_US', [], [])).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
  });

  it('puts positional parameters in order, header first', () => {
    expect(buildTemplateMessage('1', 'order_shipped', 'en', [p('Ada'), p('#1234')], [p('Order update')]).template).toStrictEqual({
      name: 'order_shipped',
      language: { code: 'en' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'Order update' }] },
        { type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'text', text: '#1234' }] },
      ],
    });
  });

  it('names named parameters with parameter_name', () => {
    const message = buildTemplateMessage('1', 'order_confirmation', 'pt_BR', [p('Jessica', 'customer_name'), p('SKBUP2-4CPIG9', 'order_number')], []);
    expect(JSON.stringify(message.template.components)).toBe(
      '[{"type":"body","parameters":[{"type":"text","parameter_name":"customer_name","text":"Jessica"},' +
        '{"type":"text","parameter_name":"order_number","text":"SKBUP2-4CPIG9"}]}]',
    );
  });

  it.each(['en', 'en_US', 'pt_BR', 'zh_HK', 'fil'])('accepts the language %j', (language) => {
    expect(buildTemplateMessage('1', 'x', language, [], []).template.language.code).toBe(language);
  });

  it.each([
    ['an empty name', '', 'en', [], [], 'template name is empty'],
    ['a name of 513', 'n'.repeat(513), 'en', [], [], 'is 513 characters: Meta allows 1 to 512'],
    ['an empty language', 'x', '', [], [], 'template language "" is not a language code'],
    ['a language with a dash', 'x', 'en-US', [], [], 'template language "en-US" is not a language code'],
    ['mixed parameters', 'x', 'en', [p('Ada', 'first_name'), p('42')], [], 'template parameters mix named (1) and positional (1) ones'],
    ['mixed across header and body', 'x', 'en', [p('Ada', 'first_name')], [p('Hi')], 'template parameters mix named (1) and positional (1) ones'],
    ['an uppercase name', 'x', 'en', [p('Ada', 'First_Name')], [], 'template body parameter 1 name "First_Name" is not a parameter name'],
    ['a name with a dash', 'x', 'en', [p('Ada', 'first-name')], [], 'name "first-name" is not a parameter name'],
    ['an empty name', 'x', 'en', [p('Ada', '')], [], 'template body parameter 1 name "" is not a parameter name'],
    ['a duplicate name', 'x', 'en', [p('Ada', 'n'), p('Bob', 'n')], [], 'template body parameter 2 name "n" is used twice'],
    ['an empty value', 'x', 'en', [p('')], [], 'template body parameter 1 value is empty'],
    ['two header parameters', 'x', 'en', [], [p('a'), p('b')], '2 template header parameters: a template header has at most 1 variable'],
  ])('refuses %s', (_what, name, language, body, header, message) => {
    expect(refusal(() => buildTemplateMessage('1', name, language, body, header)).message).toContain(message);
  });

  it('accepts names with digits and underscores', () => {
    expect(() => buildTemplateMessage('1', 'x', 'en', [p('a', 'line_2'), p('b', '_x9')], [])).not.toThrow();
  });
});
