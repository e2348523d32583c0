// Interactive list messages (Meta: "Interactive list messages"): a button label
// of 1 to 20 characters that opens the list, 1 to 10 sections holding 1 to 10
// rows in all. Row ids are unique and at most 200 characters, row titles 1 to
// 24, descriptions at most 72. A section title is at most 24 characters and
// required when there is more than one section. The header is text only
// (interactive.ts).
import type { InteractiveText, ListSection, SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import type { OutgoingMessage } from './envelope.ts';
import { buildInteractive, TEXT_HEADER, type InteractiveObject } from './interactive.ts';
import { quoted, requireLength, requireText } from './rules.ts';

export const LIST_LIMITS = { label: 20, maxSections: 10, maxRows: 10, rowId: 200, rowTitle: 24, rowDescription: 72, sectionTitle: 24 } as const;

interface RowObject {
  id: string;
  title: string;
  description?: string;
}

export type ListObject = InteractiveObject<'list', { button: string; sections: { title?: string; rows: RowObject[] }[] }>;

export function buildListMessage(
  to: string,
  content: InteractiveText,
  buttonLabel: string,
  sections: readonly ListSection[],
  options?: SendOptions,
): OutgoingMessage<'interactive', ListObject> {
  requireText('list button label', buttonLabel);
  requireLength('list button label', buttonLabel, 1, LIST_LIMITS.label);
  if (sections.length < 1 || sections.length > LIST_LIMITS.maxSections) {
    refuse(`${sections.length} list sections: Meta allows 1 to ${LIST_LIMITS.maxSections}`);
  }
  const rowCount = sections.reduce((sum, section) => sum + section.rows.length, 0);
  if (rowCount > LIST_LIMITS.maxRows) refuse(`${rowCount} list rows in all: Meta allows at most ${LIST_LIMITS.maxRows}`);

  const ids = new Set<string>();
  const built = sections.map((section, sectionIndex) => {
    const where = `list section ${sectionIndex + 1}`;
    const title = nonBlank(section.title);
    if (title === undefined && sections.length > 1) refuse(`${where} has no title: Meta requires one when a list has several sections`);
    if (title !== undefined) requireLength(`${where} title`, title, 1, LIST_LIMITS.sectionTitle);
    if (section.rows.length === 0) refuse(`${where} has no rows: every section needs at least one`);
    const rows = section.rows.map((row, rowIndex) => {
      const what = `${where} row ${rowIndex + 1}`;
      requireText(`${what} id`, row.id);
      requireLength(`${what} id`, row.id, 1, LIST_LIMITS.rowId);
      requireText(`${what} title`, row.title);
      requireLength(`${what} title`, row.title, 1, LIST_LIMITS.rowTitle);
      if (ids.has(row.id)) refuse(`${what} id ${quoted(row.id)} is used twice: row ids must be unique in the whole list`);
      ids.add(row.id);
      const description = nonBlank(row.description);
      const item: RowObject = { id: row.id, title: row.title };
      if (description !== undefined) item.description = requireLength(`${what} description`, description, 0, LIST_LIMITS.rowDescription);
      return item;
    });
    return title === undefined ? { rows } : { title, rows };
  });
  return buildInteractive(to, 'list', 'list', content, TEXT_HEADER, { button: buttonLabel, sections: built }, options);
}
