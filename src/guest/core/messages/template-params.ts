// The parameters that fill a template's variables and buttons (Meta: Messages
// API reference, the template `components` and their `parameters`; "Template
// messages"), each turned into Meta's object here:
// - text { type: "text", text }; currency { type: "currency", currency: {
//   fallback_value, code, amount_1000 } } ("amount multiplied by 1000"); date_time
//   { type: "date_time", date_time: { fallback_value } }, each with
//   `parameter_name` when the template's variables are named ({{first_name}}:
//   "lowercase characters, underscores and numbers").
// - header: a text parameter, or { type: image|video|document, <type>: { id | link } },
//   or { type: "location", location: { latitude, longitude, name, address } }
//   (Meta, "Location templates": the location's "latitude, longitude, name,
//   address" are given at send time).
// - buttons: { type: "button", sub_type, index: "0".."9", parameters: [one] }:
//   quick_reply → { type: "payload", payload }, url → { type: "text", text } (the
//   URL's variable suffix), copy_code → { type: "coupon_code", coupon_code }
//   ("Maximum 15 characters"), flow → { type: "action", action: { flow_token?,
//   flow_action_data? } }. A template has up to 10 buttons, indexed from 0.
import type { ButtonParam, Money, TemplateButton, TemplateHeader, TemplateParam } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import { locationObject, type LocationObject } from './location.ts';
import { mediaHeader, type MediaHeader } from './media.ts';
import { quoted, requiredText, requireJsonObject, requireText } from './rules.ts';

export const TEMPLATE_PARAM_LIMITS = { headerText: 60, copyCode: 15, buttons: 10 } as const;
const PARAMETER_NAME = /^[a-z_0-9]+$/;
// ISO 4217 codes: "USD", "EUR", "BRL".
const CURRENCY_CODE = /^[A-Z]{3}$/;

export type ValueObject =
  | { type: 'text'; text: string }
  | { type: 'currency'; currency: { fallback_value: string; code: string; amount_1000: number } }
  | { type: 'date_time'; date_time: { fallback_value: string } };

export type ParameterObject = ValueObject & { parameter_name?: string };

export type HeaderParameter = ParameterObject | MediaHeader | { type: 'location'; location: LocationObject };

export interface ButtonComponent {
  type: 'button';
  sub_type: 'quick_reply' | 'url' | 'copy_code' | 'flow';
  index: string;
  parameters: [Record<string, unknown> & { type: string }];
}

function currencyObject(what: string, fallback: string, money: Money): ValueObject {
  if (!CURRENCY_CODE.test(money.code)) refuse(`${what} currency ${quoted(money.code)} is not an ISO 4217 code: give three capital letters, like "USD"`);
  const amount1000 = Math.round(money.amount * 1000);
  if (!Number.isFinite(money.amount) || !Number.isSafeInteger(amount1000)) refuse(`${what} amount ${money.amount} is not an amount of money`);
  return { type: 'currency', currency: { fallback_value: fallback, code: money.code, amount_1000: amount1000 } };
}

/**
 * One variable's value, of at most `max` characters: named when `named` (its name checked
 * here, and that it is not in `names`, the names of its component so far, yet), positional
 * otherwise (its name left out).
 */
export function parameterObject(what: string, param: TemplateParam, max: number, named: boolean, names: Set<string>): ParameterObject {
  const value = requiredText(`${what} value`, param.value, max);
  const kind = param.kind;
  const object: ParameterObject =
    kind === undefined
      ? { type: 'text', text: value }
      : kind.tag === 'currency'
        ? currencyObject(what, value, kind.val)
        : { type: 'date_time', date_time: { fallback_value: value } };
  if (!named) return object;
  const name = param.name ?? '';
  if (!PARAMETER_NAME.test(name)) {
    refuse(`${what} name ${quoted(name)} is not a parameter name: use lowercase letters, digits and underscores, like "first_name"`);
  }
  if (names.has(name)) refuse(`${what} name ${quoted(name)} is used twice in the same component`);
  names.add(name);
  return { ...object, parameter_name: name };
}

/** The header's one parameter; a text one is checked by `text`, the caller's parameterObject. */
export function headerParameter(header: TemplateHeader, text: (param: TemplateParam) => ParameterObject): HeaderParameter {
  switch (header.tag) {
    case 'text':
      return text(header.val);
    case 'image':
    case 'video':
    case 'document':
      return mediaHeader(header.tag, header.val, 'template header');
    case 'location': {
      const location = locationObject(header.val);
      if (location.name === undefined || location.address === undefined) {
        refuse('template header location has no name or address: Meta requires both with a location header');
      }
      return { type: 'location', location };
    }
  }
}

function buttonParameter(what: string, value: ButtonParam): Pick<ButtonComponent, 'sub_type' | 'parameters'> {
  switch (value.tag) {
    case 'quick-reply':
      return { sub_type: 'quick_reply', parameters: [{ type: 'payload', payload: requireText(`${what} payload`, value.val) }] };
    case 'url':
      return { sub_type: 'url', parameters: [{ type: 'text', text: requireText(`${what} url suffix`, value.val) }] };
    case 'copy-code':
      return { sub_type: 'copy_code', parameters: [{ type: 'coupon_code', coupon_code: requiredText(`${what} code`, value.val, TEMPLATE_PARAM_LIMITS.copyCode) }] };
    case 'flow': {
      const action: Record<string, unknown> = {};
      const token = nonBlank(value.val.token);
      const data = nonBlank(value.val.data);
      if (token !== undefined) action.flow_token = token;
      if (data !== undefined) action.flow_action_data = requireJsonObject(`${what} flow data`, data);
      return { sub_type: 'flow', parameters: [{ type: 'action', action }] };
    }
  }
}

/** The button components, in the order given; each index 0 to 9, used once. */
export function buttonComponents(buttons: readonly TemplateButton[]): ButtonComponent[] {
  if (buttons.length > TEMPLATE_PARAM_LIMITS.buttons) refuse(`${buttons.length} template buttons: a template has at most ${TEMPLATE_PARAM_LIMITS.buttons}`);
  const used = new Set<number>();
  return buttons.map((button, at) => {
    const what = `template button ${at + 1}`;
    if (!Number.isInteger(button.index) || button.index < 0 || button.index >= TEMPLATE_PARAM_LIMITS.buttons) {
      refuse(`${what} index ${button.index} is out of range: a button's index is its position, 0 to ${TEMPLATE_PARAM_LIMITS.buttons - 1}`);
    }
    if (used.has(button.index)) refuse(`${what} index ${button.index} is used twice: give each button's value once`);
    used.add(button.index);
    return { type: 'button', index: String(button.index), ...buttonParameter(what, button.value) };
  });
}
