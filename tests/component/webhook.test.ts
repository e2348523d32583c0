// The webhook of the BUILT component, over real loopback HTTP through the Node
// host, with two recorder handler components.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import { HANDLER_A, HANDLER_B, SECRETS, TestEnvironment, fixture } from '../support/harness.ts';

let t: TestEnvironment;

beforeAll(async () => {
  t = await TestEnvironment.start({ env: { RECORDER_FAIL: HANDLER_A } });
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  await t.clearRecorded();
  t.logs.length = 0;
});

function verifyUrl(params: Record<string, string>): string {
  return `${t.webhookUrl}?${new URLSearchParams(params)}`;
}

describe('GET verification handshake', () => {
  it('answers the challenge when mode and token match', async () => {
    const res = await fetch(verifyUrl({ 'hub.mode': 'subscribe', 'hub.verify_token': SECRETS.verifyToken, 'hub.challenge': '1158201444' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong token with 403', async () => {
    const res = await fetch(verifyUrl({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': 'x' }));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('x');
  });

  it('refuses a wrong mode with 403', async () => {
    const res = await fetch(verifyUrl({ 'hub.mode': 'unsubscribe', 'hub.verify_token': SECRETS.verifyToken, 'hub.challenge': 'x' }));
    expect(res.status).toBe(403);
  });

  it.each(['hub.mode', 'hub.verify_token', 'hub.challenge'])('answers 400 when %s is missing', async (missing) => {
    const params: Record<string, string> = { 'hub.mode': 'subscribe', 'hub.verify_token': SECRETS.verifyToken, 'hub.challenge': 'c' };
    delete params[missing];
    const res = await fetch(verifyUrl(params));
    expect(res.status).toBe(400);
  });

  it('percent-decodes a UTF-8 token before comparing', async () => {
    const token = 'clé secrète/+&=';
    const env = await TestEnvironment.start({ env: { WHATSAPP_WEBHOOK_VERIFY_TOKEN: token }, recorders: [] });
    try {
      const encoded = encodeURIComponent(token);
      expect(encoded).toContain('%C3%A9');
      const res = await fetch(`${env.webhookUrl}?hub.mode=subscribe&hub.verify_token=${encoded}&hub.challenge=42`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('42');
    } finally {
      await env.stop();
    }
  });
});

describe('POST deliveries', () => {
  it('accepts a correctly signed text message and dispatches it to both handlers', async () => {
    const res = await t.postWebhook(await fixture('text.json'));
    expect(res.status).toBe(200);
    const calls = await t.recordedCalls();
    expect(calls.map((c) => c.component)).toEqual([HANDLER_A, HANDLER_B]);
    const [call] = calls;
    expect(call?.call).toBe('on-message');
    expect(call?.arg).toMatchObject({ content: expect.any(String), id: expect.stringMatching(/^wamid\./) });
    expect(call?.arg.sender).toMatchObject({ name: expect.any(String), phone: expect.stringMatching(/^\d+$/) });
  });

  it('rejects a POST without signature with 401, dispatches nothing and logs why', async () => {
    const res = await t.postWebhook(await fixture('text.json'), { signature: null });
    expect(res.status).toBe(401);
    expect(await t.recordedCalls()).toEqual([]);
    expect(t.logOf()).toContain('webhook POST rejected (401): signature missing');
  });

  it.each([
    ['no sha256= prefix', (s: string) => s.replace('sha256=', '')],
    ['truncated hex', (s: string) => s.slice(0, -2)],
    ['not hex', (s: string) => `sha256=${'zz'.repeat(32)}`],
  ])('rejects a malformed signature (%s) with 401', async (_name, mangle) => {
    const body = await fixture('text.json');
    const res = await t.postWebhook(body, { signature: mangle(metaSignature(body, SECRETS.appSecret)) });
    expect(res.status).toBe(401);
    expect(await t.recordedCalls()).toEqual([]);
  });

  it('rejects a signature made with another secret with 401', async () => {
    const res = await t.postWebhook(await fixture('text.json'), { secret: 'someone-else' });
    expect(res.status).toBe(401);
    expect(await t.recordedCalls()).toEqual([]);
  });

  it('verifies over the exact bytes: \\u00e9 and \\/ escapes verify as sent, and a re-serialised body does not', async () => {
    const raw = await fixture('unicode-escaped-body.json');
    expect(raw).toContain('\\u00e9');
    expect(raw).toContain('\\/');
    const ok = await t.postWebhook(raw);
    expect(ok.status).toBe(200);
    const [call] = await t.recordedCalls();
    expect(String(call?.arg.content)).toContain('é');

    const reserialised = JSON.stringify(JSON.parse(raw));
    const forged = await t.postWebhook(reserialised, { signature: metaSignature(raw, SECRETS.appSecret) });
    expect(forged.status).toBe(401);
  });

  it('acknowledges a signed body that is not JSON with 200 and dispatches nothing', async () => {
    const res = await t.postWebhook('{"object": "whatsapp_business_account", ');
    expect(res.status).toBe(200);
    expect(await t.recordedCalls()).toEqual([]);
  });

  it('answers 413 to a body over 3 MiB', async () => {
    const body = new Uint8Array(3 * 1024 * 1024 + 1).fill(0x20);
    const res = await t.postWebhook(body);
    expect(res.status).toBe(413);
  });

  it('accepts a body of exactly 3 MiB (padding whitespace is valid JSON)', async () => {
    const json = await fixture('text.json');
    const body = new Uint8Array(3 * 1024 * 1024).fill(0x20);
    body.set(new TextEncoder().encode(json));
    const res = await t.postWebhook(body);
    expect(res.status).toBe(200);
  });

  it('answers 405 with Allow to other methods', async () => {
    const res = await fetch(t.webhookUrl, { method: 'PUT', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
  });

  it('answers 404 to other paths', async () => {
    const res = await fetch(`${t.origin}${t.prefix}hooks`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('dispatches a batch of 2 entries x 2 changes x 2 messages in payload order, to each handler in listed order, although one fails', async () => {
    const raw = await fixture('batch-two-entries-mixed.json');
    const payload = JSON.parse(raw);
    const expectedIds: string[] = [];
    for (const entry of payload.entry) for (const change of entry.changes) for (const m of change.value.messages ?? []) expectedIds.push(m.id);
    expect(expectedIds).toHaveLength(8);

    const res = await t.postWebhook(raw);
    expect(res.status).toBe(200);
    const calls = await t.recordedCalls();
    const messageCalls = calls.filter((c) => c.call === 'on-message');
    expect(messageCalls.map((c) => [c.arg.id, c.component])).toEqual(
      expectedIds.flatMap((id) => [
        [id, HANDLER_A],
        [id, HANDLER_B],
      ]),
    );
    // The failing handler is logged by name, with the error kind and message, once per message.
    const failures = t.logOf().split('\n').filter((l) => l.includes(`NOT delivered to ${HANDLER_A}: invocation-failed`));
    expect(failures).toHaveLength(8);
  });

  it('acknowledges before the handlers run: a slow handler does not delay the 200', async () => {
    const slow = await TestEnvironment.start({ env: { RECORDER_SLOW_MS: '1500', WHATSAPP_INCOMING_HANDLER_COMPONENTS: HANDLER_A } });
    try {
      // The host runs in this process and is busy while the handler sleeps, so the
      // response time is measured by a client in another process.
      const body = await fixture('text.json');
      const script = `const s=performance.now();const r=await fetch(process.argv[1],{method:'POST',headers:{'x-hub-signature-256':process.argv[3]},body:process.argv[2]});await r.text();console.log(JSON.stringify({status:r.status,ms:performance.now()-s}))`;
      const { execFile } = await import('node:child_process');
      const started = performance.now();
      const out = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--input-type=module', '-e', script, slow.webhookUrl, body, metaSignature(body, SECRETS.appSecret)], (e, stdout) => (e ? reject(e) : resolve(stdout))),
      );
      const total = performance.now() - started;
      const { status, ms } = JSON.parse(out) as { status: number; ms: number };
      expect(status).toBe(200);
      expect(ms).toBeLessThan(1000);
      expect(total).toBeGreaterThan(1500);
      expect((await slow.recordedCalls()).map((c) => c.component)).toEqual([HANDLER_A]);
    } finally {
      await slow.stop();
    }
  });

  it('refuses every POST with 500 when WHATSAPP_APP_SECRET is not set, and logs the variable', async () => {
    const unsigned = await TestEnvironment.start({ env: { WHATSAPP_APP_SECRET: undefined } });
    try {
      const res = await unsigned.postWebhook(await fixture('text.json'), { secret: 'anything' });
      expect(res.status).toBe(500);
      expect(await unsigned.recordedCalls()).toEqual([]);
      expect(unsigned.logOf()).toContain('WHATSAPP_APP_SECRET is not set');
    } finally {
      await unsigned.stop();
    }
  });
});
