// type "interactive": reply buttons, lists and CTA URL buttons.
// Limits from Meta's "Interactive reply buttons messages" and "Interactive list messages" pages:
// body 1024, header text 60, footer 60; 1–3 reply buttons, title 20, id 256, ids unique;
// list button label 20, up to 10 sections and 10 rows in all, section title 24,
// row id 200, row title 24, row description 72.
import {
  asObject,
  invalid,
  optionalObject,
  optionalString,
  paramPath,
  requireArray,
  requireObject,
  requireOneOf,
  requireString,
  type Json,
} from '../params.ts';
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
} as const;

const TYPES = ['button', 'list', 'cta_url', 'product', 'product_list', 'flow', 'location_request_message'] as const;
const AT = 'interactive';

export function checkInteractive(message: Json): MessageContent {
  const interactive = requireObject(message, 'interactive', '');
  const type = requireOneOf(interactive, 'type', AT, TYPES);
  checkHeader(interactive);
  const body = requireObject(interactive, 'body', AT);
  const text = requireString(body, 'text', paramPath(AT, 'body'), { max: INTERACTIVE_LIMITS.body });
  const footer = optionalObject(interactive, 'footer', AT);
  if (footer) requireString(footer, 'text', paramPath(AT, 'footer'), { max: INTERACTIVE_LIMITS.footer });
  const action = requireObject(interactive, 'action', AT);
  const actionAt = paramPath(AT, 'action');

  switch (type) {
    case 'button':
      return { kind: 'buttons', summary: `${text} [${checkButtons(action, actionAt).join(' | ')}]` };
    case 'list':
      return { kind: 'list', summary: `${text} [${checkList(action, actionAt)}]` };
    case 'cta_url': {
      const parameters = requireObject(action, 'parameters', actionAt);
      const label = requireString(parameters, 'display_text', paramPath(actionAt, 'parameters'), { max: 20 });
      const url = requireString(parameters, 'url', paramPath(actionAt, 'parameters'));
      return { kind: 'cta-url', summary: `${text} [${label} → ${url}]` };
    }
    default:
      return { kind: type.replace(/_/g, '-'), summary: text };
  }
}

function checkHeader(interactive: Json): void {
  const header = optionalObject(interactive, 'header', AT);
  if (!header) return;
  const at = paramPath(AT, 'header');
  const type = requireOneOf(header, 'type', at, ['text', 'image', 'video', 'document'] as const);
  if (type === 'text') {
    requireString(header, 'text', at, { max: INTERACTIVE_LIMITS.headerText });
    return;
  }
  const media = requireObject(header, type, at);
  if ((media['id'] === undefined) === (media['link'] === undefined)) {
    throw invalid(`Param ${paramPath(at, type)} must contain exactly one of id or link.`);
  }
}

function checkButtons(action: Json, at: string): string[] {
  const buttons = requireArray(action, 'buttons', at);
  const buttonsAt = paramPath(at, 'buttons');
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

function checkList(action: Json, at: string): string {
  const label = requireString(action, 'button', at, { max: INTERACTIVE_LIMITS.listButton });
  const sections = requireArray(action, 'sections', at);
  const sectionsAt = paramPath(at, 'sections');
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
