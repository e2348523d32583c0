// type "template": { template: { name, language: { code, policy? }, components?: [{ type,
// sub_type?, index?, parameters: [{ type, text?, parameter_name?, ... }] }] } }
// Meta's Messages API reference for the parameters: a text parameter is at most 60 characters
// in the header, and in the body 1024 "if other component types are included, 32768 characters
// if body is the only component type included"; currency { fallback_value, code, amount_1000 },
// date_time { fallback_value }; a header location { latitude, longitude, name, address }; a
// button component has a sub_type and an index 0 to 9, and one parameter: payload (quick_reply),
// text (url), coupon_code (copy_code, at most 15 characters) or action (flow).
// The emulator knows no approved templates, so it checks the request's shape only; a test that
// needs Meta's template errors (132000, 132001...) scripts them as faults.
import {
  asObject,
  invalid,
  optionalObject,
  optionalString,
  paramPath,
  requireArray,
  requireNumber,
  requireObject,
  requireOneOf,
  requireString,
  type Json,
} from '../params.ts';
import type { MessageContent } from './content.ts';

const COMPONENT_TYPES = ['header', 'body', 'footer', 'button'] as const;
const PARAMETER_TYPES = ['text', 'currency', 'date_time', 'image', 'document', 'video', 'location', 'payload', 'action', 'coupon_code'] as const;
const BUTTON_SUB_TYPES = ['quick_reply', 'url', 'copy_code', 'flow', 'catalog', 'mpm', 'voice_call'] as const;
/** The parameter each button sub_type takes (the others take what their own reference says). */
const BUTTON_PARAMETER: Partial<Record<(typeof BUTTON_SUB_TYPES)[number], (typeof PARAMETER_TYPES)[number]>> = {
  quick_reply: 'payload',
  url: 'text',
  copy_code: 'coupon_code',
  flow: 'action',
};
const VARIABLE_TYPES: ReadonlySet<string> = new Set(['text', 'currency', 'date_time']);
/** Meta: named parameters are "lowercase characters, underscores and numbers". */
const PARAMETER_NAME = /^[a-z_0-9]+$/;
const LIMITS = { headerText: 60, bodyText: 1024, bodyTextAlone: 32768, couponCode: 15, buttonIndex: 9 } as const;

export function checkTemplate(message: Json): MessageContent {
  const template = requireObject(message, 'template', '');
  const name = requireString(template, 'name', 'template', { max: 512 });
  const language = requireObject(template, 'language', 'template');
  const code = requireString(language, 'code', paramPath('template', 'language'));
  optionalString(language, 'policy', paramPath('template', 'language'));

  const shown: string[] = [];
  const buttons: string[] = [];
  const components = template['components'] === undefined ? [] : requireArray(template, 'components', 'template');
  const types = components.map((item, index) => requireOneOf(asObject(item, paramPath(paramPath('template', 'components'), index)), 'type', paramPath(paramPath('template', 'components'), index), COMPONENT_TYPES));
  const bodyAlone = types.every((type) => type === 'body');
  const indexes = new Set<number>();
  let named: boolean | undefined;
  components.forEach((item, index) => {
    const at = paramPath(paramPath('template', 'components'), index);
    const component = asObject(item, at);
    const type = types[index]!;
    if (type === 'button') {
      const subType = requireOneOf(component, 'sub_type', at, BUTTON_SUB_TYPES);
      const position = requireNumber(component, 'index', at, { min: 0, max: LIMITS.buttonIndex });
      if (!Number.isInteger(position)) throw invalid(`Param ${paramPath(at, 'index')} must be an integer from 0 to ${LIMITS.buttonIndex}.`);
      if (indexes.has(position)) throw invalid(`Param ${paramPath(at, 'index')} must be unique - ${position} is used twice.`);
      indexes.add(position);
      buttons.push(checkButtonParameters(component, at, subType));
      return;
    }
    if (component['parameters'] === undefined) return;
    const parameters = requireArray(component, 'parameters', at);
    if (type === 'header' && parameters.length !== 1) throw invalid(`Param ${paramPath(at, 'parameters')} must contain exactly one parameter for a header.`);
    parameters.forEach((parameterItem, parameterIndex) => {
      const parameterAt = paramPath(paramPath(at, 'parameters'), parameterIndex);
      const parameter = asObject(parameterItem, parameterAt);
      const parameterName = optionalString(parameter, 'parameter_name', parameterAt, { min: 1 });
      if (parameterName !== undefined && !PARAMETER_NAME.test(parameterName)) {
        throw invalid(`Param ${paramPath(parameterAt, 'parameter_name')} must contain only lowercase letters, digits and underscores - got "${parameterName}".`);
      }
      // Variables are text, currency and date_time parameters; a media or location header fills none.
      if (VARIABLE_TYPES.has(String(parameter['type']))) {
        if (named !== undefined && named !== (parameterName !== undefined)) {
          throw invalid(`Param ${paramPath('template', 'components')} parameters must be either all named or all positional.`);
        }
        named = parameterName !== undefined;
      }
      const textMax = type === 'header' ? LIMITS.headerText : bodyAlone ? LIMITS.bodyTextAlone : LIMITS.bodyText;
      shown.push(checkParameter(parameter, parameterAt, textMax));
    });
  });
  const summary = `${name} (${code})${shown.length ? `: ${shown.join(' | ')}` : ''}${buttons.length ? ` [${buttons.join(' | ')}]` : ''}`;
  return { kind: 'template', summary };
}

/** A header or body parameter, as the transcript shows it. */
function checkParameter(parameter: Json, at: string, textMax: number): string {
  const type = requireOneOf(parameter, 'type', at, PARAMETER_TYPES);
  switch (type) {
    case 'text':
      return requireString(parameter, 'text', at, { max: textMax });
    case 'currency': {
      const currency = requireObject(parameter, 'currency', at);
      const currencyAt = paramPath(at, 'currency');
      requireString(currency, 'code', currencyAt);
      const amount = requireNumber(currency, 'amount_1000', currencyAt, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
      if (!Number.isInteger(amount)) throw invalid(`Param ${paramPath(currencyAt, 'amount_1000')} must be an integer.`);
      return requireString(currency, 'fallback_value', currencyAt);
    }
    case 'date_time':
      return requireString(requireObject(parameter, 'date_time', at), 'fallback_value', paramPath(at, 'date_time'));
    case 'location': {
      const location = requireObject(parameter, 'location', at);
      const locationAt = paramPath(at, 'location');
      requireNumber(location, 'latitude', locationAt, { min: -90, max: 90 });
      requireNumber(location, 'longitude', locationAt, { min: -180, max: 180 });
      return `[location: ${requireString(location, 'name', locationAt)}, ${requireString(location, 'address', locationAt)}]`;
    }
    case 'image':
    case 'video':
    case 'document': {
      const media = requireObject(parameter, type, at);
      if ((media['id'] === undefined) === (media['link'] === undefined)) throw invalid(`Param ${paramPath(at, type)} must contain exactly one of id or link.`);
      return `[${type}]`;
    }
    default:
      throw invalid(`Param ${paramPath(at, 'type')} ${type} is only valid in a button component.`);
  }
}

/** A button component's one parameter, as the transcript shows it: `quick reply stop`, `url order/42`. */
function checkButtonParameters(component: Json, at: string, subType: (typeof BUTTON_SUB_TYPES)[number]): string {
  const parameters = requireArray(component, 'parameters', at);
  if (parameters.length !== 1) throw invalid(`Param ${paramPath(at, 'parameters')} must contain exactly one parameter for a ${subType} button.`);
  const parameterAt = paramPath(paramPath(at, 'parameters'), 0);
  const parameter = asObject(parameters[0], parameterAt);
  const expected = BUTTON_PARAMETER[subType];
  const type = expected === undefined ? requireOneOf(parameter, 'type', parameterAt, PARAMETER_TYPES) : requireOneOf(parameter, 'type', parameterAt, [expected]);
  switch (type) {
    case 'payload':
      return `quick reply ${requireString(parameter, 'payload', parameterAt)}`;
    case 'text':
      return `url …${requireString(parameter, 'text', parameterAt)}`;
    case 'coupon_code':
      return `copy code ${requireString(parameter, 'coupon_code', parameterAt, { max: LIMITS.couponCode })}`;
    case 'action': {
      const action = optionalObject(parameter, 'action', parameterAt) ?? {};
      optionalString(action, 'flow_token', paramPath(parameterAt, 'action'));
      if (action['flow_action_data'] !== undefined) asObject(action['flow_action_data'], paramPath(paramPath(parameterAt, 'action'), 'flow_action_data'));
      return 'flow';
    }
    default:
      return subType;
  }
}
