// The conformance table: every case runs on the Node host and on wasmtime, and both must give
// the same answer (tests/engines/conformance.test.ts). One row per case; what a row needs that
// depends on the engine's own emulator (a stored media id) comes from `Seeded`.
import type { FaultSpec } from '../../src/emulator/types.ts';
import { HANDLER_A, SECRETS } from '../support/harness.ts';
import { aStoppedDelivery, aStoppedDeliveryNineDaysOld, DEAD_LETTER_IDS, twoDeadLetters } from './inbox-state.ts';
import { messageRecord } from './message-record.ts';

/** Media put into each engine's emulator before the calls (ids differ per emulator). */
export interface Seeded {
  mediaId: string;
}

export interface CallCase {
  name: string;
  fn: string;
  args: unknown[] | ((seeded: Seeded) => unknown[]);
  /** Queued on the engine's emulator just before the call. */
  faults?: FaultSpec[];
}

export interface RunCase {
  name: string;
  /** Env vars on top of a complete setup; `undefined` removes one. */
  env: Record<string, string | undefined>;
  /** Set WHATSAPP_STATE_DIR to a fresh directory, granted to the component (asterai --allow-dir) or not. */
  stateDir?: 'granted' | 'not granted';
}

const USER = '15550109999';
const BSUID = 'US.13491208655302741918';
const WAMID = 'wamid.HBgLMTU1NTAxMDk5OTkVAgASGBQzQTdGRkU2QjQ5QzE4QjU0MkYwRAA=';
const PNG = [137, 80, 78, 71, 13, 10, 26, 10, ...Array.from({ length: 120 }, (_, i) => (i * 37) % 256)];
/** A contact card as the JSON of `types.contact`. */
const CARD = {
  name: { 'formatted-name': 'Ada Lovelace', 'first-name': 'Ada', 'last-name': null, 'middle-name': null, prefix: null, suffix: null },
  phones: [{ phone: '+44 20 7946 0000', 'wa-id': '442079460000', kind: 'CELL' }],
  emails: [],
  addresses: [],
  org: null,
  urls: [],
  birthday: '1815-12-10',
};
const FLOW = { id: '1197715005513101', button: 'Book a table', token: 'booking-42', action: { tag: 'navigate', value: { screen: 'BOOKING', data: '{"party_size": 2}' } }, draft: false };
/** The bytes seeded for download-media. */
export const SEEDED_PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

const NO_OPTIONS = null;
const CONTENT = { header: null, body: 'Change or cancel?', footer: null };

/** Every whatsapp/* and api/* function whose calls run under every fault below, with arguments that succeed against the emulator. */
const FUNCTIONS: Array<Pick<CallCase, 'fn' | 'args'>> = [
  { fn: 'whatsapp/get-self', args: [] },
  { fn: 'whatsapp/send-text', args: [`+${USER}`, 'Your order has shipped.', false, { 'reply-to': WAMID, 'callback-data': 'order-7781' }] },
  { fn: 'whatsapp/send-image', args: [USER, '1013859600285441', 'The best succulent ever?', NO_OPTIONS] },
  { fn: 'whatsapp/send-location', args: [USER, { latitude: 51.5014, longitude: -0.1419, name: 'Buckingham Palace', address: 'London SW1A 1AA' }, NO_OPTIONS] },
  { fn: 'whatsapp/send-reaction', args: [USER, WAMID, '👍', NO_OPTIONS] },
  { fn: 'whatsapp/send-buttons', args: [USER, CONTENT, [{ id: 'change', title: 'Change' }, { id: 'cancel', title: 'Cancel' }], NO_OPTIONS] },
  {
    fn: 'whatsapp/send-list',
    args: [USER, { header: { tag: 'text', value: 'Shipping' }, body: 'How should we ship it?', footer: null }, 'Options', [{ title: '', rows: [{ id: 'express', title: 'Express', description: '1-2 days' }, { id: 'ground', title: 'Ground', description: null }] }], NO_OPTIONS],
  },
  {
    fn: 'whatsapp/send-template',
    args: [USER, 'order_confirmation', 'en_US', { header: { tag: 'text', value: { name: null, value: 'Black Friday', kind: null } }, body: [{ name: null, value: 'Jessica', kind: null }], buttons: [] }, NO_OPTIONS],
  },
  { fn: 'whatsapp/mark-read', args: [WAMID, true] },
  { fn: 'whatsapp/download-media', args: (seeded) => [seeded.mediaId] },
  { fn: 'whatsapp/upload-media', args: [PNG, 'image/png', 'chart.png'] },
  { fn: 'api/get-self', args: [] },
  { fn: 'api/send-message', args: ['Hello from 0.1.0', USER] },
];

/**
 * The other send functions. They reach Graph through the same request, retried and classified
 * the same way as the functions above, so each runs succeeding and under one Graph error.
 */
const MORE_KINDS: Array<Pick<CallCase, 'fn' | 'args'>> = [
  { fn: 'whatsapp/send-video', args: [USER, 'https://example.com/tour.mp4', null, NO_OPTIONS] },
  { fn: 'whatsapp/send-document', args: [USER, 'https://example.com/receipts/4711.pdf', 'Your receipt', 'receipt-4711.pdf', NO_OPTIONS] },
  { fn: 'whatsapp/send-audio', args: [USER, 'https://example.com/tts/answer.ogg', true, { 'reply-to': null, 'callback-data': 'voice-1' }] },
  { fn: 'whatsapp/send-sticker', args: [USER, '1013859600285441', NO_OPTIONS] },
  { fn: 'whatsapp/send-contacts', args: [USER, [CARD], NO_OPTIONS] },
  { fn: 'whatsapp/send-cta-url', args: [USER, { header: { tag: 'image', value: 'https://example.com/banner.png' }, body: 'Your order comes to €12.', footer: 'Secure payment' }, { label: 'Pay now', url: 'https://pay.example.com/o/42' }, NO_OPTIONS] },
  { fn: 'whatsapp/send-location-request', args: [USER, 'Where should we deliver?', NO_OPTIONS] },
  { fn: 'whatsapp/send-contact-info-request', args: [USER, 'Share your number so we can call you back', NO_OPTIONS] },
  { fn: 'whatsapp/send-flow', args: [USER, CONTENT, FLOW, NO_OPTIONS] },
  { fn: 'whatsapp/send-product', args: [USER, '194836987003835', 'espresso-250g', 'Our best seller', null, NO_OPTIONS] },
  { fn: 'whatsapp/send-product-list', args: [USER, '194836987003835', 'Our coffee', 'Pick your beans', 'Roasted this week', [{ title: 'Beans', 'product-ids': ['espresso-250g', 'filter-1kg'] }, { title: 'Gear', 'product-ids': ['grinder-c2'] }], NO_OPTIONS] },
  { fn: 'whatsapp/send-catalog', args: [USER, 'Order your coffee here', null, 'espresso-250g', NO_OPTIONS] },
  { fn: 'whatsapp/send-verification-code', args: [USER, 'verification_code', 'en_US', '482913', NO_OPTIONS] },
];

/** Each answers the call's first Graph request, as Meta or the network would. */
export const FAULTS: Record<string, FaultSpec[]> = {
  'succeeds': [],
  '429 with Retry-After: 1': [{ status: 429, headers: { 'retry-after': '1' }, body: '' }],
  '130429 (throughput)': [{ graphError: 130429 }],
  '500 three times': [{ status: 500, body: '', times: 3 }],
  '131047 (window closed)': [{ graphError: 131047 }],
  '131056 (pair rate)': [{ graphError: 131056 }],
  'Graph never answers': [{ hang: true }],
  'a garbage body': [{ garbage: true }],
  'the connection closed': [{ drop: true }],
  '190 echoing the token': [{ graphError: 190, echoAuthorization: true }],
};

export const CALL_CASES: CallCase[] = [
  ...FUNCTIONS.flatMap(({ fn, args }) => Object.entries(FAULTS).map(([fault, faults]) => ({ name: `${fn}: ${fault}`, fn, args, faults }))),
  ...MORE_KINDS.flatMap(({ fn, args }) =>
    (['succeeds', '131047 (window closed)'] as const).map((fault) => ({ name: `${fn}: ${fault}`, fn, args, faults: FAULTS[fault] })),
  ),
  // A voice note by media id: Graph's type for the media is looked up first (the seeded PDF is refused).
  { name: 'whatsapp/send-audio: a voice note whose media is not audio/ogg', fn: 'whatsapp/send-audio', args: (seeded) => [USER, seeded.mediaId, true, NO_OPTIONS] },
  // Media beyond the faults above.
  {
    name: 'whatsapp/download-media: the first URL has expired (404), a fresh one is asked for once',
    fn: 'whatsapp/download-media',
    args: (seeded) => [seeded.mediaId],
    faults: [{ match: { method: 'GET', pathPattern: '^/whatsapp_business/attachments/' }, status: 404, body: 'URL expired or not found' }],
  },
  {
    name: 'whatsapp/download-media: the bytes do not match the announced sha256',
    fn: 'whatsapp/download-media',
    args: (seeded) => [seeded.mediaId],
    faults: [{ match: { method: 'GET', pathPattern: '^/whatsapp_business/attachments/' }, status: 200, body: 'not the pdf' }],
  },
  { name: 'whatsapp/download-media: an unknown media id', fn: 'whatsapp/download-media', args: ['999999999999999'] },
  { name: 'whatsapp/upload-media: a type Meta does not take', fn: 'whatsapp/upload-media', args: [[1, 2, 3], 'image/gif', null] },
  { name: 'whatsapp/upload-media: a sticker over 500 KiB', fn: 'whatsapp/upload-media', args: [Array.from({ length: 500 * 1024 + 1 }, (_, i) => i % 256), 'image/webp', 'big.webp'] },
  // The component's own rules, before any request.
  { name: 'whatsapp/send-text: an empty body', fn: 'whatsapp/send-text', args: [USER, '', false, null] },
  { name: 'whatsapp/send-text: a 10,000-character body, split', fn: 'whatsapp/send-text', args: [USER, 'All work and no play. '.repeat(455), true, null] },
  { name: 'whatsapp/send-text: callback data of 513 characters', fn: 'whatsapp/send-text', args: [USER, 'hi', false, { 'reply-to': null, 'callback-data': 'c'.repeat(513) }] },
  { name: 'whatsapp/send-buttons: four buttons', fn: 'whatsapp/send-buttons', args: [USER, CONTENT, [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: `B${i}` })), null] },
  { name: 'whatsapp/send-location: latitude 90.5', fn: 'whatsapp/send-location', args: [USER, { latitude: 90.5, longitude: 0, name: null, address: null }, null] },
  { name: 'whatsapp/send-reaction: not an emoji', fn: 'whatsapp/send-reaction', args: [USER, WAMID, 'yes', null] },
  { name: 'whatsapp/send-document: a source that is no media', fn: 'whatsapp/send-document', args: [USER, 'receipt.pdf', null, null, null] },
  { name: 'whatsapp/send-audio: a voice note link that is not .ogg', fn: 'whatsapp/send-audio', args: [USER, 'https://example.com/a.mp3', true, null] },
  { name: 'whatsapp/send-contacts: a birthday that is no date', fn: 'whatsapp/send-contacts', args: [USER, [{ ...CARD, birthday: '1815-02-30' }], null] },
  { name: 'whatsapp/send-cta-url: a label of 21 characters', fn: 'whatsapp/send-cta-url', args: [USER, CONTENT, { label: 'l'.repeat(21), url: 'https://pay.example.com' }, null] },
  { name: 'whatsapp/send-location-request: a body of 1025 characters', fn: 'whatsapp/send-location-request', args: [USER, 'b'.repeat(1025), null] },
  { name: 'whatsapp/send-contact-info-request: an empty body', fn: 'whatsapp/send-contact-info-request', args: [USER, '', null] },
  { name: 'whatsapp/send-flow: a button with an emoji', fn: 'whatsapp/send-flow', args: [USER, CONTENT, { ...FLOW, button: 'Book 📅' }, null] },
  { name: 'whatsapp/send-flow: an image header', fn: 'whatsapp/send-flow', args: [USER, { ...CONTENT, header: { tag: 'image', value: '42' } }, FLOW, null] },
  { name: 'whatsapp/send-product: a catalog name instead of its id', fn: 'whatsapp/send-product', args: [USER, 'Coffee shop', 'espresso-250g', null, null, null] },
  { name: 'whatsapp/send-product-list: 31 products in all', fn: 'whatsapp/send-product-list', args: [USER, '194836987003835', 'Picks', 'Pick', null, [{ title: 'A', 'product-ids': Array.from({ length: 31 }, (_, i) => `p${i}`) }], null] },
  { name: 'whatsapp/send-product-list: an untitled section among two', fn: 'whatsapp/send-product-list', args: [USER, '194836987003835', 'Picks', 'Pick', null, [{ title: 'A', 'product-ids': ['a'] }, { title: '', 'product-ids': ['b'] }], null] },
  { name: 'whatsapp/send-catalog: a footer of 61 characters', fn: 'whatsapp/send-catalog', args: [USER, 'Our catalog', 'f'.repeat(61), null, null] },
  { name: 'whatsapp/send-template: a copy code of 16 characters', fn: 'whatsapp/send-template', args: [USER, 'offer', 'en', { header: null, body: [], buttons: [{ index: 0, value: { tag: 'copy-code', value: 'C'.repeat(16) } }] }, null] },
  { name: 'whatsapp/send-verification-code: a code of 16 characters', fn: 'whatsapp/send-verification-code', args: [USER, 'verification_code', 'en_US', '1234567890123456', null] },
  { name: 'whatsapp/send-text: a malformed user id', fn: 'whatsapp/send-text', args: ['us.1349', 'Hola', false, null] },
  // Recipients Meta knows by user id (Business-scoped user IDs) and groups.
  { name: 'whatsapp/send-text: to a user id', fn: 'whatsapp/send-text', args: [BSUID, 'Hola', false, null] },
  { name: 'whatsapp/send-buttons: to a parent user id', fn: 'whatsapp/send-buttons', args: ['US.ENT.11815799212886844830', CONTENT, [{ id: 'a', title: 'A' }], null] },
  { name: 'whatsapp/send-text: to a group', fn: 'whatsapp/send-text', args: ['Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', 'Hi all', false, null] },
  { name: 'whatsapp/send-verification-code: to a user id, refused before any request', fn: 'whatsapp/send-verification-code', args: [BSUID, 'verification_code', 'en_US', '482913', null] },
  {
    name: 'whatsapp/send-template: an authentication template to a user id (131062)',
    fn: 'whatsapp/send-template',
    args: [BSUID, 'verification_code', 'en_US', { header: null, body: [{ name: null, value: '482913', kind: null }], buttons: [] }, null],
  },
  // asterai's JSON argument rules, before the component is entered.
  { name: 'whatsapp/send-text: three arguments instead of four', fn: 'whatsapp/send-text', args: [USER, 'hi', false] },
  { name: 'whatsapp/send-buttons: a button without its title', fn: 'whatsapp/send-buttons', args: [USER, CONTENT, [{ id: 'a' }], null] },
  { name: 'whatsapp/send-buttons: a header case that is not in the variant', fn: 'whatsapp/send-buttons', args: [USER, { ...CONTENT, header: { tag: 'gif', value: '42' } }, [{ id: 'a', title: 'A' }], null] },
  { name: 'whatsapp/send-flow: options without callback-data', fn: 'whatsapp/send-flow', args: [USER, CONTENT, FLOW, { 'reply-to': null }] },
  { name: 'whatsapp/upload-media: a byte of 256', fn: 'whatsapp/upload-media', args: [[256], 'image/png', null] },
  { name: 'whatsapp/send-fax: a function that does not exist', fn: 'whatsapp/send-fax', args: [] },
];

export const RUN_CASES: RunCase[] = [
  { name: 'a complete setup with existing handlers', env: {} },
  { name: 'a complete setup with a granted state dir', env: {}, stateDir: 'granted' },
  { name: 'send-only: no incoming handlers', env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: undefined } },
  ...['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_WEBHOOK_VERIFY_TOKEN'].map((name) => ({
    name: `${name} missing`,
    env: { [name]: undefined },
  })),
  { name: 'a handler that does not exist', env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: `${HANDLER_A},acme:ghost` } },
  { name: 'a handler that does not implement incoming-handler', env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: `${HANDLER_A},asterai:whatsapp` } },
  { name: 'a state dir that is not granted', env: {}, stateDir: 'not granted' },
  { name: 'an invalid timeout and an invalid Graph URL', env: { WHATSAPP_API_TIMEOUT_MS: 'soon', WHATSAPP_API_BASE_URL: 'graph.facebook.com' } },
];

export interface InboxCase {
  name: string;
  fn: string;
  args: unknown[];
  /**
   * WHATSAPP_STATE_DIR: a fresh directory per engine, granted and filled by `prepare`; 'not
   * granted'; or none.
   */
  stateDir: { prepare?: (dir: string) => Promise<void> } | 'not granted' | 'none';
}

/** Every inbox/* function, each engine with its own state dir holding the same files. */
export const INBOX_CASES: InboxCase[] = [
  { name: 'inbox/list-dead-letters: none', fn: 'inbox/list-dead-letters', args: [], stateDir: {} },
  { name: 'inbox/list-dead-letters: two', fn: 'inbox/list-dead-letters', args: [], stateDir: { prepare: twoDeadLetters } },
  { name: 'inbox/list-dead-letters: no WHATSAPP_STATE_DIR', fn: 'inbox/list-dead-letters', args: [], stateDir: 'none' },
  { name: 'inbox/list-dead-letters: a state dir that is not granted', fn: 'inbox/list-dead-letters', args: [], stateDir: 'not granted' },
  { name: 'inbox/redispatch: one, by its id', fn: 'inbox/redispatch', args: [DEAD_LETTER_IDS[1]], stateDir: { prepare: twoDeadLetters } },
  { name: 'inbox/redispatch: all', fn: 'inbox/redispatch', args: [null], stateDir: { prepare: twoDeadLetters } },
  { name: 'inbox/redispatch: an id no dead letter has', fn: 'inbox/redispatch', args: ['1767605400000-00000000.9.9'], stateDir: { prepare: twoDeadLetters } },
  { name: 'inbox/replay: nothing to replay', fn: 'inbox/replay', args: [], stateDir: {} },
  { name: 'inbox/replay: a delivery whose instance stopped', fn: 'inbox/replay', args: [], stateDir: { prepare: aStoppedDelivery } },
  {
    name: 'inbox/replay: a delivery whose instance stopped 9 days ago (written and synced as dead letters)',
    fn: 'inbox/replay',
    args: [],
    stateDir: { prepare: aStoppedDeliveryNineDaysOld },
  },
  { name: 'inbox/replay: no WHATSAPP_STATE_DIR', fn: 'inbox/replay', args: [], stateDir: 'none' },
];

/** A message handed to a handler's incoming-handler/on-message, as asterai:whatsapp dispatches it. */
function message(fields: Record<string, unknown>): Record<string, unknown> {
  return messageRecord({ id: WAMID, ...fields });
}

export interface HandlerCase {
  name: string;
  message: Record<string, unknown>;
  faults?: FaultSpec[];
}

/** The example agent answering through call-component-function to whatsapp/* (mark-read, then the answer). */
export const HANDLER_CASES: HandlerCase[] = [
  { name: 'a text, echoed', message: message({ content: 'hello there' }) },
  { name: '"menu", answered with buttons', message: message({ content: 'menu' }) },
  { name: 'a tap on "Where are you?", answered with a location', message: message({ kind: 'interactive', content: 'Where are you?', 'reply-id': 'menu:where' }) },
  { name: '"pay", answered with a call-to-action URL', message: message({ content: 'pay' }) },
  { name: '"deliver", answered with a location request', message: message({ content: 'deliver' }) },
  { name: '"/voice", answered with an uploaded voice note', message: message({ content: '/voice' }) },
  {
    name: 'a text whose answer Graph refuses (131047), then the template that reaches the user',
    message: message({ content: 'still there?' }),
    faults: [{ match: { bodyPattern: '"to"\\s*:' }, graphError: 131047 }],
  },
  {
    name: 'a text whose answer and template Graph both refuse',
    message: message({ content: 'still there?' }),
    faults: [{ match: { bodyPattern: '"to"\\s*:' }, graphError: 131047, times: 2 }],
  },
  {
    name: 'a text from a user who shows no phone number, answered at their user id',
    message: message({ content: 'hola', sender: { name: 'Pablo', phone: '', 'user-id': BSUID, username: '@pablo.m', 'parent-user-id': null, address: BSUID }, chat: BSUID }),
  },
];

export { SECRETS, USER };
