// The conformance table: every case runs on the Node host and on wasmtime, and both must give
// the same answer (tests/engines/conformance.test.ts). One row per case; what a row needs that
// depends on the engine's own emulator (a stored media id) comes from `Seeded`.
import type { FaultSpec } from '../../src/emulator/types.ts';
import { HANDLER_A, SECRETS } from '../support/harness.ts';

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
const WAMID = 'wamid.HBgLMTU1NTAxMDk5OTkVAgASGBQzQTdGRkU2QjQ5QzE4QjU0MkYwRAA=';
const PNG = [137, 80, 78, 71, 13, 10, 26, 10, ...Array.from({ length: 120 }, (_, i) => (i * 37) % 256)];
/** The bytes seeded for download-media. */
export const SEEDED_PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** Every whatsapp/* and api/* function with arguments that succeed against the emulator. */
const FUNCTIONS: Array<Pick<CallCase, 'fn' | 'args'>> = [
  { fn: 'whatsapp/get-self', args: [] },
  { fn: 'whatsapp/send-text', args: [`+${USER}`, 'Your order has shipped.', WAMID] },
  { fn: 'whatsapp/send-media', args: [USER, 'image', '1013859600285441', 'The best succulent ever?', null, null] },
  { fn: 'whatsapp/send-location', args: [USER, 51.5014, -0.1419, 'Buckingham Palace', 'London SW1A 1AA', null] },
  { fn: 'whatsapp/send-reaction', args: [USER, WAMID, '👍'] },
  { fn: 'whatsapp/send-buttons', args: [USER, 'Change or cancel?', [{ id: 'change', title: 'Change' }, { id: 'cancel', title: 'Cancel' }], null] },
  {
    fn: 'whatsapp/send-list',
    args: [USER, 'How should we ship it?', 'Options', [{ title: '', rows: [{ id: 'express', title: 'Express', description: '1-2 days' }, { id: 'ground', title: 'Ground', description: null }] }], null],
  },
  { fn: 'whatsapp/send-template', args: [USER, 'order_confirmation', 'en_US', [{ name: 'customer_name', value: 'Jessica' }], [{ name: null, value: 'Black Friday' }]] },
  { fn: 'whatsapp/mark-read', args: [WAMID, true] },
  { fn: 'whatsapp/download-media', args: (seeded) => [seeded.mediaId] },
  { fn: 'whatsapp/upload-media', args: [PNG, 'image/png', 'chart.png'] },
  { fn: 'api/get-self', args: [] },
  { fn: 'api/send-message', args: ['Hello from 0.1.0', USER] },
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
  { name: 'whatsapp/send-text: an empty body', fn: 'whatsapp/send-text', args: [USER, '', null] },
  { name: 'whatsapp/send-text: a 10,000-character body, split', fn: 'whatsapp/send-text', args: [USER, 'All work and no play. '.repeat(455), null] },
  { name: 'whatsapp/send-buttons: four buttons', fn: 'whatsapp/send-buttons', args: [USER, 'Pick', [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: `B${i}` })), null] },
  { name: 'whatsapp/send-location: latitude 90.5', fn: 'whatsapp/send-location', args: [USER, 90.5, 0, null, null, null] },
  { name: 'whatsapp/send-reaction: not an emoji', fn: 'whatsapp/send-reaction', args: [USER, WAMID, 'yes'] },
  // asterai's JSON argument rules, before the component is entered.
  { name: 'whatsapp/send-text: two arguments instead of three', fn: 'whatsapp/send-text', args: [USER, 'hi'] },
  { name: 'whatsapp/send-buttons: a button without its title', fn: 'whatsapp/send-buttons', args: [USER, 'Pick', [{ id: 'a' }], null] },
  { name: 'whatsapp/send-media: a kind that is not in the enum', fn: 'whatsapp/send-media', args: [USER, 'gif', '42', null, null, null] },
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

/** A message handed to a handler's incoming-handler/on-message, as asterai:whatsapp dispatches it. */
function message(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    content: 'hello',
    sender: { name: 'Ada', phone: USER, 'user-id': null, username: null },
    id: WAMID,
    kind: 'text',
    timestamp: 1_764_000_000,
    'reply-to': null,
    'reply-id': null,
    forwarded: false,
    media: null,
    location: null,
    business: { 'phone-number-id': SECRETS.phoneNumberId, 'display-phone-number': '15550783881' },
    ...fields,
  };
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
  { name: 'a text whose answer Graph refuses (131047)', message: message({ content: 'still there?' }), faults: [{ match: { bodyPattern: '"to"\\s*:' }, graphError: 131047 }] },
];

export { SECRETS, USER };
