// Turns a WhatsApp Business Account webhook payload into events for the handler
// components: every entry[] × changes[], in payload order, each event once. A
// `messages` change gives its messages[] then its statuses[], `smb_message_echoes`
// its message_echoes[], `user_preferences` its user_preferences[]; a change of any
// other field is one event carrying the field and its value verbatim, so that
// nothing Meta sends is dropped. Nothing here throws: whatever is malformed is
// skipped with a note saying what and where.
import { describeError } from '../failure.ts';
import { asInteger, asList, asObject, asString, nonBlank, type JsonObject } from '../json.ts';
import { parseEcho } from './echo.ts';
import { eventKey, type Business, type InboundEvent, type ParsedWebhook, type WebhookNote } from './events.ts';
import { describeErrors, errorInfo } from './graph-errors.ts';
import type { ChangeContext } from './item.ts';
import { parseMessage } from './message.ts';
import { parsePreference } from './preference.ts';
import { parseStatus } from './status.ts';

/** Collects the events of one payload, each once, and the notes. */
class Collector {
  readonly events: InboundEvent[] = [];
  readonly notes: WebhookNote[] = [];
  readonly #seen = new Set<string>();

  note(level: WebhookNote['level'], where: string, message: string): void {
    this.notes.push({ level, text: where === '' ? message : `${where}: ${message}` });
  }

  /** The event at `list[index]` of `change` (`messages[0]`, or `value` for a whole change), unless the payload had it before. */
  add(change: ChangeContext, list: string, index: number, event: InboundEvent): void {
    const key = eventKey(event);
    if (this.#seen.has(key)) {
      const where = list === 'value' ? `${change.where}.value` : `${change.where}.${list}[${index}]`;
      this.note('info', where, `duplicate of an earlier event in this payload (${event.type === 'event' ? `field ${event.event.field}` : key}); dispatched once`);
      return;
    }
    this.#seen.add(key);
    this.events.push(event);
  }
}

/** Never throws, whatever `payload` is. */
export function parseWebhook(payload: unknown): ParsedWebhook {
  const out = new Collector();
  try {
    parsePayload(payload, out);
  } catch (error) {
    // The parser is written not to throw; if it ever does, keep what was parsed and say so.
    out.note('error', '', `webhook parser failed: ${describeError(error)}`);
  }
  return { events: out.events, notes: out.notes };
}

/** One change of the payload; where it is is spelled out only when a note needs it. */
class Change implements ChangeContext {
  constructor(
    readonly entry: number,
    readonly index: number,
    readonly business: Business,
    readonly contacts: readonly unknown[],
    readonly notes: Collector,
  ) {}

  get where(): string {
    return changeAt(this.entry, this.index);
  }
}

function changeAt(entry: number, change: number): string {
  return `entry[${entry}].changes[${change}]`;
}

function parsePayload(payload: unknown, out: Collector): void {
  const root = asObject(payload);
  if (root === undefined) {
    out.note('error', '', `payload is not a JSON object (${payload === null ? 'null' : Array.isArray(payload) ? 'array' : typeof payload}); nothing dispatched`);
    return;
  }
  if (root.object !== undefined && root.object !== 'whatsapp_business_account') {
    out.note('warn', '', `payload object is ${JSON.stringify(root.object)}, not "whatsapp_business_account"; nothing dispatched`);
    return;
  }
  if (!Array.isArray(root.entry)) {
    out.note('error', '', 'payload has no entry[] array; nothing dispatched');
    return;
  }
  for (let e = 0; e < root.entry.length; e++) {
    const entry = asObject(root.entry[e]);
    if (entry === undefined) {
      out.note('warn', `entry[${e}]`, 'not an object; skipped');
    } else if (!Array.isArray(entry.changes)) {
      out.note('warn', `entry[${e}]`, 'has no changes[] array; skipped');
    } else {
      for (let c = 0; c < entry.changes.length; c++) parseChange(entry, entry.changes[c], e, c, out);
    }
  }
}

/** The fields whose changes become typed events; every other field is forwarded verbatim. */
const TYPED_FIELDS: Readonly<Record<string, (value: JsonObject, context: Change, out: Collector) => void>> = {
  messages: (value, context, out) => {
    eachItem(value.messages, (item, k) => {
      const message = parseMessage(item, k, context);
      if (message !== undefined) out.add(context, 'messages', k, { type: 'message', message });
    });
    eachItem(value.statuses, (item, k) => {
      const status = parseStatus(item, k, context);
      if (status !== undefined) out.add(context, 'statuses', k, { type: 'status', status });
    });
  },
  smb_message_echoes: (value, context, out) => {
    eachItem(value.message_echoes, (item, k) => {
      const echo = parseEcho(item, k, context);
      if (echo !== undefined) out.add(context, 'message_echoes', k, { type: 'echo', echo });
    });
  },
  user_preferences: (value, context, out) => {
    eachItem(value.user_preferences, (item, k) => {
      const preference = parsePreference(item, k, context);
      if (preference !== undefined) out.add(context, 'user_preferences', k, { type: 'preference', preference });
    });
  },
};

function eachItem(list: unknown, visit: (item: unknown, index: number) => void): void {
  const items = asList(list);
  for (let k = 0; k < items.length; k++) visit(items[k], k);
}

function parseChange(entry: JsonObject, changeValue: unknown, e: number, c: number, out: Collector): void {
  const change = asObject(changeValue);
  if (change === undefined) {
    out.note('warn', changeAt(e, c), 'not an object; skipped');
    return;
  }
  const field = nonBlank(change.field);
  if (field === undefined) {
    out.note('warn', changeAt(e, c), `has no field name (field ${JSON.stringify(change.field)}); skipped`);
    return;
  }
  const parseTyped = Object.hasOwn(TYPED_FIELDS, field) ? TYPED_FIELDS[field] : undefined;
  if (parseTyped === undefined) {
    const time = asInteger(entry.time);
    const event = { field, value: JSON.stringify(change.value ?? null), entryId: asString(entry.id) ?? '', time: time !== undefined && time >= 0 ? time : undefined };
    out.add(new Change(e, c, NO_BUSINESS, [], out), 'value', 0, { type: 'event', event });
    return;
  }
  const value = asObject(change.value);
  if (value === undefined) {
    out.note('warn', changeAt(e, c), `field ${JSON.stringify(field)} has no value object; skipped`);
    return;
  }
  const metadata = asObject(value.metadata);
  if (metadata === undefined) out.note('warn', changeAt(e, c), 'value has no metadata: business phone number unknown');
  const valueErrors = asList(value.errors);
  if (valueErrors.length > 0) out.note('error', changeAt(e, c), `webhook errors: ${describeErrors(valueErrors.map(errorInfo))}`);

  const business = {
    phoneNumberId: asString(metadata?.phone_number_id) ?? '',
    displayPhoneNumber: asString(metadata?.display_phone_number) ?? '',
  };
  parseTyped(value, new Change(e, c, business, asList(value.contacts), out), out);
}

const NO_BUSINESS: Business = { phoneNumberId: '', displayPhoneNumber: '' };
