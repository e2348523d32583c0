// The sandbox half over real HTTP: a user writes (signed webhooks, every kind, batches),
// statuses follow every accepted message, and the transcript shows the conversation.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { processExists } from '../../src/sandbox/state-file.ts';
import type { InboundKind, InboundSpec } from '../../src/emulator/types.ts';
import { EVENT_RECORDS } from '../../src/guest/core/webhook/events.ts';
import { parseWebhook } from '../../src/guest/core/webhook/parse.ts';
import { PHONE_NUMBER_ID, TOKEN, VERSION, graph, sendMessage, textMessage } from './graph-client.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const APP_SECRET = 'sandbox-app-secret';
const WABA_ID = '400500600700800';
const USER = '16505551234';

let emulator: RunningEmulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver(APP_SECRET);
  emulator = await startEmulator({
    accessToken: TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    displayPhoneNumber: '+1 555-078-3881',
    wabaId: WABA_ID,
    appSecret: APP_SECRET,
    webhookUrl: receiver.url,
    statusDelayMs: -1,
  });
});
afterAll(async () => {
  await emulator?.stop();
  await receiver?.close();
});
beforeEach(async () => {
  await emulator.configure({ statusDelayMs: -1, enforceWindow: false, webhookUrl: receiver.url, appSecret: APP_SECRET });
  await Promise.all([emulator.clearTranscript(), emulator.clearDeliveries(), emulator.clearRequests(), emulator.clearFaults()]);
  receiver.received.length = 0;
  receiver.answerWith(200);
});

function buttonsMessage(to = USER) {
  return {
    messaging_product: 'whatsapp',
    to,
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: 'Track your order?' },
      action: { buttons: [{ type: 'reply', reply: { id: 'track', title: 'Track' } }, { type: 'reply', reply: { id: 'cancel', title: 'Cancel' } }] },
    },
  };
}

describe('a user writes', () => {
  it("posts Meta's payload, escaped and signed over the exact bytes, and returns the webhook's answer", async () => {
    const result = await emulator.inbound({ from: '+1 650-555-1234', name: 'Zoë', userId: 'US.1349120865530274', text: 'Café / crème 😀' });
    expect(result.delivery).toMatchObject({ kind: 'messages', url: receiver.url, status: 200, response: 'EVENT_RECEIVED' });

    const [webhook] = await receiver.waitFor(1);
    expect(webhook?.signatureValid).toBe(true);
    expect(webhook?.headers['x-hub-signature-256']).toBe(result.delivery.signature);
    expect(webhook?.headers['content-type']).toBe('application/json');
    expect(webhook?.raw).toContain('Caf\\u00e9 \\/ cr\\u00e8me \\ud83d\\ude00');
    expect(webhook?.raw).toContain('"name":"Zo\\u00eb"');
    expect(webhook?.raw).toBe(result.delivery.body);
    expect(webhook?.payload).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA_ID,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
                contacts: [{ profile: { name: 'Zoë' }, wa_id: USER, user_id: 'US.1349120865530274' }],
                messages: [
                  {
                    from: USER,
                    from_user_id: 'US.1349120865530274',
                    id: expect.stringMatching(/^wamid\./),
                    timestamp: expect.stringMatching(/^\d{10}$/),
                    type: 'text',
                    text: { body: 'Café / crème 😀' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(result.messages).toEqual([
      expect.objectContaining({ direction: 'inbound', user: USER, kind: 'text', text: 'Café / crème 😀', status: 'received', wamid: webhook?.payload.entry[0].changes[0].value.messages[0].id }),
    ]);
  });

  it("reports the webhook's refusal (here a receiver with another secret rejects the signature)", async () => {
    await emulator.configure({ appSecret: 'some-other-secret' });
    const result = await emulator.inbound({ text: 'hi' });
    expect(result.delivery).toMatchObject({ status: 401, response: 'bad signature' });
  });

  it('reports a webhook that cannot be reached', async () => {
    await emulator.configure({ webhookUrl: 'http://127.0.0.1:9/webhook' });
    const result = await emulator.inbound({ text: 'hi' });
    expect(result.delivery.status).toBeUndefined();
    expect(result.delivery.error).toMatch(/fetch failed/);
  });

  it('refuses with 409 when no webhook is configured', async () => {
    await emulator.configure({ webhookUrl: null });
    await expect(emulator.inbound({ text: 'hi' })).rejects.toThrow(/409.*no webhook URL/);
  });

  it('batches entries × changes × messages in one POST, in order', async () => {
    const result = await emulator.inbound({ text: 'part', batch: { entries: 2, changes: 2, messages: 2 } });
    expect(result.messages).toHaveLength(8);
    const [webhook] = await receiver.waitFor(1);
    expect(receiver.received).toHaveLength(1);
    const bodies = webhook?.payload.entry.flatMap((entry: any) => entry.changes.flatMap((change: any) => change.value.messages.map((m: any) => m.text.body)));
    expect(bodies).toEqual(Array.from({ length: 8 }, (_, i) => `part (${i + 1}/8)`));
    expect(webhook?.payload.entry).toHaveLength(2);
    expect(webhook?.payload.entry[0].changes).toHaveLength(2);
    expect(webhook?.signatureValid).toBe(true);
  });

  it('sends an image whose media the component can fetch, with the hash in base64', async () => {
    const bytes = Buffer.from('not really a jpeg');
    const result = await emulator.inbound({ kind: 'image', text: 'look', dataBase64: bytes.toString('base64'), mimeType: 'image/jpeg' });
    const [webhook] = await receiver.waitFor(1);
    const image = webhook?.payload.entry[0].changes[0].value.messages[0].image;
    expect(image).toEqual({ caption: 'look', mime_type: 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('base64'), id: expect.stringMatching(/^\d+$/) });
    expect(result.messages[0]?.text).toBe(`media id ${image.id}, caption: look`);
    const meta = await graph(emulator, 'GET', `/${VERSION}/${image.id}`);
    expect(meta.json.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const download = await fetch(meta.json.url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
  });

  it.each([
    ['audio', { kind: 'audio' }, (m: any) => expect(m.audio).toMatchObject({ mime_type: 'audio/ogg; codecs=opus', voice: true, id: expect.any(String) })],
    ['document', { kind: 'document', text: 'the invoice' }, (m: any) => expect(m.document).toMatchObject({ filename: 'sandbox.pdf', caption: 'the invoice', mime_type: 'application/pdf' })],
    ['sticker', { kind: 'sticker' }, (m: any) => expect(m.sticker).toMatchObject({ mime_type: 'image/webp', animated: false })],
    ['location', { kind: 'location', latitude: 48.8584, longitude: 2.2945, locationName: 'Tour Eiffel', address: 'Paris' }, (m: any) => expect(m.location).toEqual({ latitude: 48.8584, longitude: 2.2945, name: 'Tour Eiffel', address: 'Paris' })],
    ['unsupported', { kind: 'unsupported' }, (m: any) => expect(m.errors[0].code).toBe(131051)],
  ] as const)('sends a %s message', async (kind, spec, check) => {
    await emulator.inbound(spec);
    const [webhook] = await receiver.waitFor(1);
    const message = webhook?.payload.entry[0].changes[0].value.messages[0];
    expect(message.type).toBe(kind);
    check(message);
  });

  it('taps the first button of the last buttons message by default', async () => {
    const offer = (await sendMessage(emulator, buttonsMessage())).json.messages[0].id;
    const result = await emulator.inbound({ kind: 'button-reply' });
    const [webhook] = await receiver.waitFor(1);
    const message = webhook?.payload.entry[0].changes[0].value.messages[0];
    expect(message).toMatchObject({
      type: 'interactive',
      context: { from: '15550783881', id: offer },
      interactive: { type: 'button_reply', button_reply: { id: 'track', title: 'Track' } },
    });
    expect(result.messages[0]).toMatchObject({ kind: 'button-reply', text: 'Track (track)', replyTo: offer });
  });

  it('picks a list row by id', async () => {
    const list = {
      messaging_product: 'whatsapp',
      to: USER,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Pick a size' },
        action: { button: 'Sizes', sections: [{ title: 'All', rows: [{ id: 's', title: 'Small' }, { id: 'l', title: 'Large', description: 'Big one' }] }] },
      },
    };
    const offer = (await sendMessage(emulator, list)).json.messages[0].id;
    await emulator.inbound({ kind: 'list-reply', optionId: 'l' });
    const [webhook] = await receiver.waitFor(1);
    expect(webhook?.payload.entry[0].changes[0].value.messages[0]).toMatchObject({
      context: { id: offer },
      interactive: { type: 'list_reply', list_reply: { id: 'l', title: 'Large', description: 'Big one' } },
    });
  });

  it('reacts to the last message the business sent by default', async () => {
    const sent = (await sendMessage(emulator, textMessage('Your order shipped', USER))).json.messages[0].id;
    await emulator.inbound({ kind: 'reaction', emoji: '❤️' });
    const [webhook] = await receiver.waitFor(1);
    expect(webhook?.payload.entry[0].changes[0].value.messages[0]).toMatchObject({ type: 'reaction', reaction: { message_id: sent, emoji: '❤️' } });
  });

  it.each([
    [{ kind: 'button-reply' }, /no button message to answer/],
    [{ kind: 'reaction' }, /nothing to react to/],
    [{ kind: 'selfie' }, /kind must be one of/],
    [{ batch: 0 }, /batch must be/],
  ])('rejects %j with 400 and a reason', async (spec, reason) => {
    await expect(emulator.inbound(spec as never)).rejects.toThrow(reason);
    expect(receiver.received).toEqual([]);
  });
});

describe('every kind of inbound event, as the component reads it', () => {
  const GROUP = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
  // kind → the InboundSpec (besides the kind), the field Meta sends it under, and what the component makes of it.
  const CASES: [InboundKind, Partial<InboundSpec>, string, Record<string, unknown>][] = [
    ['contacts', { text: 'Barbara Johnson' }, 'messages', { kind: 'contacts', content: '[contact: Barbara Johnson +1 (940) 555-1234]' }],
    ['welcome', {}, 'messages', { kind: 'welcome' }],
    ['referral', { text: 'Is it in stock?' }, 'messages', { kind: 'text', content: 'Is it in stock?', referral: expect.objectContaining({ sourceType: 'ad', headline: 'Chat with us' }) }],
    ['flow-reply', { text: 'Tuesday' }, 'messages', { kind: 'flow-reply', flowReply: expect.objectContaining({ name: 'flow', flowToken: 'sandbox-flow' }) }],
    ['order', { text: 'Gift wrap, please' }, 'messages', { kind: 'order', content: '[order: 2 items] Gift wrap, please' }],
    ['number-change', { text: '+1 219 555 5358' }, 'messages', { kind: 'number-change', changedTo: expect.objectContaining({ phone: '12195555358' }) }],
    ['user-id-change', {}, 'messages', { kind: 'user-id-change', changedTo: expect.objectContaining({ userId: expect.stringMatching(/^US\.\d+$/) }) }],
    ['identity-change', {}, 'messages', { kind: 'identity-change' }],
    ['edit', { text: 'Tuesday, not Monday', messageId: 'wamid.EARLIER' }, 'messages', { kind: 'edit', content: '[edited] Tuesday, not Monday', originalId: 'wamid.EARLIER' }],
    ['revoke', { messageId: 'wamid.EARLIER' }, 'messages', { kind: 'revoke', originalId: 'wamid.EARLIER' }],
    ['text', { groupId: GROUP, text: 'Hello all' }, 'messages', { kind: 'text', groupId: GROUP, chat: GROUP }],
    ['echo', { text: 'I will take it from here' }, 'smb_message_echoes', { kind: 'text', content: 'I will take it from here', to: expect.objectContaining({ phone: USER }) }],
    ['opt-out', {}, 'user_preferences', { value: 'stop', category: 'marketing_messages', user: expect.objectContaining({ phone: USER }) }],
    ['opt-in', {}, 'user_preferences', { value: 'resume' }],
    ['event', { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }, 'account_update', { field: 'account_update', value: '{"event":"VERIFIED_ACCOUNT"}', entryId: WABA_ID }],
  ];

  it.each(CASES)('%s %j', async (kind, fields, field, record) => {
    const result = await emulator.inbound({ kind, ...fields });
    expect(result.delivery.status).toBe(200);
    const [webhook] = await receiver.waitFor(1);
    expect(webhook?.signatureValid).toBe(true);
    expect(webhook?.payload.entry[0].changes[0].field).toBe(field);
    const { events, notes } = parseWebhook(webhook?.payload);
    expect(notes).toEqual([]);
    expect(events).toHaveLength(1);
    const type = field === 'messages' ? 'message' : field === 'smb_message_echoes' ? 'echo' : field === 'user_preferences' ? 'preference' : 'event';
    expect(events[0]?.type).toBe(type);
    expect(Object.values(events[0]!)[1]).toMatchObject(record);
    expect(EVENT_RECORDS[type]).toBeDefined();
  });

  it('a user with a username and no phone number: no `from`, no `wa_id`, only user ids; the business reaches them by user id', async () => {
    const userId = 'AR.1502576394655843';
    await emulator.inbound({ userId, phoneHidden: true, username: '@pablo.m', name: 'Pablo M.', text: 'Hola' });
    const [webhook] = await receiver.waitFor(1);
    const value = webhook?.payload.entry[0].changes[0].value;
    expect(value.contacts).toEqual([{ profile: { name: 'Pablo M.', username: '@pablo.m' }, user_id: userId }]);
    expect(value.messages[0].from).toBeUndefined();
    expect(value.messages[0].from_user_id).toBe(userId);
    const [event] = parseWebhook(webhook?.payload).events;
    expect(event?.type === 'message' && event.message.sender).toMatchObject({ phone: '', userId, address: userId });

    await emulator.configure({ statusDelayMs: 10 });
    receiver.received.length = 0;
    const sent = await sendMessage(emulator, { messaging_product: 'whatsapp', recipient: userId, type: 'text', text: { body: '¡Hola!' } });
    expect(sent.json.contacts).toEqual([{ input: userId, user_id: userId }]);
    const statuses = await receiver.waitFor(3);
    const [sentStatus, delivered] = statuses.map((w) => w.payload.entry[0].changes[0].value);
    // Meta: recipient_user_id for a send to a user id; no recipient_id without a phone number; the username from delivered on
    expect(sentStatus.statuses[0]).toMatchObject({ status: 'sent', recipient_user_id: userId });
    expect(sentStatus.statuses[0].recipient_id).toBeUndefined();
    expect(sentStatus.contacts).toEqual([{ profile: { name: 'Pablo M.' }, user_id: userId }]);
    expect(delivered.contacts).toEqual([{ profile: { name: 'Pablo M.', username: '@pablo.m' }, user_id: userId }]);
    const status = parseWebhook(statuses[1]?.payload).events[0];
    expect(status?.type === 'status' && status.status.to).toMatchObject({ name: 'Pablo M.', username: '@pablo.m', userId, address: userId });
    // one conversation, under the user id
    expect((await emulator.transcript(userId)).entries.map((e) => e.direction)).toEqual(['inbound', 'outbound']);
  });

  it('a status of a send to a phone number names the user with their user id too', async () => {
    await emulator.configure({ statusDelayMs: 10 });
    await sendMessage(emulator, textMessage('Hi', USER));
    const [sentStatus] = (await receiver.waitFor(3)).map((w) => w.payload.entry[0].changes[0].value);
    expect(sentStatus.statuses[0]).toMatchObject({ recipient_id: USER });
    expect(sentStatus.statuses[0].recipient_user_id).toBeUndefined();
    expect(sentStatus.contacts).toEqual([expect.objectContaining({ wa_id: USER, user_id: expect.stringMatching(/^US\.\d{19}$/) })]);
  });

  it('a send to a group is reported with recipient_type group', async () => {
    await emulator.configure({ statusDelayMs: 10 });
    await sendMessage(emulator, { messaging_product: 'whatsapp', recipient_type: 'group', to: GROUP, type: 'text', text: { body: 'Hi all' } });
    const [sentStatus] = (await receiver.waitFor(3)).map((w) => w.payload.entry[0].changes[0].value);
    expect(sentStatus.statuses[0]).toMatchObject({ recipient_id: GROUP, recipient_type: 'group' });
    expect(sentStatus.contacts).toBeUndefined();
  });

  it('refuses an edit with nothing to edit, and an event without a field', async () => {
    await expect(emulator.inbound({ from: '+44 7700 900999', kind: 'edit' })).rejects.toThrow(/nothing to edit/);
    await expect(emulator.inbound({ kind: 'event', field: 'messages', value: {} })).rejects.toThrow(/an event needs field/);
  });
});

describe('statuses', () => {
  afterEach(async () => {
    await emulator.configure({ statusDelayMs: -1 });
  });

  it('delivers signed sent, delivered and read statuses for every accepted message', async () => {
    await emulator.configure({ statusDelayMs: 20 });
    const wamid = (await sendMessage(emulator, textMessage('On its way', USER))).json.messages[0].id;
    const webhooks = await receiver.waitFor(3);
    expect(webhooks.every((w) => w.signatureValid)).toBe(true);
    const statuses = webhooks.map((w) => w.payload.entry[0].changes[0].value.statuses[0]);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const status of statuses) expect(status).toMatchObject({ id: wamid, recipient_id: USER, timestamp: expect.stringMatching(/^\d{10}$/) });
    expect(statuses[0]).toMatchObject({
      conversation: { id: expect.stringMatching(/^[0-9a-f]{32}$/), expiration_timestamp: expect.any(String), origin: { type: 'service' } },
      pricing: { billable: false, pricing_model: 'PMP', category: 'service' },
    });
    expect(statuses[2].pricing).toBeUndefined();
    expect(webhooks[0]?.payload.entry[0].changes[0].value.metadata.phone_number_id).toBe(PHONE_NUMBER_ID);

    const { entries } = await emulator.transcript(USER);
    expect(entries).toEqual([expect.objectContaining({ direction: 'outbound', wamid, kind: 'text', text: 'On its way', status: 'read' })]);
    expect((await emulator.deliveries()).map((d) => d.kind)).toEqual(['statuses', 'statuses', 'statuses']);
  });

  it('carries the callback data in every status, and reports a voice message played after read', async () => {
    await emulator.configure({ statusDelayMs: 10 });
    const voice = { messaging_product: 'whatsapp', to: USER, type: 'audio', audio: { link: 'https://example.com/a.ogg', voice: true }, biz_opaque_callback_data: 'turn-7' };
    const wamid = (await sendMessage(emulator, voice)).json.messages[0].id;
    const statuses = (await receiver.waitFor(4)).map((w) => w.payload.entry[0].changes[0].value.statuses[0]);
    expect(statuses.map((s) => [s.status, s.id, s.biz_opaque_callback_data])).toEqual([
      ['sent', wamid, 'turn-7'],
      ['delivered', wamid, 'turn-7'],
      ['read', wamid, 'turn-7'],
      ['played', wamid, 'turn-7'],
    ]);
    expect(statuses[3].pricing).toBeUndefined();
    expect((await emulator.transcript(USER)).entries[0]).toMatchObject({ kind: 'voice', status: 'played' });
  });

  it('carries the callback data in a failed status too', async () => {
    await emulator.configure({ statusDelayMs: 10 });
    await emulator.addFaults({ failStatus: 131026 });
    await sendMessage(emulator, { ...textMessage('to a landline', USER), biz_opaque_callback_data: 'turn-8' });
    const [webhook] = await receiver.waitFor(1);
    expect(webhook?.payload.entry[0].changes[0].value.statuses[0]).toMatchObject({ status: 'failed', biz_opaque_callback_data: 'turn-8' });
  });

  it('sends none when disabled', async () => {
    await sendMessage(emulator, textMessage('quiet', USER));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received).toEqual([]);
    expect((await emulator.transcript(USER)).entries[0]?.status).toBe('accepted');
  });

  it('fails free-form messages outside the 24 h window with 131047, when enforced', async () => {
    await emulator.configure({ statusDelayMs: 10, enforceWindow: true });
    const answer = await sendMessage(emulator, textMessage('cold outreach', '16505550000'));
    expect(answer.status).toBe(200);
    const [webhook] = await receiver.waitFor(1);
    expect(webhook?.payload.entry[0].changes[0].value.statuses[0]).toMatchObject({
      id: answer.json.messages[0].id,
      status: 'failed',
      errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: expect.stringContaining('24 hours') } }],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(1);
    expect((await emulator.transcript('16505550000')).entries[0]?.status).toBe('failed');
  });

  it('reports a message failed after accepting it, when a fault says failStatus', async () => {
    await emulator.configure({ statusDelayMs: 10 });
    await emulator.addFaults({ failStatus: 131026 });
    const answer = await sendMessage(emulator, textMessage('to a landline', USER));
    expect(answer.status).toBe(200);
    const [webhook] = await receiver.waitFor(1);
    expect(webhook?.payload.entry[0].changes[0].value.statuses[0]).toMatchObject({
      id: answer.json.messages[0].id,
      status: 'failed',
      recipient_id: USER,
      errors: [{ code: 131026, title: 'Message Undeliverable' }],
    });
  });

  it('lets replies through once the user has written, when the window is enforced', async () => {
    await emulator.configure({ enforceWindow: true });
    await emulator.inbound({ from: USER, text: 'hello?' });
    await emulator.configure({ statusDelayMs: 10 });
    await sendMessage(emulator, textMessage('hello!', USER));
    const webhooks = await receiver.waitFor(4);
    expect(webhooks.slice(1).map((w) => w.payload.entry[0].changes[0].value.statuses[0].status)).toEqual(['sent', 'delivered', 'read']);
  });
});

describe('the transcript', () => {
  it('shows both sides in order, with read marks and typing', async () => {
    const { messages } = await emulator.inbound({ from: USER, text: 'Where is my order?' });
    const question = messages[0]?.wamid ?? '';
    await sendMessage(emulator, { messaging_product: 'whatsapp', status: 'read', message_id: question, typing_indicator: { type: 'text' } });
    await sendMessage(emulator, { ...textMessage('It ships today', USER), context: { message_id: question } });
    await emulator.inbound({ from: '447700900123', text: 'someone else' });

    const mine = await emulator.transcript(USER);
    expect(mine.entries.map((e) => [e.direction, e.kind, e.text, e.status])).toEqual([
      ['inbound', 'text', 'Where is my order?', 'read'],
      ['outbound', 'text', 'It ships today', 'accepted'],
    ]);
    expect(mine.entries[0]?.typing).toBe(true);
    expect(mine.entries[1]?.replyTo).toBe(question);
    expect((await emulator.transcript()).entries).toHaveLength(3);
    expect((await emulator.transcript('+44 7700 900123')).entries.map((e) => e.text)).toEqual(['someone else']);
  });

  it('summarises what the business sent, kind by kind', async () => {
    await sendMessage(emulator, buttonsMessage());
    await sendMessage(emulator, { messaging_product: 'whatsapp', to: USER, type: 'image', image: { link: 'https://example.com/a.png', caption: 'Your receipt' } });
    await sendMessage(emulator, { messaging_product: 'whatsapp', to: USER, type: 'template', template: { name: 'order_update', language: { code: 'en' } } });
    const { entries } = await emulator.transcript(USER);
    expect(entries.map((e) => [e.kind, e.text])).toEqual([
      ['buttons', 'Track your order? [Track | Cancel]'],
      ['image', 'link https://example.com/a.png, caption: Your receipt'],
      ['template', 'order_update (en)'],
    ]);
  });

  it('answers a long poll as soon as something changes', async () => {
    const { revision } = await emulator.transcript(USER);
    const polled = emulator.transcript(USER, { since: revision, waitMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await sendMessage(emulator, textMessage('ping', USER));
    const page = await polled;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(page.entries.map((e) => e.text)).toEqual(['ping']);
    expect(page.revision).toBeGreaterThan(revision);
  });

  it('returns nothing new after waitMs when nothing changes', async () => {
    const { revision } = await emulator.transcript(USER);
    const page = await emulator.transcript(USER, { since: revision, waitMs: 200 });
    expect(page.entries).toEqual([]);
  });
});

describe('stopping with statuses pending', () => {
  it('exits promptly and leaves no process', async () => {
    const other = await startEmulator({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID, appSecret: APP_SECRET, webhookUrl: receiver.url, statusDelayMs: 30_000 });
    await sendMessage(other, textMessage('never delivered', USER));
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(other.stderr()).toContain('SIGTERM, stopping');
    expect(processExists(other.pid)).toBe(false);
  });
});
