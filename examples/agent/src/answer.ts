// What the agent says to a message: plain data in, plain data out, no I/O, so it can be tested
// in Node and replaced by your own logic (a call to a model, a lookup) without touching the rest.
import type { Message } from 'asterai:whatsapp/types@0.3.0';
import type { Button, ListSection } from './whatsapp.ts';

export type Answer =
  | { kind: 'text'; body: string }
  | { kind: 'buttons'; body: string; buttons: Button[] }
  | { kind: 'list'; body: string; buttonLabel: string; sections: ListSection[] }
  | { kind: 'location'; latitude: number; longitude: number; name: string; address: string }
  /** A button that opens a web page (a payment link, here). */
  | { kind: 'cta'; body: string; label: string; url: string }
  /** A "Send location" button; the user's location comes back as a location message. */
  | { kind: 'location-request'; body: string }
  /** The agent's recorded voice answer (assets/voice-answer.ogg), sent as a voice note. */
  | { kind: 'voice' }
  /** Nothing to say (a reaction removed, a system notice); `why` goes to the log. */
  | { kind: 'none'; why: string };

/** The menu's buttons; their ids come back as `reply-id` when tapped. */
export const MENU: readonly Button[] = [
  { id: 'menu:hello', title: 'Say hello' },
  { id: 'menu:where', title: 'Where are you?' },
  { id: 'menu:about', title: 'What are you?' },
];

/** The list's rows; a tapped row comes back like a button: `reply-id` is the row id. */
export const TOPICS: readonly ListSection[] = [
  {
    title: 'Topics',
    rows: [
      { id: 'topic:receiving', title: 'Receiving', description: 'How a message reaches this agent' },
      { id: 'topic:sending', title: 'Sending', description: 'How this agent answers' },
      { id: 'topic:errors', title: 'Errors', description: 'What happens when a send fails' },
    ],
  },
];

const TOPIC_ANSWERS: Readonly<Record<string, string>> = {
  'topic:receiving':
    'Meta POSTs a signed webhook to asterai:whatsapp, which checks the signature, answers 200 and calls incoming-handler/on-message on every handler component.',
  'topic:sending': 'I call whatsapp/send-text (and send-buttons, send-cta-url, send-audio...) on asterai:whatsapp through call-component-function. Try "pay", "deliver" or "/voice".',
  'topic:errors': 'A failed send comes back as {"error": {kind, code, message, retryable, ...}}: window-closed, rate-limited, auth, and so on.',
};

const HEADQUARTERS = { latitude: 38.7223, longitude: -9.1393, name: 'Example Agent HQ', address: 'Praça do Comércio, Lisbon' };

/** What `pay` offers: a link to a payment page, behind a button (example.com: replace with yours). */
export const PAYMENT = { body: 'Your order #42 comes to €12.50.', label: 'Pay now', url: 'https://pay.example.com/orders/42' };

const MEDIA_NAMES: Partial<Record<Message['kind'], string>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'document',
  sticker: 'sticker',
};

/** A welcome offer: a marketing message, which the agent leaves out for a user who stopped them. */
export const WELCOME_OFFER = 'Today only: 10% off your first order with the code WELCOME10.';

/** What the agent knows besides the message. */
export interface Situation {
  /** The user has not stopped marketing messages (a user_preferences "stop"). */
  offers: boolean;
}

export function answerFor(message: Message, situation: Situation = { offers: true }): Answer {
  const name = message.sender.name || message.sender.username || 'there';
  switch (message.kind) {
    case 'text': {
      if (/^\s*(menu|help|\?)\s*$/i.test(message.content)) {
        return { kind: 'buttons', body: `Hi ${name}! What would you like to try?`, buttons: [...MENU] };
      }
      if (/^\s*(list|topics)\s*$/i.test(message.content)) {
        return { kind: 'list', body: 'What would you like to know about?', buttonLabel: 'Topics', sections: [...TOPICS] };
      }
      if (/^\s*pay\s*$/i.test(message.content)) return { kind: 'cta', ...PAYMENT };
      if (/^\s*deliver\s*$/i.test(message.content)) return { kind: 'location-request', body: 'Where should we deliver your order? Tap below to share the place.' };
      if (/^\s*\/voice\s*$/i.test(message.content)) return { kind: 'voice' };
      const ad = message.referral?.headline ? ` (you came from our ad "${message.referral.headline}")` : '';
      return { kind: 'text', body: `You said: ${message.content}${ad}` };
    }
    case 'welcome': {
      // The user opened the chat for the first time (Meta's request_welcome): greet them.
      const offer = situation.offers ? ` ${WELCOME_OFFER}` : '';
      return { kind: 'buttons', body: `Welcome, ${name}! I am the example agent.${offer} What would you like to try?`, buttons: [...MENU] };
    }
    case 'interactive':
    case 'button':
      return answerTap(message, name);
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return { kind: 'text', body: describeMedia(message) };
    case 'location':
      return { kind: 'text', body: describeLocation(message) };
    case 'reaction':
      return message.content === ''
        ? { kind: 'none', why: 'a reaction was removed' }
        : { kind: 'text', body: `Thanks for the ${message.content}` };
    case 'contacts':
      return { kind: 'text', body: `Thanks for the contact${message.contacts.length === 1 ? '' : 's'}: ${message.contacts.map(describeCard).join('; ')}.` };
    case 'order': {
      const items = message.order?.items ?? [];
      const total = items.reduce((sum, item) => sum + item.quantity * item.price, 0);
      const currency = items[0]?.currency ?? '';
      return { kind: 'text', body: `Thanks for your order of ${items.length} ${items.length === 1 ? 'product' : 'products'} (${total} ${currency}). We will confirm it shortly.` };
    }
    case 'flow-reply':
      return { kind: 'text', body: `Thanks, I got your answers${message.flowReply?.flowToken ? ` (${message.flowReply.flowToken})` : ''}.` };
    case 'edit':
    case 'revoke':
      return { kind: 'none', why: `the user ${message.kind === 'edit' ? 'edited' : 'deleted'} a message (${message.originalId ?? 'unknown'})` };
    case 'system':
    case 'number-change':
    case 'user-id-change':
    case 'identity-change':
      return { kind: 'none', why: `a system notice: ${message.content}` };
    case 'unsupported':
      return { kind: 'text', body: `I cannot read that kind of message yet (${message.content}).` };
    default:
      return { kind: 'text', body: `You sent: ${message.content}` };
  }
}

/** A tapped reply button or list row: `reply-id` is its id, `content` its title. */
function answerTap(message: Message, name: string): Answer {
  switch (message.replyId) {
    case 'menu:hello':
      return { kind: 'text', body: `Hello, ${name}! 👋` };
    case 'menu:where':
      return { kind: 'location', ...HEADQUARTERS };
    case 'menu:about':
      return {
        kind: 'text',
        body: 'I am the example agent of asterai:whatsapp: a WebAssembly component that answers through its send interface. Copy me from examples/agent/.',
      };
    default: {
      const topic = message.replyId === undefined ? undefined : TOPIC_ANSWERS[message.replyId];
      return { kind: 'text', body: topic ?? `You tapped "${message.content}" (id ${message.replyId ?? 'none'}).` };
    }
  }
}

function describeCard(card: Message['contacts'][number]): string {
  const phones = card.phones.map((phone) => phone.phone);
  return [card.name.formattedName, ...phones].filter((part) => part !== '').join(' ') || 'a card without a name';
}

function describeMedia(message: Message): string {
  const media = message.media;
  const what = media?.voice ? 'voice message' : (MEDIA_NAMES[message.kind] ?? message.kind);
  const details = [
    media?.mimeType,
    media?.filename ? `"${media.filename}"` : undefined,
    media?.caption ? `caption "${media.caption}"` : undefined,
  ].filter((part) => part !== undefined);
  const id = media ? ` Its media id is ${media.id} (whatsapp/download-media fetches it).` : '';
  return `Got your ${what}${details.length > 0 ? ` (${details.join(', ')})` : ''}.${id}`;
}

function describeLocation(message: Message): string {
  const location = message.location;
  if (!location) return `Got your location: ${message.content}`;
  const place = [location.name, location.address].filter((part) => part).join(', ');
  const at = `${location.latitude}, ${location.longitude}`;
  return `You are at ${place ? `${place} (${at})` : at}: https://maps.google.com/?q=${location.latitude},${location.longitude}`;
}
