// type "template": { template: { name, language: { code, policy? }, components?: [{ type,
// sub_type?, index?, parameters: [{ type, text?, parameter_name?, ... }] }] } }
// The emulator knows no approved templates, so it checks the request's shape only; a test that
// needs Meta's template errors (132000, 132001...) scripts them as faults.
import {
  asObject,
  invalid,
  optionalString,
  paramPath,
  requireArray,
  requireObject,
  requireOneOf,
  requireString,
  type Json,
} from '../params.ts';
import type { MessageContent } from './content.ts';

const COMPONENT_TYPES = ['header', 'body', 'footer', 'button'] as const;
const PARAMETER_TYPES = ['text', 'currency', 'date_time', 'image', 'document', 'video', 'location', 'payload', 'action', 'coupon_code'] as const;
/** Meta: named parameters are "lowercase characters, underscores and numbers". */
const PARAMETER_NAME = /^[a-z_0-9]+$/;

export function checkTemplate(message: Json): MessageContent {
  const template = requireObject(message, 'template', '');
  const name = requireString(template, 'name', 'template', { max: 512 });
  const language = requireObject(template, 'language', 'template');
  const code = requireString(language, 'code', paramPath('template', 'language'));
  optionalString(language, 'policy', paramPath('template', 'language'));

  const texts: string[] = [];
  const components = template['components'] === undefined ? [] : requireArray(template, 'components', 'template');
  components.forEach((item, index) => {
    const at = paramPath(paramPath('template', 'components'), index);
    const component = asObject(item, at);
    requireOneOf(component, 'type', at, COMPONENT_TYPES);
    if (component['parameters'] === undefined) return;
    const parameters = requireArray(component, 'parameters', at);
    let named: boolean | undefined;
    parameters.forEach((parameterItem, parameterIndex) => {
      const parameterAt = paramPath(paramPath(at, 'parameters'), parameterIndex);
      const parameter = asObject(parameterItem, parameterAt);
      const type = requireOneOf(parameter, 'type', parameterAt, PARAMETER_TYPES);
      const parameterName = optionalString(parameter, 'parameter_name', parameterAt, { min: 1 });
      if (parameterName !== undefined && !PARAMETER_NAME.test(parameterName)) {
        throw invalid(`Param ${paramPath(parameterAt, 'parameter_name')} must contain only lowercase letters, digits and underscores - got "${parameterName}".`);
      }
      if (named !== undefined && named !== (parameterName !== undefined)) {
        throw invalid(`Param ${paramPath(at, 'parameters')} must be either all named or all positional.`);
      }
      named = parameterName !== undefined;
      if (type === 'text') texts.push(requireString(parameter, 'text', parameterAt, { max: 32768 }));
      else if (type !== 'payload' && type !== 'action' && type !== 'coupon_code') requireObject(parameter, type, parameterAt);
    });
  });
  return { kind: 'template', summary: `${name} (${code})${texts.length ? `: ${texts.join(' | ')}` : ''}` };
}
