// Template messages (Meta: "Template messages"; "Named and positional
// parameters"): the only messages Meta delivers outside the 24-hour customer
// service window. Parameters are text, filling the template's header (one
// variable at most, Meta's limit for a text header) and body. A template uses
// either named parameters ({{first_name}}: lowercase letters, digits and
// underscores) or positional ones ({{1}}, {{2}}, in order), never both.
import type { TemplateParam } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { quoted, requireLength, requireText } from './rules.ts';

export const TEMPLATE_LIMITS = { name: 512, headerParams: 1 } as const;
const PARAMETER_NAME = /^[a-z_0-9]+$/;
// Meta's language codes: "en", "en_US", "pt_BR", "zh_HK", "fil"...
const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/;

interface TextParameter {
  type: 'text';
  parameter_name?: string;
  text: string;
}

export interface TemplateObject {
  name: string;
  language: { code: string };
  components?: { type: 'header' | 'body'; parameters: TextParameter[] }[];
}

function parameters(where: 'header' | 'body', params: readonly TemplateParam[], named: boolean): TextParameter[] {
  const names = new Set<string>();
  return params.map((param, index) => {
    const what = `template ${where} parameter ${index + 1}`;
    requireText(`${what} value`, param.value);
    if (!named) return { type: 'text', text: param.value };
    const name = param.name ?? '';
    if (!PARAMETER_NAME.test(name)) {
      refuse(`${what} name ${quoted(name)} is not a parameter name: use lowercase letters, digits and underscores, like "first_name"`);
    }
    if (names.has(name)) refuse(`${what} name ${quoted(name)} is used twice in the template ${where}`);
    names.add(name);
    return { type: 'text', parameter_name: name, text: param.value };
  });
}

export function buildTemplateMessage(
  to: string,
  name: string,
  language: string,
  bodyParams: readonly TemplateParam[],
  headerParams: readonly TemplateParam[],
): OutgoingMessage<'template', TemplateObject> {
  requireText('template name', name);
  requireLength('template name', name, 1, TEMPLATE_LIMITS.name);
  if (!LANGUAGE_CODE.test(language)) {
    refuse(`template language ${quoted(language)} is not a language code like "en" or "en_US"`);
  }
  if (headerParams.length > TEMPLATE_LIMITS.headerParams) {
    refuse(`${headerParams.length} template header parameters: a template header has at most ${TEMPLATE_LIMITS.headerParams} variable`);
  }
  const all = [...headerParams, ...bodyParams];
  const namedCount = all.filter((param) => param.name !== undefined).length;
  if (namedCount !== 0 && namedCount !== all.length) {
    refuse(
      `template parameters mix named (${namedCount}) and positional (${all.length - namedCount}) ones: ` +
        'a template uses one kind, so give every parameter a name or none',
    );
  }
  const named = namedCount > 0;
  const template: TemplateObject = { name, language: { code: language } };
  const components: NonNullable<TemplateObject['components']> = [];
  if (headerParams.length > 0) components.push({ type: 'header', parameters: parameters('header', headerParams, named) });
  if (bodyParams.length > 0) components.push({ type: 'body', parameters: parameters('body', bodyParams, named) });
  if (components.length > 0) template.components = components;
  return outgoingMessage(to, 'template', template);
}
