// Callback data, end to end: a handler sends through the BUILT component with `callback-data`,
// the Graph emulator (Meta's stand-in, in its own process) takes biz_opaque_callback_data and
// reports sent, delivered and read in signed status webhooks to the component, and the
// component hands each status to the status handler with the same `callback-data` (recorded
// as the handler receives it: `callbackData`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { HANDLER_A, SECRETS, TestEnvironment, type RecordedCall } from '../support/harness.ts';

const USER = '15550109999';
let graph: RunningEmulator;
let t: TestEnvironment;

beforeAll(async () => {
  graph = await startEmulator({ accessToken: SECRETS.accessToken, phoneNumberId: SECRETS.phoneNumberId, appSecret: SECRETS.appSecret, statusDelayMs: 20 });
  t = await TestEnvironment.start({
    recorders: [HANDLER_A],
    env: { WHATSAPP_API_BASE_URL: graph.url, WHATSAPP_STATUS_HANDLER_COMPONENTS: HANDLER_A },
  });
  await graph.configure({ webhookUrl: t.webhookUrl });
});
afterAll(async () => {
  await t?.stop();
  await graph?.stop();
});

/** The statuses the handler received for `wamid`, once `count` of them have arrived (or 10 s passed). */
async function statusesOf(wamid: string, count: number): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const statuses = (await t.recordedCalls()).filter((c: RecordedCall) => c.call === 'on-status' && c.arg.id === wamid).map((c) => c.arg);
    if (statuses.length >= count || Date.now() > deadline) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('callback-data comes back in every status of the message that carried it', () => {
  it('a text: sent, delivered and read, each with the callback data', async () => {
    const [id] = t.result('whatsapp/send-text', [USER, 'Your table is booked.', false, { 'reply-to': null, 'callback-data': 'booking-42/turn-3' }]) as string[];
    const statuses = await statusesOf(id!, 3);
    expect(statuses.map((s) => [s.status, s.callbackData])).toEqual([
      ['sent', 'booking-42/turn-3'],
      ['delivered', 'booking-42/turn-3'],
      ['read', 'booking-42/turn-3'],
    ]);
    expect(statuses[0]).toMatchObject({ recipient: USER, business: { phoneNumberId: SECRETS.phoneNumberId } });
  });

  it('a voice note: played too; and a message sent without callback data has none', async () => {
    const voice = t.result('whatsapp/send-audio', [USER, 'https://example.com/tts/answer.ogg', true, { 'reply-to': null, 'callback-data': 'voice-1' }]) as string;
    const plain = t.result('whatsapp/send-location-request', [USER, 'Where should we deliver?', null]) as string;
    expect((await statusesOf(voice, 4)).map((s) => [s.status, s.callbackData])).toEqual([
      ['sent', 'voice-1'],
      ['delivered', 'voice-1'],
      ['read', 'voice-1'],
      ['played', 'voice-1'],
    ]);
    expect((await statusesOf(plain, 3)).map((s) => s.callbackData)).toEqual([null, null, null]);
  });

  it('a send that fails after Meta accepted it: the failed status carries the callback data', async () => {
    await graph.addFaults({ failStatus: 131026 });
    const sent = t.result('whatsapp/send-cta-url', [
      USER,
      { header: null, body: 'Your order comes to €12.', footer: null },
      { label: 'Pay now', url: 'https://pay.example.com/o/42' },
      { 'reply-to': null, 'callback-data': 'order-42' },
    ]) as string;
    const [failed] = await statusesOf(sent, 1);
    expect(failed).toMatchObject({ status: 'failed', callbackData: 'order-42', errors: [expect.objectContaining({ code: 131026 })] });
  });
});
