// The Graph side over real HTTP, against the emulator in its own process.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { PHONE_NUMBER_ID, TOKEN, VERSION, graph, sendMessage, textMessage } from './graph-client.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    accessToken: TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    displayPhoneNumber: '+1 555-010-0199',
    verifiedName: 'Acme Support',
  });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.clearRequests();
  await emulator.clearFaults();
});

describe('authentication', () => {
  it.each([
    ['no token', null, 'An active access token must be used'],
    ['a wrong token', 'not-the-token', 'Invalid OAuth access token'],
  ])('answers %s with 401 and Graph error 190', async (_, token, message) => {
    const answer = await sendMessage(emulator, textMessage('hi'), { token });
    expect(answer.status).toBe(401);
    expect(answer.json.error).toMatchObject({ type: 'OAuthException', code: 190 });
    expect(answer.json.error.message).toContain(message);
    expect(answer.json.error.fbtrace_id).toMatch(/^A[\w-]{10,}$/);
    expect(answer.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('takes the token from ?access_token= too, as Graph does', async () => {
    const answer = await graph(emulator, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}?access_token=${TOKEN}`, undefined, { token: null });
    expect(answer.status).toBe(200);
  });
});

describe('POST /{version}/{phone-number-id}/messages', () => {
  it("answers a text message with Meta's success shape", async () => {
    const answer = await sendMessage(emulator, { ...textMessage('Hello there'), context: { message_id: 'wamid.ABC=' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.json).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+1 (650) 555-1234', wa_id: '16505551234' }],
      messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/]+=*$/) }],
    });
  });

  it('gives every message a different wamid', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await sendMessage(emulator, textMessage(`m${n}`))).json.messages[0].id));
    expect(new Set(ids).size).toBe(5);
  });

  it('accepts any Graph version prefix', async () => {
    for (const version of ['v19.0', 'v25.0', 'v26.0']) {
      const answer = await graph(emulator, 'POST', `/${version}/${PHONE_NUMBER_ID}/messages`, textMessage('hi'));
      expect(answer.status).toBe(200);
    }
  });

  it.each([
    ['a body over 4096 characters', textMessage('x'.repeat(4097)), "Param text['body'] must be at most 4096 characters long."],
    ['no to', { messaging_product: 'whatsapp', type: 'text', text: { body: 'hi' } }, 'The parameter to is required.'],
    ['no messaging_product', { to: '16505551234', type: 'text', text: { body: 'hi' } }, 'The parameter messaging_product is required.'],
    ['a wrong messaging_product', { ...textMessage('hi'), messaging_product: 'sms' }, 'Param messaging_product must be one of {WHATSAPP} - got "sms".'],
    ['an empty body', textMessage(''), "Param text['body'] must be a non-empty string."],
    ['no text object', { messaging_product: 'whatsapp', to: '16505551234', type: 'text' }, 'The parameter text is required.'],
    ['an unknown type', { ...textMessage('hi'), type: 'hologram' }, 'Param type must be one of'],
    ['a to that is not a number', textMessage('hi', 'alice'), 'Param to must be a phone number'],
    ['a context without message_id', { ...textMessage('hi'), context: {} }, "The parameter context['message_id'] is required."],
    ['a body that is not JSON', '{"messaging_product":', 'The parameter messaging_product is required.'],
  ])('rejects %s with Graph error 100 and HTTP 400', async (_, body, message) => {
    const answer = await sendMessage(emulator, body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 100, type: 'OAuthException' });
    expect(answer.json.error.message).toContain(message);
    expect(answer.json.error.fbtrace_id).toEqual(expect.any(String));
  });

  it('accepts a 4096-character body counted in characters, emoji included', async () => {
    expect((await sendMessage(emulator, textMessage('x'.repeat(4096)))).status).toBe(200);
    expect((await sendMessage(emulator, textMessage('😀'.repeat(4096)))).status).toBe(200);
  });

  it('rejects sending to its own number with 131021', async () => {
    const answer = await sendMessage(emulator, textMessage('hi', '+1 555 010 0199'));
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe(131021);
  });

  it('answers a read receipt with typing indicator with { success: true }', async () => {
    const answer = await sendMessage(emulator, {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
      typing_indicator: { type: 'text' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ success: true });
  });

  it('rejects a read receipt without message_id', async () => {
    const answer = await sendMessage(emulator, { messaging_product: 'whatsapp', status: 'read' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain('The parameter message_id is required.');
  });

  it('answers an unknown phone number id like Graph: code 100, subcode 33', async () => {
    const answer = await graph(emulator, 'POST', `/${VERSION}/999999999/messages`, textMessage('hi'));
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect(answer.json.error.message).toContain("Unsupported post request. Object with ID '999999999' does not exist");
  });
});

describe('GET /{version}/{phone-number-id}', () => {
  it('returns the default fields', async () => {
    const answer = await graph(emulator, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      verified_name: 'Acme Support',
      display_phone_number: '+1 555-010-0199',
      quality_rating: 'GREEN',
      platform_type: 'CLOUD_API',
      id: PHONE_NUMBER_ID,
    });
  });

  it('returns only the requested fields, plus id', async () => {
    const answer = await graph(emulator, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}?fields=verified_name,display_phone_number`);
    expect(answer.json).toEqual({ verified_name: 'Acme Support', display_phone_number: '+1 555-010-0199', id: PHONE_NUMBER_ID });
  });

  it('rejects a field the node does not have', async () => {
    const answer = await graph(emulator, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}?fields=favourite_colour`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain('Tried accessing nonexisting field (favourite_colour)');
  });

  it('answers an unknown id with subcode 33', async () => {
    const answer = await graph(emulator, 'GET', `/${VERSION}/123`);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(answer.json.error.message).toContain('Unsupported get request');
  });
});

describe('recording', () => {
  it('records method, path with query, lowercased headers, raw body and parsed JSON', async () => {
    const body = textMessage('Ünïcode / slash');
    await sendMessage(emulator, body, { headers: { 'X-Custom-Header': 'yes' } });
    await graph(emulator, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}?fields=verified_name`);
    const [post, get, ...rest] = await emulator.requests();
    expect(rest).toEqual([]);
    expect(post).toMatchObject({
      method: 'POST',
      path: `/${VERSION}/${PHONE_NUMBER_ID}/messages`,
      body: JSON.stringify(body),
      json: body,
    });
    expect(post?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'x-custom-header': 'yes' });
    expect(Date.parse(post?.time ?? '')).not.toBeNaN();
    expect(get).toMatchObject({ method: 'GET', path: `/${VERSION}/${PHONE_NUMBER_ID}?fields=verified_name`, body: '' });
    expect(get?.json).toBeUndefined();
    expect(get!.seq).toBeGreaterThan(post!.seq);
  });

  it('records rejected requests too, and not the control API', async () => {
    await sendMessage(emulator, textMessage('hi'), { token: 'wrong' });
    await emulator.requests();
    expect((await emulator.requests()).map((r) => r.path)).toEqual([`/${VERSION}/${PHONE_NUMBER_ID}/messages`]);
  });

  it('forgets everything on clearRequests()', async () => {
    await sendMessage(emulator, textMessage('hi'));
    await emulator.clearRequests();
    expect(await emulator.requests()).toEqual([]);
  });
});
