// The send path of the BUILT component, called the way another component calls
// it (asterai's call-component-function with JSON args), against the Graph API
// emulator in its own process.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { SECRETS, TestEnvironment } from '../support/harness.ts';

let graph: RunningEmulator;
let t: TestEnvironment;

const VERIFIED_NAME = 'Acme Support';
// The business's own number: Graph refuses to send to it (131021), so tests send to others.
const DISPLAY_PHONE = '+1 555-010-2030';
const USER = '15550109999';

beforeAll(async () => {
  graph = await startEmulator({
    accessToken: SECRETS.accessToken,
    phoneNumberId: SECRETS.phoneNumberId,
    verifiedName: VERIFIED_NAME,
    displayPhoneNumber: DISPLAY_PHONE,
    statusDelayMs: -1,
  });
  // Retries are tested in send-kinds.test.ts; here every failure shows at once.
  t = await TestEnvironment.start({ env: { WHATSAPP_API_BASE_URL: graph.url, WHATSAPP_API_TIMEOUT_MS: '1500', WHATSAPP_SEND_RETRY_BUDGET_MS: '0' }, recorders: [] });
});
afterAll(async () => {
  await t?.stop();
  await graph?.stop();
});
beforeEach(async () => {
  await graph.clearRequests();
  await graph.clearFaults();
});

async function messageRequests() {
  return (await graph.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
}

describe('whatsapp/send-text', () => {
  it('posts the documented request and returns the wamid', async () => {
    const result = t.result('whatsapp/send-text', ['+1 (555) 010-9999', 'Hello there', false, null]);
    expect(result).toEqual([expect.stringMatching(/^wamid\./)]);
    const [req] = await messageRequests();
    expect(req?.path).toBe(`/v25.0/${SECRETS.phoneNumberId}/messages`);
    expect(req?.headers.authorization).toBe(`Bearer ${SECRETS.accessToken}`);
    expect(req?.headers['content-type']).toMatch(/^application\/json/);
    expect(req?.json).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550109999', type: 'text', text: { body: 'Hello there' } });
  });

  it.each([
    ['+44 7700 900123', '447700900123'],
    ['0044-7700-900123', '447700900123'],
    ['(555) 010.2030', '5550102030'],
    ['15550109999', '15550109999'],
  ])('normalises %s to %s', async (to, expected) => {
    t.result('whatsapp/send-text', [to, 'hi', false, null]);
    const [req] = await messageRequests();
    expect((req?.json as { to: string }).to).toBe(expected);
  });

  it('quotes the replied message with context.message_id', async () => {
    t.result('whatsapp/send-text', [USER, 'answer', false, { 'reply-to': 'wamid.HBgLMTU1NTAxMDIwMzAVAgASGBQzQTdGRkU2', 'callback-data': null }]);
    const [req] = await messageRequests();
    expect((req?.json as { context?: unknown }).context).toEqual({ message_id: 'wamid.HBgLMTU1NTAxMDIwMzAVAgASGBQzQTdGRkU2' });
  });

  it('splits a 10,000-character body into messages of at most 4096 characters, in order, losing nothing but the breaks', async () => {
    const paragraph = 'All work and no play makes Jack a dull boy. '.repeat(20).trim();
    const body = Array.from({ length: 12 }, (_, i) => `${i}: ${paragraph}`).join('\n\n').slice(0, 10_000).trim();
    expect(body.length).toBeGreaterThan(9_900);
    const ids = t.result('whatsapp/send-text', [USER, body, false, null]) as string[];
    const sent = (await messageRequests()).map((r) => (r.json as { text: { body: string } }).text.body);
    expect(ids).toHaveLength(sent.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sent.length).toBe(3);
    for (const part of sent) expect(part.length).toBeLessThanOrEqual(4096);
    expect(sent.join('\n\n')).toBe(body);
  });

  it('rejects an empty body as invalid-request without calling Graph', async () => {
    const result = t.result('whatsapp/send-text', [USER, '', false, null]);
    expect(result).toEqual({ error: expect.objectContaining({ kind: 'invalid-request', code: 0, 'http-status': 0 }) });
    expect(await messageRequests()).toEqual([]);
  });

  it('turns a Graph error into a typed send-error with Meta\'s code, message, status and trace id', async () => {
    await graph.addFaults({ match: { pathPattern: '/messages$' }, graphError: 131047 });
    const result = t.result('whatsapp/send-text', [USER, 'hi', false, null]) as { error: Record<string, unknown> };
    expect(result.error).toMatchObject({ kind: 'window-closed', code: 131047, retryable: false, 'http-status': 400 });
    expect(result.error['trace-id']).toEqual(expect.any(String));
    expect(result.error.message).toEqual(expect.stringMatching(/\S/));
  });

  it('never puts the access token in an error, even when Graph echoes it', async () => {
    await graph.addFaults({ match: { pathPattern: '/messages$' }, graphError: 190, echoAuthorization: true });
    const result = t.result('whatsapp/send-text', [USER, 'hi', false, null]) as { error: Record<string, unknown> };
    expect(result.error).toMatchObject({ kind: 'auth', code: 190 });
    expect(result.error.message).toContain('Bearer [redacted]');
    expect(JSON.stringify(result)).not.toContain(SECRETS.accessToken);
    const legacy = t.call('api/send-message', ['hi', USER]);
    expect(JSON.stringify(legacy)).not.toContain(SECRETS.accessToken);
  });

  it('gives up after the timeout with a timeout error, and the component keeps serving', async () => {
    await graph.addFaults({ match: { pathPattern: '/messages$' }, hang: true });
    const started = performance.now();
    const result = t.result('whatsapp/send-text', [USER, 'hi', false, null]) as { error: Record<string, unknown> };
    const elapsed = performance.now() - started;
    expect(result.error).toMatchObject({ kind: 'timeout', code: 0, retryable: true, 'http-status': 0 });
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(8000);
    expect(t.result('whatsapp/send-text', [USER, 'after the hang', false, null])).toEqual([expect.stringMatching(/^wamid\./)]);
  });

  it('reports a Graph that cannot be reached as a network error', async () => {
    const offline = await TestEnvironment.start({ env: { WHATSAPP_API_BASE_URL: 'http://127.0.0.1:9', WHATSAPP_SEND_RETRY_BUDGET_MS: '0' }, recorders: [] });
    try {
      const result = offline.result('whatsapp/send-text', [USER, 'hi', false, null]) as { error: Record<string, unknown> };
      expect(result.error).toMatchObject({ kind: 'network', code: 0, retryable: true });
    } finally {
      await offline.stop();
    }
  });
});

describe('recipients: a phone number, a user id, a group (Meta, "Business-scoped user IDs")', () => {
  const BSUID = 'US.13491208655302741918';
  const GROUP = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';

  it('a send to a user id puts it in `recipient` and nothing in `to`, and Graph accepts it', async () => {
    expect(t.result('whatsapp/send-text', [BSUID, 'Hola', false, null])).toEqual([expect.stringMatching(/^wamid\./)]);
    expect(t.result('whatsapp/send-reaction', ['US.ENT.11815799212886844830', 'wamid.HBgLMTU1NTAxMDIwMzAVAgASGBQzQTdGRkU2', '👍', null])).toMatch(/^wamid\./);
    const [text, reaction] = await messageRequests();
    expect(text?.json).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', recipient: BSUID, type: 'text', text: { body: 'Hola' } });
    expect(reaction?.json).toMatchObject({ recipient: 'US.ENT.11815799212886844830' });
    expect(reaction?.json).not.toHaveProperty('to');
  });

  it('the 0.1.0 api reaches a user id too', async () => {
    expect(t.result('api/send-message', ['Hola', BSUID])).toMatch(/^wamid\./);
    expect((await messageRequests())[0]?.json).toMatchObject({ recipient: BSUID });
  });

  it('a send to a group id goes to the group', async () => {
    expect(t.result('whatsapp/send-text', [GROUP, 'Hi all', false, null])).toEqual([expect.stringMatching(/^wamid\./)]);
    expect((await messageRequests())[0]?.json).toEqual({ messaging_product: 'whatsapp', recipient_type: 'group', to: GROUP, type: 'text', text: { body: 'Hi all' } });
  });

  it('a malformed user id is refused before any request, naming the value', async () => {
    expect(t.result('whatsapp/send-text', ['us.1349', 'Hola', false, null])).toEqual({ error: expect.objectContaining({ kind: 'invalid-request', code: 0, message: expect.stringContaining('"us.1349" is not a user id') }) });
    expect(await messageRequests()).toEqual([]);
  });

  it('a verification code goes to a phone number only: a user id is refused before any request', async () => {
    const result = t.result('whatsapp/send-verification-code', [BSUID, 'verification_code', 'en_US', '482913', null]) as { error: Record<string, unknown> };
    expect(result.error).toMatchObject({ kind: 'invalid-request', code: 0, retryable: false });
    expect(result.error.message).toMatch(/a verification code goes to a phone number only: .*\(131062\); send it to the user's phone number instead/);
    expect(await messageRequests()).toEqual([]);
    expect(t.result('whatsapp/send-verification-code', [USER, 'verification_code', 'en_US', '482913', null])).toMatch(/^wamid\./);
  });

  it('an authentication template sent with send-template to a user id: Meta answers 131062, a `recipient` error that says what to do', async () => {
    const params = { header: null, body: [{ name: null, value: '482913', kind: null }], buttons: [] };
    const result = t.result('whatsapp/send-template', [BSUID, 'verification_code', 'en_US', params, null]) as { error: Record<string, unknown> };
    expect(result.error).toMatchObject({ kind: 'recipient', code: 131062, retryable: false, 'http-status': 400 });
    expect(result.error.message).toMatch(/Business-scoped User ID \(BSUID\) recipients are not supported for this message.*send it to the user's phone number instead.*REQUEST_CONTACT_INFO/);
    // the same template to the phone number goes
    expect(t.result('whatsapp/send-template', [USER, 'verification_code', 'en_US', params, null])).toMatch(/^wamid\./);
  });
});

describe('api (drop-in for asterai:whatsapp@0.1.0)', () => {
  it('send-message returns the wamid', async () => {
    const result = t.result('api/send-message', ['Hi from the old API', '+1 555 010 9999']);
    expect(result).toMatch(/^wamid\./);
    const [req] = await messageRequests();
    expect(req?.json).toMatchObject({ to: '15550109999', text: { body: 'Hi from the old API' } });
  });

  it('send-message returns "error: <Meta\'s message>" when Graph refuses', async () => {
    await graph.addFaults({ match: { pathPattern: '/messages$' }, graphError: { code: 131026, message: 'Message undeliverable' } });
    expect(t.result('api/send-message', ['hi', USER])).toMatch(/^error: .*Message undeliverable/);
  });

  it('get-self returns the verified name and the digits of the display number', async () => {
    const self = { name: VERIFIED_NAME, phone: '15550102030', 'user-id': null, username: null, 'parent-user-id': null, address: '15550102030' };
    expect(t.result('api/get-self', [])).toEqual(self);
    expect(t.result('whatsapp/get-self', [])).toEqual(self);
    const [req] = (await graph.requests()).filter((r) => r.method === 'GET');
    expect(req?.path).toMatch(new RegExp(`^/v25\\.0/${SECRETS.phoneNumberId}\\?fields=`));
  });

  it('get-self falls back to the phone number id when Graph fails, and typed get-self says why', async () => {
    await graph.addFaults({ match: { method: 'GET' }, graphError: 190, times: 2 });
    expect(t.result('api/get-self', [])).toEqual({ name: '', phone: SECRETS.phoneNumberId, 'user-id': null, username: null, 'parent-user-id': null, address: SECRETS.phoneNumberId });
    expect(t.result('whatsapp/get-self', [])).toEqual({ error: expect.objectContaining({ kind: 'auth', code: 190 }) });
  });
});

describe('missing configuration', () => {
  let bare: TestEnvironment;
  beforeAll(async () => {
    bare = await TestEnvironment.start({ env: { WHATSAPP_API_BASE_URL: graph.url, WHATSAPP_ACCESS_TOKEN: undefined }, recorders: [] });
  });
  afterAll(async () => {
    await bare?.stop();
  });

  it('is a config error naming the variable, without a request and without a trap', async () => {
    const result = bare.result('whatsapp/send-text', [USER, 'hi', false, null]) as { error: Record<string, unknown> };
    expect(result.error).toMatchObject({ kind: 'config', code: 0, retryable: false });
    expect(result.error.message).toContain('WHATSAPP_ACCESS_TOKEN');
    expect(bare.result('api/send-message', ['hi', USER])).toMatch(/^error: WHATSAPP_ACCESS_TOKEN is not set/);
    expect(await messageRequests()).toEqual([]);
  });

  it('uses another Graph version when WHATSAPP_API_VERSION says so', async () => {
    const v26 = await TestEnvironment.start({ env: { WHATSAPP_API_BASE_URL: graph.url, WHATSAPP_API_VERSION: 'v26.0' }, recorders: [] });
    try {
      v26.result('whatsapp/send-text', [USER, 'hi', false, null]);
      const [req] = await messageRequests();
      expect(req?.path).toBe(`/v26.0/${SECRETS.phoneNumberId}/messages`);
    } finally {
      await v26.stop();
    }
  });
});
