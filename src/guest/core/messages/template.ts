// Template messages (Meta: "Template messages"; Messages API reference,
// `template`): the only messages Meta delivers outside the 24-hour customer
// service window. { name, language: { code }, components?: [header?, body?,
// buttons...] }, where each component holds the parameters of template-params.ts.
// The template's variables are either named ({{first_name}}) or positional
// ({{1}}, {{2}}, in order), never both. A text parameter of the header is at most
// 60 characters; of the body at most 1024 "if other component types are
// included, 32768 characters if body is the only component type included".
import type { SendOptions, TemplateParams } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { quoted, requiredText } from './rules.ts';
import {
  buttonComponents,
  headerParameter,
  parameterObject,
  TEMPLATE_PARAM_LIMITS,
  type ButtonComponent,
  type HeaderParameter,
  type ParameterObject,
} from './template-params.ts';

export const TEMPLATE_LIMITS = { name: 512, bodyText: 1024, bodyTextAlone: 32768 } as const;
// Meta's language codes: "en", "en_US", "pt_BR", "zh_HK", "fil"...
const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/;

export type TemplateComponent =
  | { type: 'header'; parameters: [HeaderParameter] }
  | { type: 'body'; parameters: ParameterObject[] }
  | ButtonComponent;

export interface TemplateObject {
  name: string;
  language: { code: string };
  components?: TemplateComponent[];
}

/** Whether the variables are named: all or none, across the header's text and the body. */
function namedVariables(params: TemplateParams): boolean {
  const all = [...(params.header?.tag === 'text' ? [params.header.val] : []), ...params.body];
  const named = all.filter((param) => param.name !== undefined).length;
  if (named !== 0 && named !== all.length) {
    refuse(
      `template parameters mix named (${named}) and positional (${all.length - named}) ones: ` +
        'a template uses one kind, so give every parameter a name or none',
    );
  }
  return named > 0;
}

function components(params: TemplateParams): TemplateComponent[] {
  const named = namedVariables(params);
  const out: TemplateComponent[] = [];
  if (params.header !== undefined) {
    const header = headerParameter(params.header, (param) => parameterObject('template header parameter', param, TEMPLATE_PARAM_LIMITS.headerText, named, new Set()));
    out.push({ type: 'header', parameters: [header] });
  }
  const bodyMax = params.header === undefined && params.buttons.length === 0 ? TEMPLATE_LIMITS.bodyTextAlone : TEMPLATE_LIMITS.bodyText;
  if (params.body.length > 0) {
    const names = new Set<string>();
    out.push({ type: 'body', parameters: params.body.map((param, at) => parameterObject(`template body parameter ${at + 1}`, param, bodyMax, named, names)) });
  }
  out.push(...buttonComponents(params.buttons));
  return out;
}

export function buildTemplateMessage(
  to: string,
  name: string,
  language: string,
  params: TemplateParams | undefined,
  options?: SendOptions,
): OutgoingMessage<'template', TemplateObject> {
  requiredText('template name', name, TEMPLATE_LIMITS.name);
  if (!LANGUAGE_CODE.test(language)) {
    refuse(`template language ${quoted(language)} is not a language code like "en" or "en_US"`);
  }
  const template: TemplateObject = { name, language: { code: language } };
  const filled = params === undefined ? [] : components(params);
  if (filled.length > 0) template.components = filled;
  return outgoingMessage(to, 'template', template, options);
}
