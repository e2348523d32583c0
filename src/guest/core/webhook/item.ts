// One item of a change's `messages[]`, `statuses[]` or `message_echoes[]`: where it
// is, for notes, and the checks every item must pass before it can become an event
// (an object, with an id).
import { asObject, nonBlank, unixSeconds, type JsonObject } from '../json.ts';
import type { Business, WebhookNote } from './events.ts';
import type { Warnings } from './content.ts';

/** What the messages and statuses of one change share. */
export interface ChangeContext {
  /** Where the change is in the payload, for notes: `entry[0].changes[1]`. */
  readonly where: string;
  business: Business;
  /** The change's `contacts[]`, as Meta sent it. */
  contacts: readonly unknown[];
  notes: { note(level: WebhookNote['level'], where: string, text: string): void };
}

export interface Item {
  object: JsonObject;
  /** The wamid. */
  id: string;
  /** Warnings about this item, placed at it: `entry[0].changes[0].messages[2] (wamid.X)`. */
  notes: Warnings;
}

/**
 * The item at `list[index]` of the change, or undefined (with a note) when it is
 * not an object or has no id; `kindField` (`type`, `status`) is quoted in that note.
 */
export function itemOf(value: unknown, change: ChangeContext, list: string, index: number, kindField: string): Item | undefined {
  const object = asObject(value);
  if (object === undefined) {
    change.notes.note('warn', `${change.where}.${list}[${index}]`, 'not an object; skipped');
    return undefined;
  }
  const id = nonBlank(object.id);
  if (id === undefined) {
    change.notes.note('warn', `${change.where}.${list}[${index}]`, `has no message id (${kindField} ${JSON.stringify(object[kindField])}); skipped`);
    return undefined;
  }
  return { object, id, notes: new ItemWarnings(change, `${list}[${index}]`, id) };
}

/** The item's `timestamp` in Unix seconds, or 0 (with a warning) when it is not one. */
export function itemTimestamp(item: Item): number {
  const timestamp = unixSeconds(item.object.timestamp);
  if (timestamp !== undefined) return timestamp;
  item.notes.warn(`timestamp ${JSON.stringify(item.object.timestamp)} is not unix seconds; using 0`);
  return 0;
}

class ItemWarnings implements Warnings {
  constructor(
    private readonly change: ChangeContext,
    private readonly item: string,
    private readonly id: string,
  ) {}

  warn(text: string): void {
    this.change.notes.note('warn', `${this.change.where}.${this.item} (${this.id})`, text);
  }
}
