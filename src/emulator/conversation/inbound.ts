// A user writing to the business: from a short InboundSpec to the `messages[]` items of Meta's
// webhook (shapes from Meta's "messages webhook reference": text, image/audio/video/document/
// sticker, location, interactive button_reply/list_reply, reaction, unsupported).
import { createHash } from 'node:crypto';
import { newWamid, waIdOf } from '../graph/ids.ts';
import type { MediaStore } from '../graph/media.ts';
import { isObject, type Json } from '../graph/params.ts';
import type { InboundKind, InboundResult, InboundSpec, TranscriptEntry } from '../types.ts';
import type { WebhookDeliverer } from '../webhooks/delivery.ts';
import { webhookEnvelope, type BusinessIdentity, type ChangeValue, type WebhookContact } from '../webhooks/payloads.ts';
import type { Transcript } from './transcript.ts';

export const DEFAULT_USER = '16505551234';
export const DEFAULT_NAME = 'Sandbox User';

const KINDS: readonly InboundKind[] = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'button-reply', 'list-reply', 'reaction', 'unsupported'];
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

export interface InboundContext {
  transcript: Transcript;
  media: MediaStore;
  businessDigits: string;
  now: Date;
}

export interface BuiltInbound {
  /** entries × changes, ready for webhookEnvelope. */
  layout: ChangeValue[][];
  /** What goes into the transcript, in payload order. */
  entries: Array<Omit<TranscriptEntry, 'revision' | 'direction' | 'status'>>;
}

/** Checks the request body; returns the spec or a complaint. */
export function parseInboundSpec(body: unknown): InboundSpec | string {
  if (!isObject(body)) return 'body must be a JSON object (an InboundSpec)';
  const kind = body['kind'] ?? 'text';
  if (!KINDS.includes(kind as InboundKind)) return `kind must be one of ${KINDS.join(', ')}`;
  for (const key of ['from', 'name', 'userId', 'text', 'replyTo', 'dataBase64', 'mimeType', 'filename', 'locationName', 'address', 'optionId', 'emoji', 'messageId']) {
    if (body[key] !== undefined && typeof body[key] !== 'string') return `${key} must be a string`;
  }
  for (const key of ['latitude', 'longitude', 'optionIndex']) {
    if (body[key] !== undefined && typeof body[key] !== 'number') return `${key} must be a number`;
  }
  if (body['from'] !== undefined && !/^\d{5,15}$/.test(waIdOf(String(body['from'])))) return 'from must be a phone number';
  const batch = body['batch'];
  if (batch !== undefined) {
    const counts = typeof batch === 'number' ? [batch] : isObject(batch) ? [batch['entries'] ?? 1, batch['changes'] ?? 1, batch['messages'] ?? 1] : [NaN];
    if (!counts.every((count) => Number.isInteger(count) && (count as number) >= 1 && (count as number) <= 100)) {
      return 'batch must be a count 1–100 or { entries?, changes?, messages? } with counts 1–100';
    }
  }
  return body as InboundSpec;
}

/**
 * The user writes: the messages join the transcript (the user sent them whatever the webhook
 * does), then go to the webhook in one signed POST. Returns a complaint when the spec cannot be met.
 */
export async function writeAsUser(
  spec: InboundSpec,
  context: InboundContext & { business: BusinessIdentity; deliverer: WebhookDeliverer },
): Promise<InboundResult | string> {
  context.deliverer.assertConfigured();
  const built = buildInbound(spec, context);
  if (typeof built === 'string') return built;
  const payload = webhookEnvelope(context.business, built.layout);
  const entries = built.entries.map((entry) => context.transcript.addInbound(entry));
  const delivery = await context.deliverer.deliver('messages', payload);
  return { messages: entries, delivery };
}

/** Builds the messages (and stores their media); returns a complaint when the spec cannot be met. */
export function buildInbound(spec: InboundSpec, context: InboundContext): BuiltInbound | string {
  const user = waIdOf(spec.from ?? DEFAULT_USER);
  const contact: WebhookContact = { profile: { name: spec.name ?? DEFAULT_NAME }, wa_id: user, ...(spec.userId ? { user_id: spec.userId } : {}) };
  const shape = typeof spec.batch === 'object' ? spec.batch : { messages: spec.batch ?? 1 };
  const [entries, changes, perChange] = [shape.entries ?? 1, shape.changes ?? 1, shape.messages ?? 1];
  const total = entries * changes * perChange;

  const built: BuiltInbound = { layout: [], entries: [] };
  let index = 0;
  for (let e = 0; e < entries; e++) {
    const entryChanges: ChangeValue[] = [];
    for (let c = 0; c < changes; c++) {
      const messages: Array<Record<string, unknown>> = [];
      for (let m = 0; m < perChange; m++) {
        index += 1;
        const message = buildMessage(spec, user, context, total > 1 ? ` (${index}/${total})` : '');
        if (typeof message === 'string') return message;
        messages.push(message.item);
        built.entries.push(message.entry);
      }
      entryChanges.push({ contacts: [contact], messages });
    }
    built.layout.push(entryChanges);
  }
  return built;
}

interface BuiltMessage {
  item: Record<string, unknown>;
  entry: Omit<TranscriptEntry, 'revision' | 'direction' | 'status'>;
}

function buildMessage(spec: InboundSpec, user: string, context: InboundContext, suffix: string): BuiltMessage | string {
  const kind = spec.kind ?? 'text';
  const wamid = newWamid(user, 'incoming');
  const base = { from: user, id: wamid, timestamp: String(Math.floor(context.now.getTime() / 1000)) };
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
