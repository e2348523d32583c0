// Scripted failures over real HTTP: each fault kind, matching, `times`, and what gets recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { PHONE_NUMBER_ID, TOKEN, VERSION, graph, sendMessage, textMessage } from './graph-client.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.clearFaults();
  await emulator.clearRequests();
});

describe('answering with a status and body', () => {
  it('sends the JSON body, status and headers it was given, once by default', async () => {
    await emulator.addFaults({ status: 503, body: { oops: true }, headers: { 'retry-after': '7' } });
    const faulted = await sendMessage(emulator, textMessage('hi'));
    expect(faulted.status).toBe(503);
    expect(faulted.json).toEqual({ oops: true });
    expect(faulted.headers.get('retry-after')).toBe('7');
    expect((await sendMessage(emulator, textMessage('hi'))).status).toBe(200);
  });

  it('sends a string body as text', async () => {
    await emulator.addFaults({ status: 502, body: 'Bad Gateway' });
    const answer = await sendMessage(emulator, textMessage('hi'));
    expect(answer.status).toBe(502);
    expect(answer.text).toBe('Bad Gateway');
  });

  it('answers `times` requests, then lets them through', async () => {
    await emulator.addFaults({ status: 500, body: {}, times: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sendMessage(emulator, textMessage('hi'))).status);
    expect(statuses).toEqual([500, 500, 500, 200]);
  });

  it('keeps an "always" fault until the faults are cleared', async () => {
    await emulator.addFaults({ status: 500, body: {}, times: 'always' });
    for (let i = 0; i < 3; i++) expect((await sendMessage(emulator, textMessage('hi'))).status).toBe(500);
    await emulator.clearFaults();
    expect((await sendMessage(emulator, textMessage('hi'))).status).toBe(200);
  });

  it('uses faults in queue order', async () => {
    await emulator.addFaults([{ status: 500, body: 'first' }, { status: 502, body: 'second' }]);
    expect((await sendMessage(emulator, textMessage('hi'))).text).toBe('first');
    expect((await sendMessage(emulator, textMessage('hi'))).text).toBe('second');
  });
});

describe('matching', () => {
  it('applies only to requests whose method and path match', async () => {
    await emulator.addFaults({ match: { method: 'get', pathPattern: `^/v\\d+\\.\\d+/${PHONE_NUMBER_ID}(\\?|$)` }, status: 500, body: {} });
    expect((await sendMessage(emulator, textMessage('hi'))).status).toBe(200);
    expect((await graph(emulator, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}?fields=id`)).status).toBe(500);
    expect((await graph(emulator, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}`)).status).toBe(200);
  });

  it('matches the body with bodyPattern: the sends of POST /messages, not the read receipts at the same path', async () => {
    await emulator.addFaults({ match: { method: 'POST', pathPattern: '/messages$', bodyPattern: '"to"\\s*:' }, graphError: 131047 });
    const receipt = await sendMessage(emulator, { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ' });
    expect(receipt.json?.error?.code).not.toBe(131047);
    expect((await sendMessage(emulator, textMessage('hi'))).json.error.code).toBe(131047);
    expect((await sendMessage(emulator, textMessage('hi'))).status).toBe(200);
    const [read, faulted] = await emulator.requests();
    expect(read?.fault).toBeUndefined();
    expect(faulted?.fault?.match?.bodyPattern).toBe('"to"\\s*:');
  });

  it('rejects a fault it cannot understand, saying why', async () => {
    await expect(emulator.addFaults({ match: { pathPattern: '(' } })).rejects.toThrow(/pathPattern is not a valid regular expression/);
    await expect(emulator.addFaults({ match: { bodyPattern: '[' } })).rejects.toThrow(/bodyPattern is not a valid regular expression/);
    await expect(emulator.addFaults({ times: 0 })).rejects.toThrow(/times must be a positive integer/);
    await expect(emulator.addFaults({ explode: true } as never)).rejects.toThrow(/unknown field\(s\) explode/);
  });
});

describe('ready-made Graph errors', () => {
  it.each([
    [131047, 400, '(#131047) Re-engagement message', 'more than 24 hours'],
    [130429, 400, '(#130429) Rate limit hit', 'throughput'],
    [80007, 400, '(#80007) Rate limit issues', 'rate limit'],
    [131056, 400, '(#131056) (Business Account, Consumer Account) pair rate limit hit', 'same recipient'],
    [131026, 400, '(#131026) Message Undeliverable', 'Unable to deliver'],
    [131000, 500, '(#131000) Something went wrong', 'unknown error'],
    [100, 400, '(#100) Invalid parameter', undefined],
  ])('expands graphError %i into Meta’s shape with HTTP %i', async (code, status, message, details) => {
    await emulator.addFaults({ graphError: code });
    const answer = await sendMessage(emulator, textMessage('hi'));
    expect(answer.status).toBe(status);
    expect(answer.json.error).toMatchObject({ code, message, type: 'OAuthException', fbtrace_id: expect.stringMatching(/^A/) });
    if (details) {
      expect(answer.json.error.error_data.messaging_product).toBe('whatsapp');
      expect(answer.json.error.error_data.details).toContain(details);
    }
    expect(answer.headers.get('x-fb-trace-id')).toBe(answer.json.error.fbtrace_id);
  });

  it('answers graphError 190 with 401', async () => {
    await emulator.addFaults({ graphError: 190 });
    const answer = await sendMessage(emulator, textMessage('hi'));
    expect(answer.status).toBe(401);
    expect(answer.json.error).toMatchObject({ code: 190, type: 'OAuthException' });
  });

  it('takes overrides for message, details, subcode and status', async () => {
    await emulator.addFaults({ graphError: { code: 100, details: 'Param text[body] is bad', subcode: 2494010 }, status: 429 });
    const answer = await sendMessage(emulator, textMessage('hi'));
    expect(answer.status).toBe(429);
    expect(answer.json.error).toMatchObject({ code: 100, error_subcode: 2494010, error_data: { details: 'Param text[body] is bad' } });
  });

  it('echoes the Authorization header in the error when asked', async () => {
    await emulator.addFaults({ graphError: 131000, echoAuthorization: true });
    const answer = await sendMessage(emulator, textMessage('hi'));
    expect(answer.json.error.message).toContain(`Bearer ${TOKEN}`);
    expect(answer.json.error.error_data.details).toContain(`Bearer ${TOKEN}`);
  });
});

describe('slow, hanging and broken answers', () => {
  it('delays the normal answer by delayMs', async () => {
    await emulator.addFaults({ delayMs: 400 });
    const started = Date.now();
    const answer = await sendMessage(emulator, textMessage('hi'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(answer.status).toBe(200);
    expect(answer.json.messages[0].id).toMatch(/^wamid\./);
  });

  it('delays a faulted answer too', async () => {
    await emulator.addFaults({ delayMs: 300, graphError: 131016 });
    const started = Date.now();
    const answer = await sendMessage(emulator, textMessage('hi'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(answer.status).toBe(503);
  });

  it('hangs until the client gives up, and keeps serving others', async () => {
    await emulator.addFaults({ hang: true });
    const started = Date.now();
    await expect(sendMessage(emulator, textMessage('hi'), { signal: AbortSignal.timeout(500) })).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
    expect((await sendMessage(emulator, textMessage('hi'))).status).toBe(200);
  });

  it('answers 200 with a body that is not JSON', async () => {
    await emulator.addFaults({ garbage: true });
    const answer = await sendMessage(emulator, textMessage('hi'));
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('drops the connection without an answer', async () => {
    await emulator.addFaults({ drop: true });
    await expect(sendMessage(emulator, textMessage('hi'))).rejects.toThrow(/fetch failed/);
    expect((await sendMessage(emulator, textMessage('hi'))).status).toBe(200);
  });
});

describe('recording faulted requests', () => {
  it('records the request with the fault that answered it', async () => {
    await emulator.addFaults({ graphError: 131047 });
    await sendMessage(emulator, textMessage('late'));
    await sendMessage(emulator, textMessage('fine'));
    const [faulted, normal] = await emulator.requests();
    expect(faulted).toMatchObject({ json: { text: { body: 'late' } }, fault: { graphError: 131047 } });
    expect(normal?.fault).toBeUndefined();
  });

  it('does not apply faults to the control API', async () => {
    await emulator.addFaults({ status: 500, body: {}, times: 'always' });
    expect(await emulator.requests()).toEqual([]);
  });
});
