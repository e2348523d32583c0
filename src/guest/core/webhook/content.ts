// What a handler that reads only `content` sees, kind by kind, and the fields each
// kind fills. Shapes follow Meta's "messages webhook reference" (one page per
// message type). A rule never throws: what is missing gives a placeholder, and
// `notes` says what was dropped.
import { asFiniteNumber, asInteger, asList, asObject, asString, nonBlank, parseJson, type JsonObject } from '../json.ts';
import type { MediaKind } from '../media/kind.ts';
import { contactCards, describeContacts } from './contact-cards.ts';
import type { InboundMessage, MessageKind } from './events.ts';
import { describeErrors, errorInfo } from './graph-errors.ts';
import type { Item } from './item.ts';
import { userOf } from './users.ts';

/** The fields of a message that depend on its kind. */
export type Body = Pick<InboundMessage, 'kind' | 'content'> &
  Partial<Pick<InboundMessage, 'replyTo' | 'replyId' | 'media' | 'location' | 'contacts' | 'flowReply' | 'order' | 'originalId' | 'changedTo'>>;

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
  // The cards (contact-cards.ts), and one "[contact: <name> <phone>, <phone>...]" per card.
  contacts: (m) => {
    const contacts = contactCards(asList(m.contacts));
    return { kind: 'contacts', content: describeContacts(contacts), contacts };
  },
  // A tapped reply button or list row: its title (replyId: its id). A Flow answer
  // (nfm_reply, Meta's "Receiving Flow response"): kind flow-reply, "[flow reply:
  // <response_json>]". Any other: "[interactive: <type>]".
  interactive: (m) => {
    const interactive = asObject(m.interactive);
    const type = nonBlank(interactive?.type) ?? 'unknown';
    const reply = asObject(interactive?.[type]);
    if (type === 'button_reply' || type === 'list_reply') {
      return { kind: 'interactive', content: asString(reply?.title) ?? '', replyId: nonBlank(reply?.id) };
    }
    if (type === 'nfm_reply') {
      const responseJson = asString(reply?.response_json) ?? '';
      return {
        kind: 'flow-reply',
        content: `[flow reply: ${nonBlank(responseJson) ?? nonBlank(reply?.body) ?? ''}]`,
        flowReply: { name: asString(reply?.name) ?? '', flowToken: nonBlank(asObject(parseJson(responseJson))?.flow_token), responseJson },
      };
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
    const lines = asList(order?.product_items);
    const summary = `[order: ${lines.length} ${lines.length === 1 ? 'item' : 'items'}]`;
    const note = nonBlank(order?.text);
    return {
      kind: 'order',
      content: note === undefined ? summary : `${summary} ${note}`,
      order: {
        catalogId: asString(order?.catalog_id) ?? '',
        items: lines.map((value) => {
          const item = asObject(value);
          const quantity = asInteger(item?.quantity);
          return {
            productId: asString(item?.product_retailer_id) ?? '',
            quantity: quantity !== undefined && quantity >= 0 && quantity <= 0xffffffff ? quantity : 0,
            price: asFiniteNumber(item?.item_price) ?? 0,
            currency: asString(item?.currency) ?? '',
          };
        }),
        note,
      },
    };
  },
  // system.body, else "[system: <type>]". A number, user id or identity change is its own kind
  // (Meta's "System messages webhook reference": user_changed_number, user_changed_user_id;
  // customer_changed_number and customer_identity_changed in earlier versions), with the user's
  // new identifiers in changedTo.
  system: (m) => {
    const system = asObject(m.system);
    const type = nonBlank(system?.type);
    const kind = (type !== undefined && Object.hasOwn(SYSTEM_KINDS, type) ? SYSTEM_KINDS[type] : undefined) ?? 'system';
    const content = nonBlank(system?.body) ?? `[system: ${type ?? 'update'}]`;
    const ids = { phone: nonBlank(system?.wa_id) ?? nonBlank(system?.new_wa_id), userId: nonBlank(system?.user_id), parentUserId: nonBlank(system?.parent_user_id) };
    const changed = kind !== 'identity-change' && Object.values(ids).some((id) => id !== undefined);
    return { kind, content, ...(changed ? { changedTo: userOf(ids, []) } : {}) };
  },
  // Meta's request_welcome: the user opened a chat with the business for the first time
  // ("Conversational components: welcome messages"); it carries nothing else.
  request_welcome: () => ({ kind: 'welcome', content: '[opened the chat for the first time]' }),
  // "[edited] <the new version's content>", with the new version's fields (Meta's "Edit messages
  // webhook reference": edit.original_message_id and edit.message).
  edit: (m, notes) => {
    const edit = asObject(m.edit);
    const inner = asObject(edit?.message) ?? {};
    const type = nonBlank(inner.type) ?? 'unknown';
    // An edit holds a message, never another edit: nesting is refused rather than followed.
    const body = type === 'edit' ? unsupportedBody(inner, type) : messageBody(inner, type, notes);
    return {
      ...body,
      kind: 'edit',
      content: `[edited] ${body.content}`,
      replyTo: body.replyTo ?? nonBlank(asObject(inner.context)?.id),
      originalId: nonBlank(edit?.original_message_id),
    };
  },
  // "[deleted a message]" (Meta's "Revoke messages webhook reference": revoke.original_message_id).
  revoke: (m) => ({ kind: 'revoke', content: '[deleted a message]', originalId: nonBlank(asObject(m.revoke)?.original_message_id) }),
};

const SYSTEM_KINDS: Readonly<Record<string, MessageKind>> = {
  user_changed_number: 'number-change',
  customer_changed_number: 'number-change',
  user_changed_user_id: 'user-id-change',
  customer_identity_changed: 'identity-change',
};

/** The content and fields of a `messages[]` or `message_echoes[]` item; one that came with errors[] is `unsupported`, with a note. */
export function itemBody({ object, notes }: Item): Body {
  const type = nonBlank(object.type) ?? 'unknown';
  const errors = asList(object.errors);
  if (errors.length === 0) return messageBody(object, type, notes);
  notes.warn(`message of type ${JSON.stringify(type)} came with errors: ${describeErrors(errors.map(errorInfo))}; delivered as unsupported`);
  return unsupportedBody(object, type);
}

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
