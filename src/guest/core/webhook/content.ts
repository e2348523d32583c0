// What a handler that reads only `content` sees, kind by kind, and the fields each
// kind fills. Shapes follow Meta's "messages webhook reference" (one page per
// message type). A rule never throws: what is missing gives a placeholder, and
// `notes` says what was dropped.
import type { MediaKind } from '../media/kind.ts';
import { asFiniteNumber, asList, asObject, asString, nonBlank, type JsonObject } from '../json.ts';
import type { InboundMessage } from './events.ts';

export type Body = Pick<InboundMessage, 'kind' | 'content'> & Partial<Pick<InboundMessage, 'replyTo' | 'replyId' | 'media' | 'location'>>;

/** Where a rule says what it dropped. */
export interface Warnings {
  warn(text: string): void;
}

type Rule = (message: JsonObject, notes: Warnings) => Body;

/** The rule for each message `type` Meta sends; any other type is `unsupported`. */
const RULES: Readonly<Record<string, Rule>> = {
  // The body.
  text: (m) => ({ kind: 'text', content: asString(asObject(m.text)?.body) ?? '' }),
  // The caption, else "[image]" / "[video]" / "[sticker]".
  image: (m, notes) => media('image', m, notes, '[image]'),
  video: (m, notes) => media('video', m, notes, '[video]'),
  sticker: (m, notes) => media('sticker', m, notes, '[sticker]'),
  // The caption, else "[voice message]" for a voice note (voice: true), else "[audio]".
  audio: (m, notes) => media('audio', m, notes, asObject(m.audio)?.voice === true ? '[voice message]' : '[audio]'),
  // The caption, else "[document: <filename>]", else "[document]".
  document: (m, notes) => {
    const filename = nonBlank(asObject(m.document)?.filename);
    return media('document', m, notes, filename === undefined ? '[document]' : `[document: ${filename}]`);
  },
  // "[location: <name>, <address> (<lat>, <lng>)]"; a missing name or address is left out
  // with its comma, and a location with neither (a shared current location) is
  // "[location: (<lat>, <lng>)]". Coordinates are printed as JavaScript prints Meta's numbers.
  location: (m, notes) => {
    const location = asObject(m.location);
    const latitude = asFiniteNumber(location?.latitude);
    const longitude = asFiniteNumber(location?.longitude);
    if (latitude === undefined || longitude === undefined) {
      notes.warn('location message without valid latitude/longitude; delivered without location');
      return { kind: 'location', content: '[location]' };
    }
    const name = nonBlank(location?.name);
    const address = nonBlank(location?.address);
    const label = [name, address].filter((part) => part !== undefined).join(', ');
    const coordinates = `(${latitude}, ${longitude})`;
    return {
      kind: 'location',
      content: `[location: ${label === '' ? coordinates : `${label} ${coordinates}`}]`,
      location: { latitude, longitude, name, address, url: nonBlank(location?.url) },
    };
  },
  // One "[contact: <name> <phone>, <phone>...]" per shared contact, joined by "\n"; the
  // name is name.formatted_name, else first and last name; a missing part is left out
  // ("[contact: Ann]", "[contact: +1 555 0100]", "[contact]").
  contacts: (m) => ({ kind: 'contacts', content: describeContacts(asList(m.contacts)) }),
  // A tapped reply button or list row: its title (replyId: its id). A Flow answer
  // (nfm_reply): "[flow reply: <response_json>]". Any other: "[interactive: <type>]".
  interactive: (m) => {
    const interactive = asObject(m.interactive);
    const type = nonBlank(interactive?.type) ?? 'unknown';
    const reply = asObject(interactive?.[type]);
    if (type === 'button_reply' || type === 'list_reply') {
      return { kind: 'interactive', content: asString(reply?.title) ?? '', replyId: nonBlank(reply?.id) };
    }
    if (type === 'nfm_reply') {
      return { kind: 'interactive', content: `[flow reply: ${nonBlank(reply?.response_json) ?? nonBlank(reply?.body) ?? ''}]` };
    }
    return { kind: 'interactive', content: `[interactive: ${type}]` };
  },
  // A template quick-reply button: its text (replyId: its payload).
  button: (m) => {
    const button = asObject(m.button);
    return { kind: 'button', content: asString(button?.text) ?? '', replyId: nonBlank(button?.payload) };
  },
  // The emoji (replyTo: the message reacted to). Removing a reaction arrives with the
  // emoji omitted (Meta's reaction webhook reference) or, from some clients, as "":
  // both give "".
  reaction: (m) => {
    const reaction = asObject(m.reaction);
    return { kind: 'reaction', content: asString(reaction?.emoji) ?? '', replyTo: nonBlank(reaction?.message_id) };
  },
  // "[order: N items]" (N product lines, "1 item" for one), then the buyer's note if any.
  order: (m) => {
    const order = asObject(m.order);
    const lines = asList(order?.product_items).length;
    const summary = `[order: ${lines} ${lines === 1 ? 'item' : 'items'}]`;
    const note = nonBlank(order?.text);
    return { kind: 'order', content: note === undefined ? summary : `${summary} ${note}` };
  },
  // system.body, else "[system: <type>]".
  system: (m) => {
    const system = asObject(m.system);
    return { kind: 'system', content: nonBlank(system?.body) ?? `[system: ${nonBlank(system?.type) ?? 'update'}]` };
  },
};

/** The content and fields of a message of Meta's `type`. */
export function messageBody(message: JsonObject, type: string, notes: Warnings): Body {
  const rule = Object.hasOwn(RULES, type) ? RULES[type] : undefined;
  return rule === undefined ? unsupportedBody(message, type) : rule(message, notes);
}

/**
 * "[unsupported message: <type>]": for Meta's `unsupported` (naming its inner type),
 * any type without a rule, and any message that came with errors[].
 */
export function unsupportedBody(message: JsonObject, type: string): Body {
  const inner = type === 'unsupported' ? nonBlank(asObject(message.unsupported)?.type) : undefined;
  return { kind: 'unsupported', content: `[unsupported message: ${inner ?? type}]` };
}

function media(kind: MediaKind, message: JsonObject, notes: Warnings, placeholder: string): Body {
  const object = asObject(message[kind]);
  const id = nonBlank(object?.id);
  const caption = nonBlank(object?.caption);
  const content = caption ?? placeholder;
  if (id === undefined) {
    notes.warn(`${kind} message has no media id; delivered without media`);
    return { kind, content };
  }
  return {
    kind,
    content,
    media: {
      id,
      mimeType: asString(object?.mime_type) ?? '',
      sha256: nonBlank(object?.sha256),
      filename: nonBlank(object?.filename),
      caption,
      voice: object?.voice === true,
      animated: object?.animated === true,
    },
  };
}

function describeContacts(contacts: readonly unknown[]): string {
  if (contacts.length === 0) return '[contact]';
  return contacts
    .map((value) => {
      const contact = asObject(value);
      const name = asObject(contact?.name);
      const fullName =
        nonBlank(name?.formatted_name) ??
        ([nonBlank(name?.first_name), nonBlank(name?.last_name)].filter((p) => p !== undefined).join(' ') || undefined);
      const phones = asList(contact?.phones)
        .map((p) => nonBlank(asObject(p)?.phone) ?? nonBlank(asObject(p)?.wa_id))
        .filter((p) => p !== undefined);
      const parts = [fullName, phones.length > 0 ? phones.join(', ') : undefined].filter((p) => p !== undefined);
      return parts.length === 0 ? '[contact]' : `[contact: ${parts.join(' ')}]`;
    })
    .join('\n');
}
