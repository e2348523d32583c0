// The `messages[]` item of each kind a user can send, as Meta's "messages webhook reference"
// shows it (one page per type; welcome: "Conversational components"; referral: the text reference's
// Click to WhatsApp example; flow-reply: Flows, "Receiving Flow response"; edit, revoke: their
// references; system: its reference and "Business-scoped user IDs"), with the transcript line each
// gives. What a user does that is not a message (echo, opt-out, opt-in, event) is inbound.ts's.
import { createHash } from 'node:crypto';
import { newWamid } from '../graph/ids.ts';
import type { MediaStore } from '../graph/media.ts';
import { isObject, type Json } from '../graph/params.ts';
import type { InboundSpec, TranscriptEntry } from '../types.ts';
import type { Transcript } from './transcript.ts';
import { bsuidForPhone, type KnownUser } from './users.ts';

type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker';
const MEDIA_KINDS: ReadonlySet<string> = new Set(['image', 'audio', 'video', 'document', 'sticker']);

/** Small stand-in files for media the test did not provide. */
const SAMPLE_MEDIA: Readonly<Record<MediaKind, { mimeType: string; base64: string; filename?: string }>> = {
  // A 1×1 PNG.
  image: { mimeType: 'image/png', base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
  audio: { mimeType: 'audio/ogg; codecs=opus', base64: Buffer.from('OggS\u0000\u0002sandbox voice note').toString('base64') },
  video: { mimeType: 'video/mp4', base64: Buffer.from('\u0000\u0000\u0000\u0018ftypmp42sandbox video').toString('base64') },
  document: { mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4\n% sandbox document\n%%EOF\n').toString('base64'), filename: 'sandbox.pdf' },
  sticker: { mimeType: 'image/webp', base64: Buffer.from('RIFF\u0018\u0000\u0000\u0000WEBPVP8 sandbox').toString('base64') },
};

export interface MessageContext {
  transcript: Transcript;
  media: MediaStore;
  businessDigits: string;
  now: Date;
}

/** Who writes, and where: the user, the fields that name them in `messages[]`, and the conversation's key in the transcript. */
export interface Sender {
  user: KnownUser;
  fields: Record<string, string>;
  conversation: string;
}

export interface BuiltMessage {
  item: Record<string, unknown>;
  entry: Omit<TranscriptEntry, 'revision' | 'direction' | 'status'>;
}

/** The message of `spec.kind` from `sender`; a complaint when the spec cannot be met (nothing to react to, say). */
export function buildMessage(spec: InboundSpec, sender: Sender, context: MessageContext, suffix: string): BuiltMessage | string {
  const kind = spec.kind ?? 'text';
  const user = sender.conversation;
  const wamid = newWamid(user, 'incoming');
  const base = { ...sender.fields, id: wamid, timestamp: String(Math.floor(context.now.getTime() / 1000)) };
  const replyContext = (id: string | undefined) => (id === undefined ? {} : { context: { from: context.businessDigits, id } });
  const entry = (text: string, replyTo?: string) => ({
    user,
    wamid,
    kind,
    text,
    time: context.now.toISOString(),
    ...(replyTo === undefined ? {} : { replyTo }),
  });

  if (kind === 'text') {
    const body = `${spec.text ?? 'Hello'}${suffix}`;
    return { item: { ...base, ...replyContext(spec.replyTo), type: 'text', text: { body } }, entry: entry(body, spec.replyTo) };
  }
  if (MEDIA_KINDS.has(kind)) {
    const mediaKind = kind as MediaKind;
    const sample = SAMPLE_MEDIA[mediaKind];
    const mimeType = spec.mimeType ?? sample.mimeType;
    const data = new Uint8Array(Buffer.from(spec.dataBase64 ?? sample.base64, 'base64'));
    const filename = spec.filename ?? sample.filename;
    const stored = context.media.add(data, mimeType.split(';')[0]?.trim() ?? mimeType, filename);
    const caption = spec.text === undefined ? undefined : `${spec.text}${suffix}`;
    const media: Record<string, unknown> = {
      ...(caption !== undefined && mediaKind !== 'audio' && mediaKind !== 'sticker' ? { caption } : {}),
      ...(mediaKind === 'document' && filename ? { filename } : {}),
      mime_type: mimeType,
      // Webhooks carry the hash in base64 (the media GET gives hex).
      sha256: createHash('sha256').update(data).digest('base64'),
      id: stored.id,
      ...(mediaKind === 'audio' ? { voice: mimeType.startsWith('audio/ogg') } : {}),
      ...(mediaKind === 'sticker' ? { animated: false } : {}),
    };
    const text = `media id ${stored.id}${filename && mediaKind === 'document' ? `, "${filename}"` : ''}${caption ? `, caption: ${caption}` : ''}`;
    return { item: { ...base, ...replyContext(spec.replyTo), type: mediaKind, [mediaKind]: media }, entry: entry(text, spec.replyTo) };
  }
  if (kind === 'location') {
    const location = {
      latitude: spec.latitude ?? 38.7223,
      longitude: spec.longitude ?? -9.1393,
      ...(spec.locationName === undefined ? {} : { name: spec.locationName }),
      ...(spec.address === undefined ? {} : { address: spec.address }),
    };
    const label = [spec.locationName, spec.address].filter(Boolean).join(', ');
    return {
      item: { ...base, ...replyContext(spec.replyTo), type: 'location', location },
      entry: entry(`${location.latitude}, ${location.longitude}${label ? ` (${label})` : ''}`, spec.replyTo),
    };
  }
  if (kind === 'button-reply' || kind === 'list-reply') {
    const chosen = chooseOption(spec, user, context.transcript, kind === 'button-reply' ? 'button' : 'list');
    if (typeof chosen === 'string') return chosen;
    const replyType = kind === 'button-reply' ? 'button_reply' : 'list_reply';
    const reply = { id: chosen.id, title: chosen.title, ...(chosen.description === undefined ? {} : { description: chosen.description }) };
    return {
      item: { ...base, ...replyContext(chosen.offer), type: 'interactive', interactive: { type: replyType, [replyType]: reply } },
      entry: entry(`${chosen.title} (${chosen.id})`, chosen.offer),
    };
  }
  if (kind === 'reaction') {
    const messageId = spec.messageId ?? context.transcript.lastOutbound(user)?.entry.wamid;
    if (messageId === undefined) return `nothing to react to: the business has sent ${user} nothing yet; pass messageId`;
    const emoji = spec.emoji ?? '👍';
    return {
      item: { ...base, type: 'reaction', reaction: { message_id: messageId, emoji } },
      entry: entry(emoji === '' ? `removed reaction on ${messageId}` : `${emoji} on ${messageId}`, messageId),
    };
  }
  if (kind === 'contacts') {
    // Meta's contacts reference: a card with a name and phones.
    const name = spec.text ?? 'Barbara Johnson';
    const card = { name: { formatted_name: name, first_name: name.split(' ')[0] }, phones: [{ phone: '+1 (940) 555-1234', wa_id: '19405551234', type: 'CELL' }] };
    return { item: { ...base, ...replyContext(spec.replyTo), type: 'contacts', contacts: [card] }, entry: entry(`${name} +1 (940) 555-1234`, spec.replyTo) };
  }
  if (kind === 'welcome') {
    // The WhatsApp client sends it when a user opens a chat with no earlier thread; it has no content.
    return { item: { ...base, type: 'request_welcome' }, entry: entry('opened the chat') };
  }
  if (kind === 'referral') {
    // A text sent from a Click to WhatsApp ad: Meta's example ad.
    const body = `${spec.text ?? 'Can I get more info about this?'}${suffix}`;
    const referral = {
      source_url: 'https://fb.me/3cr4Wqqkv',
      source_id: '120226305854810726',
      source_type: 'ad',
      body: 'Summer Succulents are here!',
      headline: 'Chat with us',
      media_type: 'image',
      image_url: 'https://scontent.xx.fbcdn.net/v/t45.1...',
      ctwa_clid: `Aff-${createHash('sha256').update(wamid).digest('base64url').slice(0, 40)}`,
      welcome_message: { text: 'Hi there! Let us know how we can help!' },
    };
    return { item: { ...base, referral, type: 'text', text: { body } }, entry: entry(`${body} (from the ad "Chat with us")`) };
  }
  if (kind === 'flow-reply') {
    const answers = { flow_token: 'sandbox-flow', answer: spec.text ?? 'Tuesday at 10:00' };
    const replyTo = spec.replyTo ?? context.transcript.lastOutbound(user)?.entry.wamid;
    return {
      item: { ...base, ...replyContext(replyTo), type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify(answers) } } },
      entry: entry(`flow answers ${JSON.stringify(answers)}`, replyTo),
    };
  }
  if (kind === 'order') {
    // Meta's order reference example lines.
    const order = {
      catalog_id: '194836987003835',
      ...(spec.text === undefined ? {} : { text: spec.text }),
      product_items: [
        { product_retailer_id: 'di9ozbzfi4', quantity: 2, item_price: 30, currency: 'USD' },
        { product_retailer_id: 'nqryix03ez', quantity: 1, item_price: 25, currency: 'USD' },
      ],
    };
    return { item: { ...base, type: 'order', order }, entry: entry(`order of 2 products${spec.text ? `: ${spec.text}` : ''}`) };
  }
  if (kind === 'edit' || kind === 'revoke') {
    const original = spec.messageId ?? context.transcript.lastInbound(user)?.wamid;
    if (original === undefined) return `nothing to ${kind === 'edit' ? 'edit' : 'delete'}: ${user} has written nothing yet; pass messageId`;
    if (kind === 'revoke') return { item: { ...base, type: 'revoke', revoke: { original_message_id: original } }, entry: entry(`deleted ${original}`, original) };
    const body = spec.text ?? 'Hello (edited)';
    return { item: { ...base, type: 'edit', edit: { original_message_id: original, message: { type: 'text', text: { body } } } }, entry: entry(`edited ${original}: ${body}`, original) };
  }
  if (kind === 'number-change' || kind === 'user-id-change' || kind === 'identity-change') {
    return systemMessage(kind, spec, sender, base, entry);
  }
  return {
    item: {
      ...base,
      type: 'unsupported',
      errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }],
    },
    entry: entry('unsupported message'),
  };
}

interface ChosenOption {
  id: string;
  title: string;
  description?: string;
  /** The wamid of the message that offered the option. */
  offer?: string;
}

/** The option the user taps: from the last buttons/list the business sent them, or as given. */
function chooseOption(spec: InboundSpec, user: string, transcript: Transcript, offerType: 'button' | 'list'): ChosenOption | string {
  const last = transcript.lastOutbound(user, (body) => body['type'] === 'interactive' && isObject(body['interactive']) && body['interactive']['type'] === offerType);
  const options = last ? optionsOf(last.body, offerType) : [];
  const offer = spec.replyTo ?? last?.entry.wamid;
  const picked = spec.optionId !== undefined ? options.find((option) => option.id === spec.optionId) : options[spec.optionIndex ?? 0];
  if (picked) return { ...picked, ...(offer === undefined ? {} : { offer }) };
  if (spec.optionId !== undefined) return { id: spec.optionId, title: spec.text ?? spec.optionId, ...(offer === undefined ? {} : { offer }) };
  return last
    ? `the last ${offerType} message to ${user} has no option ${spec.optionIndex ?? 0}`
    : `the business has sent ${user} no ${offerType} message to answer; pass optionId (and text for its title)`;
}

function optionsOf(body: Json, offerType: 'button' | 'list'): Array<{ id: string; title: string; description?: string }> {
  const action = isObject(body['interactive']) && isObject(body['interactive']['action']) ? body['interactive']['action'] : {};
  if (offerType === 'button') {
    const buttons = Array.isArray(action['buttons']) ? action['buttons'] : [];
    return buttons.flatMap((button) => (isObject(button) && isObject(button['reply']) ? [{ id: String(button['reply']['id']), title: String(button['reply']['title']) }] : []));
  }
  const sections = Array.isArray(action['sections']) ? action['sections'] : [];
  return sections.flatMap((section) =>
    isObject(section) && Array.isArray(section['rows'])
      ? section['rows'].flatMap((row) =>
          isObject(row)
            ? [{ id: String(row['id']), title: String(row['title']), ...(row['description'] === undefined ? {} : { description: String(row['description']) }) }]
            : [],
        )
      : [],
  );
}

/**
 * A system message (Meta's "System messages webhook reference", which come without contacts[]):
 * user_changed_number with the new number (`text`, default 12195555358) and its new user id,
 * user_changed_user_id with a new user id, customer_identity_changed with an identity hash.
 */
function systemMessage(
  kind: 'number-change' | 'user-id-change' | 'identity-change',
  spec: InboundSpec,
  sender: Sender,
  base: Record<string, unknown>,
  entry: (text: string) => BuiltMessage['entry'],
): BuiltMessage {
  const name = sender.user.name ?? 'Sandbox User';
  if (kind === 'identity-change') {
    const body = `${name}'s security code changed`;
    return { item: { ...base, type: 'system', system: { body, identity: 'DF2lS5v2W6x=', customer: sender.user.phone ?? sender.user.userId, type: 'customer_identity_changed' } }, entry: entry(body) };
  }
  if (kind === 'number-change') {
    const phone = (spec.text ?? '12195555358').replace(/\D/g, '');
    const userId = bsuidForPhone(phone);
    const body = `User ${name} changed from ${sender.user.phone ?? sender.user.userId} to ${phone}`;
    return { item: { ...base, type: 'system', system: { body, wa_id: phone, user_id: userId, type: 'user_changed_number' } }, entry: entry(body) };
  }
  const userId = bsuidForPhone(`${sender.user.userId}:renewed`);
  const body = `User ${name} changed from ${sender.user.userId} to ${userId}`;
  return { item: { ...base, type: 'system', system: { body, user_id: userId, type: 'user_changed_user_id' } }, entry: entry(body) };
}
