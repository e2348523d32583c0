// Turns a WhatsApp Cloud API `messages` webhook payload into events for the
// handler components. Shapes follow Meta's "messages webhook reference" (one page
// per message type, plus "Status messages webhook reference"). Nothing here
// throws: whatever is malformed is skipped with a note saying what and where.
//
// `content` by kind (what a handler reading only `content` sees):
//   text         the body
//   image/video  the caption, else "[image]" / "[video]"
//   audio        the caption, else "[voice message]" (voice: true) or "[audio]"
//   document     the caption, else "[document: <filename>]", else "[document]"
//   sticker      "[sticker]"
//   location     "[location: <name>, <address> (<lat>, <lng>)]"; a missing name or
//                address is left out with its comma; neither: "[location: (<lat>, <lng>)]"
//   contacts     "[contact: <name> <phone>, <phone>...]" per contact, joined by "\n"
//   interactive  the tapped button / list row title (replyId = its id);
//                a Flow answer "[flow reply: <response_json>]"; else "[interactive: <type>]"
//   button       the template quick-reply text (replyId = its payload)
//   reaction     the emoji; "" when the reaction is removed (replyTo = reacted message)
//   order        "[order: N items]" (N product lines), then the buyer's note if any
//   system       system.body, else "[system: <type>]"
//   unsupported  "[unsupported message: <type>]" for Meta's `unsupported` (its inner
//                type), any type we do not know, and any message with errors[]

export type MessageKind =
  | 'text'
  | 'image'
  | 'audio'
  | 'video'
  | 'document'
  | 'sticker'
  | 'location'
  | 'contacts'
  | 'interactive'
  | 'button'
  | 'reaction'
  | 'order'
  | 'system'
  | 'unsupported';

export interface Business {
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export interface Sender {
  name: string;
  /** Digits; "" for a user who shows only a username. */
  phone: string;
  userId?: string;
  username?: string;
}

export interface Media {
  id: string;
  mimeType: string;
  sha256?: string;
  filename?: string;
  caption?: string;
  voice: boolean;
  animated: boolean;
}

export interface Location {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
  url?: string;
}

// Every optional field is present as a key (value undefined) in what parseWebhook
// returns: asterai rejects a record JSON with a missing key, and toWitJson turns
// undefined into null only for keys that exist.
export interface InboundMessage {
  content: string;
  sender: Sender;
  id: string;
  kind: MessageKind;
  timestamp: number;
  replyTo?: string;
  replyId?: string;
  forwarded: boolean;
  media?: Media;
  location?: Location;
  business: Business;
}

export type StatusKind = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export interface GraphErrorInfo {
  code: number;
  title: string;
  message: string;
  details?: string;
}

export interface MessageStatus {
  id: string;
  recipient: string;
  status: StatusKind;
  timestamp: number;
  errors: GraphErrorInfo[];
  conversationId?: string;
  pricingCategory?: string;
  callbackData?: string;
  business: Business;
}

export type InboundEvent = { type: 'message'; message: InboundMessage } | { type: 'status'; status: MessageStatus };

export interface WebhookNote {
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface ParsedWebhook {
  events: InboundEvent[];
  notes: WebhookNote[];
}

const STATUS_KINDS: readonly StatusKind[] = ['sent', 'delivered', 'read', 'played', 'failed'];
const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];

/** Dedupe key: the wamid for a message; wamid + ":" + status for a status. */
export function eventKey(event: InboundEvent): string {
  return event.type === 'message' ? event.message.id : `${event.status.id}:${event.status.status}`;
}

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A string with something in it, else undefined. */
function present(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Meta sends unix seconds as a decimal string ("1749416383"). */
function unixSeconds(value: unknown): number | undefined {
  const seconds = finiteNumber(value);
  return seconds !== undefined && Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}

function errorInfo(value: unknown): GraphErrorInfo {
  const error = record(value) ?? {};
  const code = finiteNumber(error.code);
  const title = text(error.title) ?? '';
  return {
    code: code !== undefined && Number.isInteger(code) ? code : 0,
    title,
    message: text(error.message) ?? title,
    details: present(record(error.error_data)?.details),
  };
}

function describeErrors(errors: readonly GraphErrorInfo[]): string {
  return errors
    .map((e) => {
      const parts = [`${e.code} ${e.title}`.trim()];
      if (e.message !== '' && e.message !== e.title) parts.push(e.message);
      if (e.details !== undefined && e.details !== e.message && e.details !== e.title) parts.push(e.details);
      return parts.join(': ');
    })
    .join('; ');
}

/** Collects notes and dedupes events for one payload. */
class Collector {
  readonly events: InboundEvent[] = [];
  readonly notes: WebhookNote[] = [];
  readonly #seen = new Set<string>();

  note(level: WebhookNote['level'], where: string, message: string): void {
    this.notes.push({ level, text: where === '' ? message : `${where}: ${message}` });
  }

  add(where: string, event: InboundEvent): void {
    const key = eventKey(event);
    if (this.#seen.has(key)) {
      this.note('info', where, `duplicate of an earlier event in this payload (${key}); dispatched once`);
      return;
    }
    this.#seen.add(key);
    this.events.push(event);
  }
}

/**
 * Every entry[] × changes[] (field `messages`) × messages[] then statuses[], in
 * payload order. Never throws, whatever `payload` is.
 */
export function parseWebhook(payload: unknown): ParsedWebhook {
  const out = new Collector();
  try {
    parsePayload(payload, out);
  } catch (error) {
    // Defensive: the parser is written not to throw; if it ever does, keep what was
    // parsed and say so rather than losing the whole payload.
    out.note('error', '', `webhook parser failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { events: out.events, notes: out.notes };
}

function parsePayload(payload: unknown, out: Collector): void {
  const root = record(payload);
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
  root.entry.forEach((entryValue, e) => {
    const entry = record(entryValue);
    if (entry === undefined) {
      out.note('warn', `entry[${e}]`, 'not an object; skipped');
      return;
    }
    if (!Array.isArray(entry.changes)) {
      out.note('warn', `entry[${e}]`, 'has no changes[] array; skipped');
      return;
    }
    entry.changes.forEach((changeValue, c) => parseChange(changeValue, `entry[${e}].changes[${c}]`, out));
  });
}

function parseChange(changeValue: unknown, where: string, out: Collector): void {
  const change = record(changeValue);
  if (change === undefined) {
    out.note('warn', where, 'not an object; skipped');
    return;
  }
  if (change.field !== 'messages') {
    out.note('info', where, `field ${JSON.stringify(change.field)} is not handled (only "messages"); ignored`);
    return;
  }
  const value = record(change.value);
  if (value === undefined) {
    out.note('warn', where, 'field "messages" has no value object; skipped');
    return;
  }
  const metadata = record(value.metadata);
  if (metadata === undefined) out.note('warn', where, 'value has no metadata: business phone number unknown');
  const business: Business = {
    phoneNumberId: text(metadata?.phone_number_id) ?? '',
    displayPhoneNumber: text(metadata?.display_phone_number) ?? '',
  };

  const valueErrors = list(value.errors).map(errorInfo);
  if (valueErrors.length > 0) out.note('error', where, `webhook errors: ${describeErrors(valueErrors)}`);

  const contacts = list(value.contacts).map(record).filter((c) => c !== undefined);
  list(value.messages).forEach((m, k) => {
    const at = `${where}.messages[${k}]`;
    const message = parseMessage(m, at, contacts, business, out);
    if (message !== undefined) out.add(at, { type: 'message', message });
  });
  list(value.statuses).forEach((s, k) => {
    const at = `${where}.statuses[${k}]`;
    const status = parseStatus(s, at, business, out);
    if (status !== undefined) out.add(at, { type: 'status', status });
  });
}

function findContact(contacts: readonly Json[], phone: string, userId: string | undefined): Json | undefined {
  return contacts.find(
    (contact) =>
      (phone !== '' && contact.wa_id === phone) || (userId !== undefined && contact.user_id === userId),
  );
}

interface Body {
  kind: MessageKind;
  content: string;
  replyTo?: string;
  replyId?: string;
  media?: Media;
  location?: Location;
}

function parseMessage(
  value: unknown,
  where: string,
  contacts: readonly Json[],
  business: Business,
  out: Collector,
): InboundMessage | undefined {
  const message = record(value);
  if (message === undefined) {
    out.note('warn', where, 'not an object; skipped');
    return undefined;
  }
  const id = present(message.id);
  if (id === undefined) {
    out.note('warn', where, `has no message id (type ${JSON.stringify(message.type)}); skipped`);
    return undefined;
  }
  const at = `${where} (${id})`;

  const phone = text(message.from) ?? '';
  const fromUserId = present(message.from_user_id);
  const contact = findContact(contacts, phone, fromUserId);
  const profile = record(contact?.profile);
  const sender: Sender = {
    name: text(profile?.name) ?? '',
    phone,
    userId: fromUserId ?? present(contact?.user_id),
    username: present(profile?.username),
  };

  let timestamp = unixSeconds(message.timestamp);
  if (timestamp === undefined) {
    out.note('warn', at, `timestamp ${JSON.stringify(message.timestamp)} is not unix seconds; using 0`);
    timestamp = 0;
  }

  const context = record(message.context);
  const forwarded = context?.forwarded === true || context?.frequently_forwarded === true;
  const type = present(message.type) ?? 'unknown';

  const errors = list(message.errors).map(errorInfo);
  let body: Body;
  if (errors.length > 0) {
    out.note('warn', at, `message of type ${JSON.stringify(type)} came with errors: ${describeErrors(errors)}; delivered as unsupported`);
    body = unsupported(message, type);
  } else {
    body = parseBody(message, type, at, out);
  }

  return {
    content: body.content,
    sender,
    id,
    kind: body.kind,
    timestamp,
    replyTo: body.replyTo ?? present(context?.id),
    replyId: body.replyId,
    forwarded,
    media: body.media,
    location: body.location,
    business,
  };
}

function unsupported(message: Json, type: string): Body {
  const inner = type === 'unsupported' ? present(record(message.unsupported)?.type) : undefined;
  return { kind: 'unsupported', content: `[unsupported message: ${inner ?? type}]` };
}

function parseBody(message: Json, type: string, at: string, out: Collector): Body {
  switch (type) {
    case 'text':
      return { kind: 'text', content: text(record(message.text)?.body) ?? '' };
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker':
      return parseMedia(type, record(message[type]), at, out);
    case 'location':
      return parseLocation(record(message.location), at, out);
    case 'contacts':
      return { kind: 'contacts', content: describeContacts(list(message.contacts)) };
    case 'interactive':
      return parseInteractive(record(message.interactive));
    case 'button': {
      const button = record(message.button);
      return { kind: 'button', content: text(button?.text) ?? '', replyId: present(button?.payload) };
    }
    case 'reaction': {
      // Removing a reaction arrives with the emoji omitted (Meta's reaction webhook
      // reference) or, from some clients, as "": both give content "".
      const reaction = record(message.reaction);
      return { kind: 'reaction', content: text(reaction?.emoji) ?? '', replyTo: present(reaction?.message_id) };
    }
    case 'order':
      return { kind: 'order', content: describeOrder(record(message.order)) };
    case 'system': {
      const system = record(message.system);
      return { kind: 'system', content: present(system?.body) ?? `[system: ${present(system?.type) ?? 'update'}]` };
    }
    default:
      return unsupported(message, type);
  }
}

const MEDIA_PLACEHOLDER: Record<MediaKind, string> = {
  image: '[image]',
  audio: '[audio]',
  video: '[video]',
  document: '[document]',
  sticker: '[sticker]',
};

function parseMedia(kind: MediaKind, media: Json | undefined, at: string, out: Collector): Body {
  const id = present(media?.id);
  const caption = present(media?.caption);
  const filename = present(media?.filename);
  const voice = media?.voice === true;
  let content = caption;
  if (content === undefined) {
    if (kind === 'audio' && voice) content = '[voice message]';
    else if (kind === 'document' && filename !== undefined) content = `[document: ${filename}]`;
    else content = MEDIA_PLACEHOLDER[kind];
  }
  if (id === undefined) {
    out.note('warn', at, `${kind} message has no media id; delivered without media`);
    return { kind, content };
  }
  return {
    kind,
    content,
    media: {
      id,
      mimeType: text(media?.mime_type) ?? '',
      sha256: present(media?.sha256),
      filename,
      caption,
      voice,
      animated: media?.animated === true,
    },
  };
}

/**
 * `[location: <name>, <address> (<lat>, <lng>)]`; a missing name or address is left
 * out with its comma (`[location: <address> (<lat>, <lng>)]`), and a location with
 * neither (a shared current location) is `[location: (<lat>, <lng>)]`. Coordinates
 * are printed as JavaScript prints the numbers Meta sent.
 */
function parseLocation(location: Json | undefined, at: string, out: Collector): Body {
  const latitude = finiteNumber(location?.latitude);
  const longitude = finiteNumber(location?.longitude);
  if (latitude === undefined || longitude === undefined) {
    out.note('warn', at, 'location message without valid latitude/longitude; delivered without location');
    return { kind: 'location', content: '[location]' };
  }
  const name = present(location?.name);
  const address = present(location?.address);
  const label = [name, address].filter((part) => part !== undefined).join(', ');
  const coordinates = `(${latitude}, ${longitude})`;
  return {
    kind: 'location',
    content: `[location: ${label === '' ? coordinates : `${label} ${coordinates}`}]`,
    location: { latitude, longitude, name, address, url: present(location?.url) },
  };
}

/**
 * One `[contact: <name> <phone>]` per shared contact, joined by "\n". All of a
 * contact's phone numbers are listed, separated by ", " (`[contact: Ann +1 555 0100,
 * +1 555 0101]`); the name is `name.formatted_name`, else first and last name.
 * A part that is missing is left out (`[contact: Ann]`, `[contact: +1 555 0100]`,
 * `[contact]`).
 */
function describeContacts(contacts: readonly unknown[]): string {
  if (contacts.length === 0) return '[contact]';
  return contacts
    .map((value) => {
      const contact = record(value);
      const name = record(contact?.name);
      const fullName =
        present(name?.formatted_name) ??
        ([present(name?.first_name), present(name?.last_name)].filter((p) => p !== undefined).join(' ') || undefined);
      const phones = list(contact?.phones)
        .map((p) => present(record(p)?.phone) ?? present(record(p)?.wa_id))
        .filter((p) => p !== undefined);
      const parts = [fullName, phones.length > 0 ? phones.join(', ') : undefined].filter((p) => p !== undefined);
      return parts.length === 0 ? '[contact]' : `[contact: ${parts.join(' ')}]`;
    })
    .join('\n');
}

/**
 * A tapped reply button or list row: content is its title, replyId its id. A Flow
 * answer (`nfm_reply`) is `[flow reply: <response_json>]`; other interactive types
 * are `[interactive: <type>]`.
 */
function parseInteractive(interactive: Json | undefined): Body {
  const type = present(interactive?.type) ?? 'unknown';
  const reply = record(interactive?.[type]);
  if (type === 'button_reply' || type === 'list_reply') {
    return { kind: 'interactive', content: text(reply?.title) ?? '', replyId: present(reply?.id) };
  }
  if (type === 'nfm_reply') {
    const response = present(reply?.response_json) ?? present(reply?.body) ?? '';
    return { kind: 'interactive', content: `[flow reply: ${response}]` };
  }
  return { kind: 'interactive', content: `[interactive: ${type}]` };
}

/** `[order: N items]` (N = product lines, "1 item" for one), then the buyer's note if any. */
function describeOrder(order: Json | undefined): string {
  const lines = list(order?.product_items).length;
  const summary = `[order: ${lines} ${lines === 1 ? 'item' : 'items'}]`;
  const note = present(order?.text);
  return note === undefined ? summary : `${summary} ${note}`;
}

function parseStatus(value: unknown, where: string, business: Business, out: Collector): MessageStatus | undefined {
  const status = record(value);
  if (status === undefined) {
    out.note('warn', where, 'not an object; skipped');
    return undefined;
  }
  const id = present(status.id);
  if (id === undefined) {
    out.note('warn', where, `has no message id (status ${JSON.stringify(status.status)}); skipped`);
    return undefined;
  }
  const kind = STATUS_KINDS.find((k) => k === status.status);
  if (kind === undefined) {
    out.note('warn', `${where} (${id})`, `unknown status ${JSON.stringify(status.status)}; skipped`);
    return undefined;
  }
  let timestamp = unixSeconds(status.timestamp);
  if (timestamp === undefined) {
    out.note('warn', `${where} (${id})`, `timestamp ${JSON.stringify(status.timestamp)} is not unix seconds; using 0`);
    timestamp = 0;
  }
  const errors = list(status.errors).map(errorInfo);
  if (kind === 'failed') {
    out.note('warn', `${where} (${id})`, `message failed: ${errors.length > 0 ? describeErrors(errors) : 'no error given'}`);
  }
  return {
    id,
    recipient: present(status.recipient_id) ?? present(status.recipient_user_id) ?? '',
    status: kind,
    timestamp,
    errors,
    conversationId: present(record(status.conversation)?.id),
    pricingCategory: present(record(status.pricing)?.category),
    callbackData: text(status.biz_opaque_callback_data),
    business,
  };
}
