// Every send call of the BUILT component, called the way another component
// calls it (asterai's call-component-function, JSON args), against the Graph
// API emulator in its own process: the exact requests, the rules refused
// before any request, Graph's errors, retries, timeouts, token redaction, and
// media upload and download.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import type { FaultSpec, RecordedRequest } from '../../src/emulator/types.ts';
import { SECRETS, TestEnvironment } from '../support/harness.ts';
import { oggOpus } from '../support/ogg-opus.ts';

const USER = '15550109999';
const V = '/v25.0';
const MESSAGES = `${V}/${SECRETS.phoneNumberId}/messages`;
const WAMID = 'wamid.HBgLMTU1NTAxMDk5OTkVAgASGBQzQTdGRkU2QjQ5QzE4QjU0MkYwRAA=';
const TIMEOUT_MS = 800;
/** A contact card as the JSON of `types.contact`. */
const CARD = {
  name: { 'formatted-name': 'Ada Lovelace', 'first-name': 'Ada', 'last-name': 'Lovelace', 'middle-name': null, prefix: null, suffix: null },
  phones: [{ phone: '+44 20 7946 0000', 'wa-id': null, kind: 'CELL' }],
  emails: [],
  addresses: [],
  org: null,
  urls: [],
  birthday: null,
};
/** A published Flow, by id, opened by asking its endpoint. */
const FLOW = { id: '1197715005513101', button: 'Book a table', token: null, action: { tag: 'data-exchange' }, draft: false };

/** An environment of this component alone, sending to the Graph API at `graphUrl`. */
function startWhatsapp(graphUrl: string, env: Record<string, string> = {}): Promise<TestEnvironment> {
  return TestEnvironment.start({ recorders: [], env: { WHATSAPP_API_BASE_URL: graphUrl, WHATSAPP_API_TIMEOUT_MS: String(TIMEOUT_MS), ...env } });
}

/** Another environment of this component, started before the tests of the enclosing describe block and stopped after them. */
function whatsappDuringBlock(env: Record<string, string>): () => TestEnvironment {
  let t: TestEnvironment | undefined;
  beforeAll(async () => {
    t = await startWhatsapp(graph.url, env);
  });
  afterAll(async () => {
    await t?.stop();
  });
  return () => {
    if (!t) throw new Error('the environment of this describe block did not start');
    return t;
  };
}

/** whatsapp/<fn>'s result: the ok value, or `{ error: send-error }`. */
function call(t: TestEnvironment, fn: string, args: unknown[]): unknown {
  return t.result(`whatsapp/${fn}`, args);
}

/** The send-error of a whatsapp/<fn> call that must fail. */
function sendError(t: TestEnvironment, fn: string, args: unknown[]): Record<string, unknown> {
  const result = call(t, fn, args) as { error?: Record<string, unknown> };
  if (result?.error === undefined) throw new Error(`${fn} succeeded: ${JSON.stringify(result)}`);
  return result.error;
}

let graph: RunningEmulator;
let wa: TestEnvironment;

beforeAll(async () => {
  graph = await startEmulator({ accessToken: SECRETS.accessToken, phoneNumberId: SECRETS.phoneNumberId, statusDelayMs: -1 });
  wa = await startWhatsapp(graph.url);
});
afterAll(async () => {
  await wa?.stop();
  await graph?.stop();
});
beforeEach(async () => {
  await graph.clearRequests();
  await graph.clearFaults();
  await graph.clearTranscript();
  wa.logs.length = 0;
});

async function graphRequests(): Promise<RecordedRequest[]> {
  return graph.requests();
}

async function sentBodies(): Promise<unknown[]> {
  return (await graphRequests()).filter((r) => r.method === 'POST' && r.path === MESSAGES).map((r) => r.json);
}

/** The one request a call made: path, bearer token, JSON content type. */
async function onlyMessageRequest(): Promise<unknown> {
  const requests = await graphRequests();
  expect(requests).toHaveLength(1);
  const [request] = requests;
  expect(request?.method).toBe('POST');
  expect(request?.path).toBe(MESSAGES);
  expect(request?.headers.authorization).toBe(`Bearer ${SECRETS.accessToken}`);
  expect(request?.headers['content-type']).toMatch(/^application\/json/);
  return request?.json;
}

const wamid = expect.stringMatching(/^wamid\./);

/** The trailing `options` argument: `null`, or the record with both keys. */
function opts(replyTo: string | null = null, callbackData: string | null = null): Record<string, string | null> | null {
  return replyTo === null && callbackData === null ? null : { 'reply-to': replyTo, 'callback-data': callbackData };
}

/** An interactive message's `content`: a body, with a header and footer or null. */
function content(body: string, header: unknown = null, footer: string | null = null): Record<string, unknown> {
  return { header, body, footer };
}

/** The body of an interactive message to USER, with what the send options add. */
function interactiveTo(interactive: Record<string, unknown>, added: Record<string, unknown> = {}): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to: USER, type: 'interactive', interactive, ...added };
}

/** Puts media straight into the emulator's store (its control API), as if a user had sent it. */
async function seedMedia(data: Uint8Array, mimeType: string, filename?: string): Promise<{ id: string; sha256: string }> {
  const response = await fetch(`${graph.url}/_emulator/media`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mimeType, dataBase64: Buffer.from(data).toString('base64'), ...(filename ? { filename } : {}) }),
  });
  return (await response.json()) as { id: string; sha256: string };
}

async function timed<T>(run: () => T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/** Meta's documented request bodies (tests/fixtures/graph-requests), each with the call that makes it. */
const DOCUMENTED = readdirSync(new URL('../fixtures/graph-requests/', import.meta.url)).map((file) => {
  const fixture = JSON.parse(readFileSync(new URL(`../fixtures/graph-requests/${file}`, import.meta.url), 'utf8')) as {
    source: string;
    call: { fn: string; args: unknown[] };
    body: unknown;
  };
  return { name: file.replace(/\.json$/, ''), ...fixture };
});

describe("Meta's documented request bodies, as the built component sends them", () => {
  it('cover every send function but the media and text ones tested below', () => {
    expect(new Set(DOCUMENTED.map((fixture) => fixture.call.fn))).toEqual(
      new Set([
        'send-text',
        'send-audio',
        'send-contacts',
        'send-buttons',
        'send-cta-url',
        'send-location-request',
        'send-contact-info-request',
        'send-flow',
        'send-product',
        'send-product-list',
        'send-catalog',
        'send-template',
        'send-verification-code',
      ]),
    );
  });

  it.each(DOCUMENTED)('$name', async ({ call: { fn, args }, body }) => {
    expect(call(wa, fn, args)).toEqual(fn === 'send-text' ? [wamid] : wamid);
    expect(await onlyMessageRequest()).toStrictEqual(body);
  });
});

describe('voice notes by media id', () => {
  it('uploads an Ogg Opus recording, then sends it as a voice note once Graph says it is audio/ogg', async () => {
    const id = call(wa, 'upload-media', [Array.from(oggOpus(3)), 'audio/ogg', 'answer.ogg']) as string;
    await graph.clearRequests();
    expect(call(wa, 'send-audio', [USER, id, true, opts(null, 'voice-turn-1')])).toEqual(wamid);
    const requests = await graphRequests();
    expect(requests.map((r) => [r.method, r.path])).toStrictEqual([
      ['GET', `${V}/${id}`],
      ['POST', MESSAGES],
    ]);
    expect(requests[1]?.json).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: USER,
      type: 'audio',
      audio: { id, voice: true },
      biz_opaque_callback_data: 'voice-turn-1',
    });
    const { entries } = await graph.transcript(USER);
    expect(entries.at(-1)).toMatchObject({ kind: 'voice', text: `0:03 (media id ${id})` });
  });

  it('refuses media uploaded as another audio type, after the lookup and before any message', async () => {
    const id = call(wa, 'upload-media', [[0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0], 'audio/mpeg', 'answer.mp3']) as string;
    await graph.clearRequests();
    const error = sendError(wa, 'send-audio', [USER, id, true, null]);
    expect(error).toMatchObject({ kind: 'invalid-request', code: 0, 'http-status': 0 });
    expect(error.message).toBe(`voice note media ${id} is "audio/mpeg": a voice note must be OGG with the Opus codec (upload it as audio/ogg)`);
    expect((await graphRequests()).map((r) => r.method)).toStrictEqual(['GET']);
  });
});

describe('the exact requests', () => {
  it('send-image: by media id with a caption', async () => {
    expect(call(wa, 'send-image', ['+1 (555) 010-9999', '1013859600285441', 'The best succulent ever?', null])).toEqual(wamid);
    expect(await onlyMessageRequest()).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: USER,
      type: 'image',
      image: { id: '1013859600285441', caption: 'The best succulent ever?' },
    });
  });

  it('send-document: by https link, with caption and filename, quoting a message', async () => {
    call(wa, 'send-document', [USER, 'https://example.com/receipts/4711.pdf', 'Your receipt', 'receipt-4711.pdf', opts(WAMID)]);
    expect(await onlyMessageRequest()).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: USER,
      type: 'document',
      document: { link: 'https://example.com/receipts/4711.pdf', caption: 'Your receipt', filename: 'receipt-4711.pdf' },
      context: { message_id: WAMID },
    });
  });

  it.each([
    ['send-audio', [USER, '42', false, null], 'audio'],
    ['send-sticker', [USER, '42', null], 'sticker'],
    ['send-video', [USER, '42', null, null], 'video'],
  ] as const)('%s: by media id, without caption', async (fn, args, kind) => {
    call(wa, fn, [...args]);
    expect(await onlyMessageRequest()).toStrictEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: USER, type: kind, [kind]: { id: '42' } });
  });

  it('send-video: a caption of exactly 1024 characters stays a caption', async () => {
    const caption = 'c'.repeat(1024);
    call(wa, 'send-video', [USER, '42', caption, null]);
    expect(await onlyMessageRequest()).toMatchObject({ video: { id: '42', caption } });
  });

  it('send-image: a 1025-character caption follows the media as a text message; the result is the media\'s wamid', async () => {
    const caption = 'c'.repeat(1025);
    const id = call(wa, 'send-image', [USER, '42', caption, opts(WAMID)]);
    const bodies = await sentBodies();
    expect(bodies).toStrictEqual([
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: USER, type: 'image', image: { id: '42' }, context: { message_id: WAMID } },
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: USER, type: 'text', text: { body: caption } },
    ]);
    const { entries } = await graph.transcript(USER);
    const media = entries.find((e) => e.kind === 'image');
    expect(id).toBe(media?.wamid);
  });

  it('send-location: with name and address, at the edges of the globe', async () => {
    call(wa, 'send-location', [USER, { latitude: 90, longitude: -180, name: 'North Pole', address: 'Arctic Ocean' }, null]);
    expect(await onlyMessageRequest()).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: USER,
      type: 'location',
      location: { latitude: 90, longitude: -180, name: 'North Pole', address: 'Arctic Ocean' },
    });
  });

  it('send-reaction: an emoji, and "" to remove it', async () => {
    expect(call(wa, 'send-reaction', [USER, WAMID, '👍', null])).toEqual(wamid);
    expect(call(wa, 'send-reaction', [USER, WAMID, '', null])).toEqual(wamid);
    expect((await sentBodies()).map((b) => (b as { reaction: unknown }).reaction)).toStrictEqual([
      { message_id: WAMID, emoji: '👍' },
      { message_id: WAMID, emoji: '' },
    ]);
  });

  it('send-buttons: three buttons, body and titles at their limits', async () => {
    const body = 'b'.repeat(1024);
    const buttons = [
      { id: 'change', title: 't'.repeat(20) },
      { id: 'i'.repeat(256), title: 'Cancel' },
      { id: 'keep', title: '😀'.repeat(20) },
    ];
    expect(call(wa, 'send-buttons', [USER, content(body), buttons, opts(WAMID)])).toEqual(wamid);
    expect(await onlyMessageRequest()).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: USER,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: body },
        action: { buttons: buttons.map((reply) => ({ type: 'reply', reply })) },
      },
      context: { message_id: WAMID },
    });
  });

  it('send-list: two sections, ten rows in all', async () => {
    const rows = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, title: `${prefix} ${i}`, description: i === 0 ? 'd'.repeat(72) : null }));
    const sections = [
      { title: 'Shipping', rows: rows('ship', 6) },
      { title: 's'.repeat(24), rows: rows('pick', 4) },
    ];
    expect(call(wa, 'send-list', [USER, content('How should we deliver?'), 'l'.repeat(20), sections, null])).toEqual(wamid);
    const sentRows = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, title: `${prefix} ${i}`, ...(i === 0 ? { description: 'd'.repeat(72) } : {}) }));
    expect(await onlyMessageRequest()).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: USER,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'How should we deliver?' },
        action: {
          button: 'l'.repeat(20),
          sections: [
            { title: 'Shipping', rows: sentRows('ship', 6) },
            { title: 's'.repeat(24), rows: sentRows('pick', 4) },
          ],
        },
      },
    });
  });

  it('send-list: one untitled section', async () => {
    call(wa, 'send-list', [USER, content('Pick one'), 'Open', [{ title: '', rows: [{ id: 'a', title: 'A', description: null }] }], null]);
    expect(await onlyMessageRequest()).toMatchObject({ interactive: { action: { button: 'Open', sections: [{ rows: [{ id: 'a', title: 'A' }] }] } } });
  });

  it('send-product: no body or footer, quoting a message', async () => {
    expect(call(wa, 'send-product', [USER, '194836987003835', 'espresso-250g', null, null, opts(WAMID)])).toEqual(wamid);
    expect(await onlyMessageRequest()).toStrictEqual(
      interactiveTo({ type: 'product', action: { catalog_id: '194836987003835', product_retailer_id: 'espresso-250g' } }, { context: { message_id: WAMID } }),
    );
  });

  it('send-product-list: ten sections, thirty products in all, texts at their limits', async () => {
    const sections = Array.from({ length: 10 }, (_, s) => ({ title: `${s}`.padEnd(24, 't'), 'product-ids': [0, 1, 2].map((p) => `sku-${s}-${p}`) }));
    const [header, body, footer] = ['h'.repeat(60), 'b'.repeat(1024), 'f'.repeat(60)];
    expect(call(wa, 'send-product-list', [USER, '194836987003835', header, body, footer, sections, opts(null, 'picks-1')])).toEqual(wamid);
    const productItems = (ids: string[]) => ids.map((id) => ({ product_retailer_id: id }));
    expect(await onlyMessageRequest()).toStrictEqual(
      interactiveTo(
        {
          type: 'product_list',
          header: { type: 'text', text: header },
          body: { text: body },
          footer: { text: footer },
          action: { catalog_id: '194836987003835', sections: sections.map((section) => ({ title: section.title, product_items: productItems(section['product-ids']) })) },
        },
        { biz_opaque_callback_data: 'picks-1' },
      ),
    );
    const { entries } = await graph.transcript(USER);
    expect(entries.at(-1)).toMatchObject({ kind: 'product-list', text: expect.stringContaining('0ttttttttttttttttttttttt: sku-0-0, sku-0-1, sku-0-2 | ') });
  });

  it('send-catalog: without a thumbnail, the parameters are left out', async () => {
    expect(call(wa, 'send-catalog', [USER, 'Order your coffee here', null, null, null])).toEqual(wamid);
    expect(await onlyMessageRequest()).toStrictEqual(
      interactiveTo({ type: 'catalog_message', body: { text: 'Order your coffee here' }, action: { name: 'catalog_message' } }),
    );
  });

  it('send-template: named parameters in header and body', async () => {
    call(wa, 'send-template', [
      USER,
      'order_confirmation',
      'en_US',
      {
        header: { tag: 'text', value: { name: 'sale_name', value: 'Black Friday', kind: null } },
        body: [
          { name: 'customer_name', value: 'Jessica', kind: null },
          { name: 'order_number', value: 'SKBUP2-4CPIG9', kind: null },
        ],
        buttons: [],
      },
      null,
    ]);
    expect(await onlyMessageRequest()).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: USER,
      type: 'template',
      template: {
        name: 'order_confirmation',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'sale_name', text: 'Black Friday' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'customer_name', text: 'Jessica' },
              { type: 'text', parameter_name: 'order_number', text: 'SKBUP2-4CPIG9' },
            ],
          },
        ],
      },
    });
  });

  it('send-template: positional parameters, and none at all', async () => {
    call(wa, 'send-template', [USER, 'order_shipped', 'pt_BR', { header: null, body: [{ name: null, value: 'Ada', kind: null }, { name: null, value: '#1234', kind: null }], buttons: [] }, null]);
    call(wa, 'send-template', [USER, 'hello_world', 'en_US', null, null]);
    expect((await sentBodies()).map((b) => (b as { template: unknown }).template)).toStrictEqual([
      { name: 'order_shipped', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'text', text: '#1234' }] }] },
      { name: 'hello_world', language: { code: 'en_US' } },
    ]);
  });

  it('mark-read: read, then read with the typing indicator', async () => {
    expect(call(wa, 'mark-read', [WAMID, false])).toBeNull();
    expect(call(wa, 'mark-read', [WAMID, true])).toBeNull();
    expect(await sentBodies()).toStrictEqual([
      { messaging_product: 'whatsapp', status: 'read', message_id: WAMID },
      { messaging_product: 'whatsapp', status: 'read', message_id: WAMID, typing_indicator: { type: 'text' } },
    ]);
  });
});

describe('media upload and download', () => {
  const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

  it('upload-media posts multipart/form-data with messaging_product, type and file, and returns the media id', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
    const id = call(wa, 'upload-media', [Array.from(bytes), 'image/png', 'chart.png']);
    expect(id).toMatch(/^\d+$/);
    const [request] = await graphRequests();
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`${V}/${SECRETS.phoneNumberId}/media`);
    expect(request?.headers.authorization).toBe(`Bearer ${SECRETS.accessToken}`);
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.multipart).toStrictEqual({
      fields: { messaging_product: 'whatsapp', type: 'image/png' },
      files: [{ name: 'file', filename: 'chart.png', contentType: 'image/png', size: 4096, sha256: createHash('sha256').update(bytes).digest('hex') }],
    });
  });

  it('uploads, then downloads the same bytes in two steps with the same token', async () => {
    const id = call(wa, 'upload-media', [Array.from(PDF), 'application/pdf', null]);
    await graph.clearRequests();
    const file = call(wa, 'download-media', [id]) as { 'mime-type': string; sha256: string | null; data: number[] };
    expect(file).toStrictEqual({ 'mime-type': 'application/pdf', sha256: createHash('sha256').update(PDF).digest('hex'), data: Array.from(PDF) });
    const requests = await graphRequests();
    expect(requests.map((r) => [r.method, r.path.replace(/\?.*/, '')])).toStrictEqual([
      ['GET', `${V}/${id}`],
      ['GET', '/whatsapp_business/attachments/'],
    ]);
    for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${SECRETS.accessToken}`);
  });

  it('asks for a fresh URL once when the first one has expired', async () => {
    const { id } = await seedMedia(PDF, 'application/pdf', 'terms.pdf');
    await graph.addFaults({ match: { method: 'GET', pathPattern: '^/whatsapp_business/attachments/' }, status: 404, body: 'URL expired or not found' });
    const file = call(wa, 'download-media', [id]) as { data: number[] };
    expect(file.data).toStrictEqual(Array.from(PDF));
    const requests = await graphRequests();
    expect(requests.map((r) => r.path.replace(/\?.*/, ''))).toStrictEqual([`${V}/${id}`, '/whatsapp_business/attachments/', `${V}/${id}`, '/whatsapp_business/attachments/']);
    expect(requests[1]?.path).not.toBe(requests[3]?.path);
  });

  it('fails with a media error when the bytes do not match the sha256', async () => {
    const { id, sha256 } = await seedMedia(PDF, 'application/pdf');
    await graph.addFaults({ match: { method: 'GET', pathPattern: '^/whatsapp_business/attachments/' }, status: 200, body: 'not the pdf' });
    const error = sendError(wa, 'download-media', [id]);
    expect(error).toMatchObject({ kind: 'media', code: 0, retryable: true, 'http-status': 0 });
    expect(error.message).toContain(`not the ${sha256} Graph announced`);
  });

  it('is a Graph error for an unknown media id', async () => {
    expect(sendError(wa, 'download-media', ['999999999999999'])).toMatchObject({ kind: 'invalid-request', code: 100, 'http-status': 400 });
  });
});

describe('each rule is refused without a request', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each([
    ['send-image', ['', '42', null, null], 'recipient "" is empty'],
    ['send-image', [USER, 'http://example.com/a.png', null, null], 'is neither a media id'],
    ['send-document', [USER, 'photo.png', null, null, null], 'is neither a media id'],
    ['send-text', [USER, 'hi', false, opts(null, long(513))], 'callback data "xxxx'],
    ['send-audio', [USER, 'https://example.com/answer.mp3', true, null], 'does not name an .ogg or .opus file: a voice note must be OGG with the Opus codec'],
    ['send-location', [USER, { latitude: 90.5, longitude: 0, name: null, address: null }, null], 'latitude 90.5 is out of range'],
    ['send-location', [USER, { latitude: 0, longitude: -180.5, name: null, address: null }, null], 'longitude -180.5 is out of range'],
    ['send-reaction', [USER, '12345', '👍', null], 'reaction target "12345" is not a WhatsApp message id'],
    ['send-reaction', [USER, WAMID, 'yes', null], 'reaction emoji "yes" is not an emoji'],
    ['send-reaction', [USER, WAMID, '👍', opts(WAMID)], 'a reaction quotes no message'],
    ['send-contacts', [USER, [], null], '0 contact cards: Meta allows 1 to 257'],
    ['send-contacts', [USER, Array.from({ length: 258 }, () => CARD), null], '258 contact cards: Meta allows 1 to 257'],
    ['send-contacts', [USER, [{ ...CARD, name: { ...CARD.name, 'formatted-name': ' ' } }], null], 'contact 1 formatted-name is empty'],
    ['send-contacts', [USER, [{ ...CARD, birthday: '12/10/1815' }], null], 'contact 1 birthday "12/10/1815" is not a date written YYYY-MM-DD'],
    ['send-buttons', [USER, content('Pick'), [], null], '0 buttons: Meta allows 1 to 3'],
    ['send-buttons', [USER, content('Pick'), [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: `B${i}` })), null], '4 buttons: Meta allows 1 to 3'],
    ['send-buttons', [USER, content(long(1025)), [{ id: 'a', title: 'A' }], null], 'is 1025 characters: Meta allows 1 to 1024'],
    ['send-buttons', [USER, content('Pick'), [{ id: 'a', title: long(21) }], null], 'button 1 title "xxxxxxxxxxxxxxxxxxxxx" is 21 characters: Meta allows 1 to 20'],
    ['send-buttons', [USER, content('Pick'), [{ id: long(257), title: 'A' }], null], 'is 257 characters: Meta allows 1 to 256'],
    ['send-buttons', [USER, content('Pick'), [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }], null], 'button 2 id "a" is used twice'],
    ['send-buttons', [USER, content(''), [{ id: 'a', title: 'A' }], null], 'interactive message body is empty'],
    ['send-buttons', [USER, content('Pick', { tag: 'text', value: long(61) }), [{ id: 'a', title: 'A' }], null], 'interactive message header "xxxx'],
    ['send-buttons', [USER, content('Pick', null, long(61)), [{ id: 'a', title: 'A' }], null], 'interactive message footer "xxxx'],
    ['send-list', [USER, content('Pick'), long(21), [{ title: '', rows: [{ id: 'a', title: 'A', description: null }] }], null], 'list button label "xxxxxxxxxxxxxxxxxxxxx" is 21 characters'],
    ['send-list', [USER, content('Pick'), 'Open', Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: [{ id: `r${i}`, title: 'R', description: null }] })), null], '11 list sections: Meta allows 1 to 10'],
    ['send-list', [USER, content('Pick'), 'Open', [{ title: '', rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: 'R', description: null })) }], null], '11 list rows in all'],
    ['send-list', [USER, content('Pick'), 'Open', [{ title: '', rows: [{ id: long(201), title: 'A', description: null }] }], null], 'is 201 characters: Meta allows 1 to 200'],
    ['send-list', [USER, content('Pick'), 'Open', [{ title: '', rows: [{ id: 'a', title: long(25), description: null }] }], null], 'is 25 characters: Meta allows 1 to 24'],
    ['send-list', [USER, content('Pick'), 'Open', [{ title: '', rows: [{ id: 'a', title: 'A', description: long(73) }] }], null], 'is 73 characters: Meta allows at most 72'],
    ['send-list', [USER, content('Pick', { tag: 'image', value: '42' }), 'Open', [{ title: '', rows: [{ id: 'a', title: 'A', description: null }] }], null], 'a image header is not allowed on list messages'],
    ['send-cta-url', [USER, content('Pay'), { label: long(21), url: 'https://pay.example.com' }, null], 'call-to-action button label "xxxx'],
    ['send-cta-url', [USER, content('Pay'), { label: 'Pay now', url: 'pay.example.com' }, null], 'call-to-action button url "pay.example.com" is not a web address'],
    ['send-location-request', [USER, long(1025), null], 'is 1025 characters: Meta allows 1 to 1024'],
    ['send-contact-info-request', [USER, ' ', null], 'interactive message body is empty'],
    ['send-flow', [USER, content('Book?'), { ...FLOW, button: long(21) }, null], 'flow button "xxxx'],
    ['send-flow', [USER, content('Book?'), { ...FLOW, button: 'Book 📅' }, null], 'has an emoji: Meta allows none in a Flow\'s button'],
    ['send-flow', [USER, content('Book?'), { ...FLOW, action: { tag: 'navigate', value: { screen: 'S', data: '{}' } } }, null], 'flow screen data is an empty JSON object'],
    ['send-flow', [USER, content('Book?', { tag: 'video', value: '42' }), FLOW, null], 'a video header is not allowed on Flow messages'],
    ['send-product', [USER, 'Coffee shop', 'espresso-250g', null, null, null], 'catalog id "Coffee shop" is not a catalog id'],
    ['send-product', [USER, '194836987003835', '', 'Our best seller', null, null], 'product id is empty'],
    ['send-product', [USER, '194836987003835', 'espresso-250g', long(1025), null, null], 'is 1025 characters: Meta allows 1 to 1024'],
    ['send-product-list', [USER, '194836987003835', 'Picks', 'Pick', null, Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, 'product-ids': [`p${i}`] })), null], '11 product sections: Meta allows 1 to 10'],
    ['send-product-list', [USER, '194836987003835', 'Picks', 'Pick', null, [{ title: 'A', 'product-ids': Array.from({ length: 31 }, (_, i) => `p${i}`) }], null], '31 products in all: Meta allows at most 30'],
    ['send-product-list', [USER, '194836987003835', 'Picks', 'Pick', null, [{ title: 'A', 'product-ids': ['a'] }, { title: '', 'product-ids': ['b'] }], null], 'product section 2 has no title'],
    ['send-product-list', [USER, '194836987003835', 'Picks', 'Pick', null, [{ title: long(25), 'product-ids': ['a'] }], null], 'product section 1 title "xxxx'],
    ['send-product-list', [USER, '194836987003835', 'Picks', 'Pick', null, [{ title: '', 'product-ids': [] }], null], 'product section 1 has no products'],
    ['send-product-list', [USER, '194836987003835', '', 'Pick', null, [{ title: '', 'product-ids': ['a'] }], null], 'interactive message header is empty'],
    ['send-product-list', [USER, '194836987003835', long(61), 'Pick', null, [{ title: '', 'product-ids': ['a'] }], null], 'interactive message header "xxxx'],
    ['send-catalog', [USER, '', null, null, null], 'interactive message body is empty'],
    ['send-catalog', [USER, 'Our catalog', long(61), 'espresso-250g', null], 'interactive message footer "xxxx'],
    ['send-template', [USER, 'x', 'en', { header: null, body: [{ name: 'first_name', value: 'Ada', kind: null }, { name: null, value: '2', kind: null }], buttons: [] }, null], 'mix named (1) and positional (1)'],
    ['send-template', [USER, 'x', 'en', { header: null, body: [{ name: 'First-Name', value: 'Ada', kind: null }], buttons: [] }, null], 'name "First-Name" is not a parameter name'],
    ['send-template', [USER, 'x', 'en', { header: { tag: 'text', value: { name: null, value: long(61), kind: null } }, body: [], buttons: [] }, null], 'template header parameter value "xxxx'],
    ['send-template', [USER, 'x', 'en', { header: null, body: [{ name: null, value: long(32769), kind: null }], buttons: [] }, null], 'is 32769 characters: Meta allows 1 to 32768'],
    ['send-template', [USER, 'x', 'en', { header: null, body: [{ name: null, value: '$1', kind: { tag: 'currency', value: { code: 'dollars', amount: 1 } } }], buttons: [] }, null], 'currency "dollars" is not an ISO 4217 code'],
    ['send-template', [USER, 'x', 'en', { header: { tag: 'location', value: { latitude: 1, longitude: 2, name: null, address: null } }, body: [], buttons: [] }, null], 'template header location has no name or address'],
    ['send-template', [USER, 'x', 'en', { header: null, body: [], buttons: [{ index: 10, value: { tag: 'url', value: 'a' } }] }, null], 'index 10 is out of range'],
    ['send-template', [USER, 'x', 'en', { header: null, body: [], buttons: [{ index: 0, value: { tag: 'copy-code', value: long(16) } }] }, null], 'is 16 characters: Meta allows 1 to 15'],
    ['send-template', [USER, 'x', 'en', { header: null, body: [], buttons: [{ index: 0, value: { tag: 'flow', value: { token: null, data: '[]' } } }] }, null], 'flow data "[]" is not a JSON object'],
    ['send-verification-code', [USER, 'verification_code', 'en_US', long(16), null], 'verification code "xxxxxxxxxxxxxxxx" is 16 characters: Meta allows 1 to 15'],
    ['mark-read', ['not-a-wamid', true], 'message id "not-a-wamid" is not a WhatsApp message id'],
    ['upload-media', [[1, 2, 3], 'image/gif', null], 'media type "image/gif" is not one Meta supports'],
    ['upload-media', [[], 'image/png', null], 'media data is empty'],
    ['download-media', ['../etc/passwd'], 'is not a media id'],
  ])('%s %#: %s', async (fn, args, message) => {
    const error = sendError(wa, fn, args);
    expect(error).toMatchObject({ kind: 'invalid-request', code: 0, retryable: false, 'http-status': 0, 'trace-id': null });
    expect(error.message).toContain(message);
    expect(await graphRequests()).toStrictEqual([]);
  });

  it('refuses a sticker over 500 KiB before uploading it', async () => {
    const error = sendError(wa, 'upload-media', [Array.from(new Uint8Array(500 * 1024 + 1)), 'image/webp', 'big.webp']);
    expect(error.message).toContain(`sticker of ${500 * 1024 + 1} bytes is over Meta's 500 KiB limit`);
    expect(await graphRequests()).toStrictEqual([]);
  });
});

describe("Graph's errors, typed", () => {
  it.each([
    ['send-buttons', [USER, content('Pick'), [{ id: 'a', title: 'A' }], null], 131047, 'window-closed', 400],
    ['send-template', [USER, 'order_shipped', 'en_US', null, null], 132001, 'template', 404],
    ['send-verification-code', [USER, 'verification_code', 'en_US', '482913', null], 132001, 'template', 404],
    ['send-image', [USER, 'https://example.com/missing.png', null, null], 131053, 'media', 400],
    ['send-location', [USER, { latitude: 1, longitude: 2, name: null, address: null }, null], 131026, 'recipient', 400],
    ['send-cta-url', [USER, content('Pay'), { label: 'Pay now', url: 'https://pay.example.com' }, null], 131047, 'window-closed', 400],
    ['send-flow', [USER, content('Book?'), FLOW, null], 131009, 'invalid-request', 400],
    ['send-product', [USER, '194836987003835', 'espresso-250g', null, null, null], 131009, 'invalid-request', 400],
    ['send-product-list', [USER, '194836987003835', 'Picks', 'Pick', null, [{ title: '', 'product-ids': ['a'] }], null], 131047, 'window-closed', 400],
    ['send-catalog', [USER, 'Our catalog', null, null, null], 131026, 'recipient', 400],
    ['send-contacts', [USER, [CARD], null], 131026, 'recipient', 400],
    ['mark-read', [WAMID, true], 131009, 'invalid-request', 400],
    ['upload-media', [[1, 2, 3], 'image/png', null], 368, 'auth', 403],
  ] as const)('%s: Graph error %i is %s', async (fn, args, code, kind, status) => {
    await graph.addFaults({ match: { method: 'POST' }, graphError: code });
    const error = sendError(wa, fn, [...args]);
    expect(error).toMatchObject({ kind, code, retryable: false, 'http-status': status, 'trace-id': expect.any(String) });
    expect(await graphRequests()).toHaveLength(1);
  });
});

describe('retries inside the call', () => {
  const POST_MESSAGES: FaultSpec['match'] = { method: 'POST', pathPattern: '/messages$' };

  it('a 429 with Retry-After: 1 is tried again after a second', async () => {
    await graph.addFaults({ match: POST_MESSAGES, status: 429, headers: { 'retry-after': '1' }, body: '' });
    const { value, ms } = await timed(() => call(wa, 'send-reaction', [USER, WAMID, '🎉', null]));
    expect(value).toEqual(wamid);
    const requests = await graphRequests();
    expect(requests).toHaveLength(2);
    expect(Date.parse(requests[1]!.time) - Date.parse(requests[0]!.time)).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(3000);
  });

  it('130429 then success', async () => {
    await graph.addFaults({ match: POST_MESSAGES, graphError: 130429 });
    expect(call(wa, 'send-buttons', [USER, content('Pick'), [{ id: 'a', title: 'A' }], null])).toEqual(wamid);
    expect(await graphRequests()).toHaveLength(2);
    expect(wa.logs.some(({ line }) => line.includes('rate-limited, code 130429') && line.includes('try 2 in'))).toBe(true);
  });

  it('500 three times, then success', async () => {
    await graph.addFaults({ match: POST_MESSAGES, graphError: 131000, times: 3 });
    expect(call(wa, 'send-text', [USER, 'third time lucky', false, null])).toStrictEqual([wamid]);
    const requests = await graphRequests();
    expect(requests.map((r) => r.fault?.graphError ?? 'answered')).toStrictEqual([131000, 131000, 131000, 'answered']);
  });

  it('131056 returns at once, retryable, when the budget cannot cover 6 s', async () => {
    await graph.addFaults({ match: POST_MESSAGES, graphError: 131056 });
    const { value: result, ms } = await timed(() => call(wa, 'send-image', [USER, '42', null, null]) as { error: Record<string, unknown> });
    expect(result.error).toMatchObject({ kind: 'rate-limited', code: 131056, retryable: true, 'http-status': 400 });
    expect(result.error.message).toContain('Meta needs 6 s between messages to the same user');
    expect(await graphRequests()).toHaveLength(1);
    expect(ms).toBeLessThan(1000);
  });

  describe('with a budget of 1 s', () => {
    const small = whatsappDuringBlock({ WHATSAPP_SEND_RETRY_BUDGET_MS: '1000' });

    it('gives up when the budget is spent, with the last error, retryable, saying why', async () => {
      await graph.addFaults({ match: POST_MESSAGES, graphError: 131000, times: 'always' });
      const { value: error, ms } = await timed(() => sendError(small(), 'send-location', [USER, { latitude: 1, longitude: 2, name: null, address: null }, null]));
      expect(error).toMatchObject({ kind: 'server', code: 131000, retryable: true, 'http-status': 500 });
      expect(error.message).toMatch(/gave up after \d+ attempts? in \d+ ms.*the retry budget \(WHATSAPP_SEND_RETRY_BUDGET_MS\) is 1000 ms/);
      expect((await graphRequests()).length).toBeGreaterThanOrEqual(2);
      expect(ms).toBeLessThan(2500);
    });
  });

  describe('with retries disabled (budget 0)', () => {
    const none = whatsappDuringBlock({ WHATSAPP_SEND_RETRY_BUDGET_MS: '0' });

    it('makes one request and returns Meta\'s error as it is', async () => {
      await graph.addFaults({ match: POST_MESSAGES, graphError: 130429 });
      const error = sendError(none(), 'send-text', [USER, 'hi', false, null]);
      expect(error).toMatchObject({ kind: 'rate-limited', code: 130429, retryable: true });
      expect(error.message).toBe('(#130429) Rate limit hit: Cloud API message throughput has been reached.');
      expect(await graphRequests()).toHaveLength(1);
    });

    it('times out a hanging Graph after WHATSAPP_API_TIMEOUT_MS, and the component keeps serving', async () => {
      await graph.addFaults({ match: POST_MESSAGES, hang: true });
      const { value: error, ms } = await timed(() => sendError(none(), 'send-buttons', [USER, content('Pick'), [{ id: 'a', title: 'A' }], null]));
      expect(error).toMatchObject({ kind: 'timeout', code: 0, retryable: true, 'http-status': 0 });
      expect(error.message).toContain(`did not answer within ${TIMEOUT_MS} ms (the message may still have been delivered)`);
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(TIMEOUT_MS + 1500);
      expect(call(none(), 'send-text', [USER, 'after the hang', false, null])).toStrictEqual([wamid]);
    });
  });

  it('retries a timeout within the budget: a request that did reach Meta can go out twice', async () => {
    // Graph takes longer than the timeout but does take the message; the retry sends it again.
    await graph.addFaults({ match: POST_MESSAGES, delayMs: TIMEOUT_MS + 400 });
    expect(call(wa, 'send-text', [USER, 'maybe twice', false, null])).toStrictEqual([wamid]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const { entries } = await graph.transcript(USER);
    expect(entries.filter((e) => e.text === 'maybe twice')).toHaveLength(2);
  });

  it('api/send-message behaves as before: one request, no retry, "error: <Meta\'s message>"', async () => {
    await graph.addFaults({ match: POST_MESSAGES, graphError: 130429 });
    expect(wa.result('api/send-message', ['hi', USER])).toBe('error: (#130429) Rate limit hit: Cloud API message throughput has been reached.');
    expect(await graphRequests()).toHaveLength(1);
    expect(wa.result('api/send-message', ['hi again', USER])).toEqual(wamid);
  });
});

describe('the access token never leaves', () => {
  it('not in the error, nor in a log line, when Graph echoes the Authorization header', async () => {
    await graph.addFaults({ match: { method: 'POST' }, graphError: 190, echoAuthorization: true });
    const error = sendError(wa, 'send-template', [USER, 'hello_world', 'en_US', null, null]);
    expect(error).toMatchObject({ kind: 'auth', code: 190, retryable: false, 'http-status': 401 });
    expect(error.message).toContain('Bearer [redacted]');
    expect(JSON.stringify(error)).not.toContain(SECRETS.accessToken);
    expect(wa.logOf()).toContain('[redacted]');
    expect(wa.logOf()).not.toContain(SECRETS.accessToken);
  });

  it('not from a media lookup either, nor from the 0.1.0 api', async () => {
    await graph.addFaults({ match: { method: 'GET' }, graphError: 190, echoAuthorization: true });
    expect(JSON.stringify(sendError(wa, 'download-media', ['1013859600285441']))).not.toContain(SECRETS.accessToken);
    await graph.addFaults({ match: { method: 'POST' }, graphError: 190, echoAuthorization: true });
    expect(wa.result('api/send-message', ['hi', USER])).toMatch(/^error: .*\[redacted\]/);
    expect(wa.logOf()).not.toContain(SECRETS.accessToken);
  });
});
