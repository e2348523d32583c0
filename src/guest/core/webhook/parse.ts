// Turns a WhatsApp Cloud API `messages` webhook payload into events for the handler
// components: every entry[] × changes[] (field `messages`) × messages[] then
// statuses[], in payload order, each event once. Nothing here throws: whatever is
// malformed is skipped with a note saying what and where.
import { describeError } from '../failure.ts';
import { asList, asObject, asString } from '../json.ts';
import { eventKey, type Business, type InboundEvent, type ParsedWebhook, type WebhookNote } from './events.ts';
import { describeErrors, errorInfo } from './graph-errors.ts';
import type { ChangeContext } from './item.ts';
import { parseMessage } from './message.ts';
import { parseStatus } from './status.ts';

/** Collects the events of one payload, each once, and the notes. */
class Collector {
  readonly events: InboundEvent[] = [];
  readonly notes: WebhookNote[] = [];
  readonly #seen = new Set<string>();

  note(level: WebhookNote['level'], where: string, message: string): void {
    this.notes.push({ level, text: where === '' ? message : `${where}: ${message}` });
  }

  /** The event at `list[index]` of `change` (`messages[0]`), unless the payload had it before. */
  add(change: ChangeContext, list: string, index: number, event: InboundEvent): void {
    const key = eventKey(event);
    if (this.#seen.has(key)) {
      this.note('info', `${change.where}.${list}[${index}]`, `duplicate of an earlier event in this payload (${key}); dispatched once`);
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
      for (let c = 0; c < entry.changes.length; c++) parseChange(entry.changes[c], e, c, out);
    }
  }
}

function parseChange(changeValue: unknown, e: number, c: number, out: Collector): void {
  const change = asObject(changeValue);
  if (change === undefined) {
    out.note('warn', changeAt(e, c), 'not an object; skipped');
    return;
  }
  if (change.field !== 'messages') {
    out.note('info', changeAt(e, c), `field ${JSON.stringify(change.field)} is not handled (only "messages"); ignored`);
    return;
  }
  const value = asObject(change.value);
  if (value === undefined) {
    out.note('warn', changeAt(e, c), 'field "messages" has no value object; skipped');
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
  const context = new Change(e, c, business, asList(value.contacts), out);
  const messages = asList(value.messages);
  for (let k = 0; k < messages.length; k++) {
    const message = parseMessage(messages[k], k, context);
    if (message !== undefined) out.add(context, 'messages', k, { type: 'message', message });
  }
  const statuses = asList(value.statuses);
  for (let k = 0; k < statuses.length; k++) {
    const status = parseStatus(statuses[k], k, context);
    if (status !== undefined) out.add(context, 'statuses', k, { type: 'status', status });
  }
}
