// type "interactive": reply buttons, lists, CTA URL buttons, location and contact information
// requests, Flows, and the catalog kinds (catalog.ts). Limits from Meta's "Interactive reply
// buttons messages", "Interactive list messages", "Interactive Call-to-Action URL Button
// Messages", "Location request messages" pages and the Flows "Sending a Flow" guide: body 1024,
// header text 60, footer 60; reply buttons and CTA URL messages take a text, image, video or
// document header, lists, Flows and product lists a text header only (a product list must have
// one), location and contact requests, single products and catalog messages none; the body is
// optional on a single product only; 1–3 reply buttons, title 20, id 256, ids and titles unique;
// list button label 20, up to 10 sections and 10 rows in all, section title 24, row id 200, row
// title 24, row description 72; CTA label 20; Flow button 20 characters with no emoji,
// flow_message_version "3", flow_id or flow_name, navigate with a screen (its data a non-empty
// object) or data_exchange, mode published or draft.
import {
  asObject,
  invalid,
  isObject,
  required,
  optionalObject,
  optionalString,
  paramPath,
  requireArray,
  requireObject,
  requireOneOf,
  requireString,
  type Json,
} from '../params.ts';
import { checkCatalog, checkProduct, checkProductList } from './catalog.ts';
import type { MessageContent } from './content.ts';

export const INTERACTIVE_LIMITS = {
  body: 1024,
  headerText: 60,
  footer: 60,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  sections: 10,
  rows: 10,
  sectionTitle: 24,
  rowId: 200,
  rowTitle: 24,
  rowDescription: 72,
  ctaLabel: 20,
  flowCta: 20,
} as const;

const TYPES = ['button', 'list', 'cta_url', 'product', 'product_list', 'catalog_message', 'flow', 'location_request_message', 'request_contact_info'] as const;
type InteractiveType = (typeof TYPES)[number];
const AT = 'interactive';
const ACTION_AT = paramPath(AT, 'action');

const MEDIA_HEADERS = ['text', 'image', 'video', 'document'] as const;
/** The header types each kind takes; none for a kind that is not listed. */
const HEADERS: Partial<Record<InteractiveType, readonly string[]>> = {
  button: MEDIA_HEADERS,
  cta_url: MEDIA_HEADERS,
  list: ['text'],
  flow: ['text'],
  product_list: ['text'],
};
/** Kinds with a body and a fixed button only: no header, no footer. */
const BODY_ONLY: ReadonlySet<InteractiveType> = new Set(['location_request_message', 'request_contact_info']);

export function checkInteractive(message: Json): MessageContent {
  const interactive = requireObject(message, 'interactive', '');
  const type = requireOneOf(interactive, 'type', AT, TYPES);
  const header = checkHeader(interactive, type);
  const body = type === 'product' ? optionalObject(interactive, 'body', AT) : requireObject(interactive, 'body', AT);
  const text = body && requireString(body, 'text', paramPath(AT, 'body'), { max: INTERACTIVE_LIMITS.body });
  const footerObject = optionalObject(interactive, 'footer', AT);
  if (footerObject && BODY_ONLY.has(type)) throw invalid(`Param ${paramPath(AT, 'footer')} is not supported for ${type} messages.`);
  const footer = footerObject ? requireString(footerObject, 'text', paramPath(AT, 'footer'), { max: INTERACTIVE_LIMITS.footer }) : undefined;
  const action = requireObject(interactive, 'action', AT);
  // The transcript line: *header* body _footer_, then what the user can tap.
  const shown = [header, text, footer && `_${footer}_`].filter(Boolean).join(' ');

  switch (type) {
    case 'button':
      return { kind: 'buttons', summary: `${shown} [${checkButtons(action).join(' | ')}]` };
    case 'list':
      return { kind: 'list', summary: `${shown} [${checkList(action)}]` };
    case 'cta_url': {
      requireName(action, 'cta_url');
      const parameters = requireObject(action, 'parameters', ACTION_AT);
      const at = paramPath(ACTION_AT, 'parameters');
      const label = requireString(parameters, 'display_text', at, { max: INTERACTIVE_LIMITS.ctaLabel });
      const url = requireString(parameters, 'url', at);
      if (!/^https?:\/\/[^\s/]+/i.test(url)) throw invalid(`Param ${paramPath(at, 'url')} must be a valid URL.`);
      return { kind: 'cta', summary: `${shown} [${label} → ${url}]` };
    }
    case 'location_request_message':
      requireName(action, 'send_location');
      return { kind: 'location-request', summary: `${shown} [Send location]` };
    case 'request_contact_info':
      requireName(action, 'request_contact_info');
      return { kind: 'contact-request', summary: `${shown} [Share contact info]` };
    case 'flow':
      return { kind: 'flow', summary: `${shown} [${checkFlow(action)}]` };
    case 'product':
      return { kind: 'product', summary: [shown, `[${checkProduct(action)}]`].filter(Boolean).join(' ') };
    case 'product_list':
      return { kind: 'product-list', summary: `${shown} [${checkProductList(action)}]` };
    case 'catalog_message':
      return { kind: 'catalog', summary: `${shown} [${checkCatalog(action)}]` };
  }
}

/** The header as the transcript shows it: `*text*` or `[image]`; undefined without one. */
function checkHeader(interactive: Json, type: InteractiveType): string | undefined {
  const header = optionalObject(interactive, 'header', AT);
  const at = paramPath(AT, 'header');
  if (!header && type === 'product_list') throw required(at);
  if (!header) return undefined;
  const allowed = HEADERS[type];
  if (!allowed) throw invalid(`Param ${at} is not supported for ${type} messages.`);
  const headerType = requireOneOf(header, 'type', at, MEDIA_HEADERS);
  if (!allowed.includes(headerType)) {
    throw invalid(`Param ${paramPath(at, 'type')} must be one of {${allowed.map((a) => a.toUpperCase()).join(', ')}} for ${type} messages - got "${headerType}".`);
  }
  if (headerType === 'text') return `*${requireString(header, 'text', at, { max: INTERACTIVE_LIMITS.headerText })}*`;
  const media = requireObject(header, headerType, at);
  if ((media['id'] === undefined) === (media['link'] === undefined)) {
    throw invalid(`Param ${paramPath(at, headerType)} must contain exactly one of id or link.`);
  }
  return `[${headerType}]`;
}

function requireName(action: Json, name: string): void {
  requireOneOf(action, 'name', ACTION_AT, [name]);
}

function checkButtons(action: Json): string[] {
  const buttons = requireArray(action, 'buttons', ACTION_AT);
  const buttonsAt = paramPath(ACTION_AT, 'buttons');
  if (buttons.length < 1 || buttons.length > INTERACTIVE_LIMITS.buttons) {
    throw invalid(`Param ${buttonsAt} must contain between 1 and ${INTERACTIVE_LIMITS.buttons} buttons - got ${buttons.length}.`);
  }
  const ids = new Set<string>();
  const titles = new Set<string>();
  return buttons.map((item, index) => {
    const buttonAt = paramPath(buttonsAt, index);
    const button = asObject(item, buttonAt);
    requireOneOf(button, 'type', buttonAt, ['reply'] as const);
    const reply = requireObject(button, 'reply', buttonAt);
    const replyAt = paramPath(buttonAt, 'reply');
    const id = requireString(reply, 'id', replyAt, { max: INTERACTIVE_LIMITS.buttonId });
    const title = requireString(reply, 'title', replyAt, { max: INTERACTIVE_LIMITS.buttonTitle });
    if (ids.has(id)) throw invalid(`Param ${paramPath(replyAt, 'id')} must be unique - "${id}" is used twice.`);
    if (titles.has(title)) throw invalid(`Param ${paramPath(replyAt, 'title')} must be unique - "${title}" is used twice.`);
    ids.add(id);
    titles.add(title);
    return title;
  });
}

function checkList(action: Json): string {
  const label = requireString(action, 'button', ACTION_AT, { max: INTERACTIVE_LIMITS.listButton });
  const sections = requireArray(action, 'sections', ACTION_AT);
  const sectionsAt = paramPath(ACTION_AT, 'sections');
  if (sections.length < 1 || sections.length > INTERACTIVE_LIMITS.sections) {
    throw invalid(`Param ${sectionsAt} must contain between 1 and ${INTERACTIVE_LIMITS.sections} sections - got ${sections.length}.`);
  }
  const rowIds = new Set<string>();
  const rowTitles: string[] = [];
  sections.forEach((item, index) => {
    const sectionAt = paramPath(sectionsAt, index);
    const section = asObject(item, sectionAt);
    // Meta: "section title — Required if the message has more than one section."
    if (sections.length > 1) requireString(section, 'title', sectionAt, { max: INTERACTIVE_LIMITS.sectionTitle });
    else optionalString(section, 'title', sectionAt, { max: INTERACTIVE_LIMITS.sectionTitle });
    const rows = requireArray(section, 'rows', sectionAt);
    const rowsAt = paramPath(sectionAt, 'rows');
    if (rows.length === 0) throw invalid(`Param ${rowsAt} must contain at least one row.`);
    rows.forEach((rowItem, rowIndex) => {
      const rowAt = paramPath(rowsAt, rowIndex);
      const row = asObject(rowItem, rowAt);
      const id = requireString(row, 'id', rowAt, { max: INTERACTIVE_LIMITS.rowId });
      rowTitles.push(requireString(row, 'title', rowAt, { max: INTERACTIVE_LIMITS.rowTitle }));
      optionalString(row, 'description', rowAt, { max: INTERACTIVE_LIMITS.rowDescription });
      if (rowIds.has(id)) throw invalid(`Param ${paramPath(rowAt, 'id')} must be unique - "${id}" is used twice.`);
      rowIds.add(id);
    });
  });
  if (rowIds.size > INTERACTIVE_LIMITS.rows) {
    throw invalid(`Param ${sectionsAt} must contain at most ${INTERACTIVE_LIMITS.rows} rows in all - got ${rowIds.size}.`);
  }
  return `${label}: ${rowTitles.join(' | ')}`;
}

const EMOJI = /\p{Extended_Pictographic}/u;

/** The Flow's button, as the transcript shows it (with "(draft)" for a draft). */
function checkFlow(action: Json): string {
  requireName(action, 'flow');
  const parameters = requireObject(action, 'parameters', ACTION_AT);
  const at = paramPath(ACTION_AT, 'parameters');
  requireOneOf(parameters, 'flow_message_version', at, ['3'] as const);
  optionalString(parameters, 'flow_token', at, { min: 1 });
  const id = optionalString(parameters, 'flow_id', at, { min: 1 });
  const name = optionalString(parameters, 'flow_name', at, { min: 1 });
  if ((id === undefined) === (name === undefined)) throw invalid(`Param ${at} must contain exactly one of flow_id or flow_name.`);
  const cta = requireString(parameters, 'flow_cta', at, { max: INTERACTIVE_LIMITS.flowCta });
  if (EMOJI.test(cta)) throw invalid(`Param ${paramPath(at, 'flow_cta')} must not contain emoji - got "${cta}".`);
  const flowAction = parameters['flow_action'] === undefined ? 'navigate' : requireOneOf(parameters, 'flow_action', at, ['navigate', 'data_exchange'] as const);
  const payloadAt = paramPath(at, 'flow_action_payload');
  if (flowAction === 'navigate') {
    const payload = requireObject(parameters, 'flow_action_payload', at);
    requireString(payload, 'screen', payloadAt);
    const data = payload['data'];
    if (data !== undefined && (!isObject(data) || Object.keys(data).length === 0)) {
      throw invalid(`Param ${paramPath(payloadAt, 'data')} must be a non-empty JSON object.`);
    }
  } else if (parameters['flow_action_payload'] !== undefined) {
    throw invalid(`Param ${payloadAt} must be omitted when flow_action is data_exchange.`);
  }
  const mode = parameters['mode'] === undefined ? 'published' : requireOneOf(parameters, 'mode', at, ['published', 'draft'] as const);
  return mode === 'draft' ? `${cta} (draft)` : cta;
}
