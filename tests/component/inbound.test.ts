// Every inbound event reaches its handlers: each fixture, a realistic
// payload file, goes through the BUILT component as a signed POST, and the test
// checks what each recorder handler component received, in order.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import { loadWitDirectory } from '../../src/host/wit/load-directory.ts';
import { unalias, type WitType } from '../../src/host/wit/model.ts';
import { jsName } from '../../src/host/wit/names.ts';
import { asBefore030 } from '../../src/guest/core/webhook/compat.ts';
import { EVENT_RECORDS, eventRecord, type InboundEvent } from '../../src/guest/core/webhook/events.ts';
import { parseWebhook } from '../../src/guest/core/webhook/parse.ts';
import { ROUTES } from '../../src/guest/inbound/routing.ts';
import { HANDLER_A, HANDLER_B, TestEnvironment, fixture, type RecordedCall } from '../support/harness.ts';

let t: TestEnvironment;

const BOTH = `${HANDLER_A},${HANDLER_B}`;

beforeAll(async () => {
  t = await TestEnvironment.start({
    env: {
      WHATSAPP_STATUS_HANDLER_COMPONENTS: BOTH,
      WHATSAPP_ECHO_HANDLER_COMPONENTS: BOTH,
      WHATSAPP_PREFERENCE_HANDLER_COMPONENTS: BOTH,
      WHATSAPP_EVENT_HANDLER_COMPONENTS: BOTH,
    },
  });
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  await t.clearRecorded();
  t.logs.length = 0;
});

/** What a recorder records for an event: the record as its guest sees it (camelCase, null for none), under the function's name. */
function asRecorded(event: InboundEvent, component: string, record: unknown = eventRecord(event)): RecordedCall {
  const call = ROUTES[event.type].functionName.split('/')[1]!;
  return { component, call, arg: JSON.parse(JSON.stringify(record, (_k, v: unknown) => (v === undefined ? null : v))) };
}

async function deliver(name: string): Promise<RecordedCall[]> {
  const res = await t.postWebhook(await fixture(name));
  expect(res.status).toBe(200);
  return t.recordedCalls();
}

const fixtures = (await readdir(new URL('../fixtures/webhooks/', import.meta.url))).filter((f) => f.endsWith('.json')).sort();

describe('every fixture', () => {
  it.each(fixtures)('%s reaches both handlers exactly as parsed, event by event', async (name) => {
    const { events } = parseWebhook(JSON.parse(await fixture(name)));
    const calls = await deliver(name);
    expect(calls).toEqual(events.flatMap((event) => [asRecorded(event, HANDLER_A), asRecorded(event, HANDLER_B)]));
  });
});

describe('what a handler that reads only `content` sees', () => {
  const firstArg = async (name: string) => (await deliver(name))[0]?.arg as Record<string, unknown>;

  it.each([
    ['text.json', 'text', /\S/],
    ['image-without-caption.json', 'image', /^\[image\]$/],
    ['voice-note.json', 'audio', /^\[voice message\]$/],
    ['document-with-filename.json', 'document', /^\[document: .+\..+\]$/],
    ['sticker.json', 'sticker', /^\[sticker\]$/],
    ['location-chosen.json', 'location', /^\[location: Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301 \(37\.444431, -122\.16246\)\]$/],
    ['contacts-shared.json', 'contacts', /^\[contact: .+\]/],
    ['reaction-removed-omitted.json', 'reaction', /^$/],
    ['reaction-removed-empty.json', 'reaction', /^$/],
    ['unknown-future-type.json', 'unsupported', /^\[unsupported message: hologram\]$/],
    ['unsupported-with-errors.json', 'unsupported', /^\[unsupported message: .+\]$/],
    ['welcome-request.json', 'welcome', /^\[opened the chat for the first time\]$/],
    ['flow-reply.json', 'flow-reply', /^\[flow reply: \{"flow_token": "booking-7781", .+\}\]$/],
    ['edit-image-caption.json', 'edit', /^\[edited\] This one, in blue\?/],
    ['revoke.json', 'revoke', /^\[deleted a message\]$/],
    ['system-number-changed.json', 'number-change', /^User Sheena Nelson changed from 16505551234 to 12195555358$/],
    ['system-user-id-changed.json', 'user-id-change', /changed from US\.\d+ to US\.\d+$/],
    ['system-identity-changed.json', 'identity-change', /security code changed$/],
    ['contacts-request-contact-info.json', 'contacts', /^\[contact: Sheena Nelson \+1 650-555-1234\]$/],
    ['order.json', 'order', /^\[order: 2 items\] Please gift wrap the mug$/],
  ])('%s → kind %s, content %s', async (name, kind, content) => {
    const arg = await firstArg(name);
    expect(arg.kind).toBe(kind);
    expect(arg.content).toMatch(content);
  });

  it('a voice note carries its media id, mime type and voice flag', async () => {
    const arg = await firstArg('voice-note.json');
    expect(arg.media).toMatchObject({ id: expect.any(String), mimeType: expect.stringMatching(/^audio\//), voice: true, animated: false });
  });

  it('a tapped button carries its title as content and its id as reply-id', async () => {
    const raw = JSON.parse(await fixture('interactive-button-reply.json'));
    const reply = raw.entry[0].changes[0].value.messages[0].interactive.button_reply;
    const arg = await firstArg('interactive-button-reply.json');
    expect(arg).toMatchObject({ kind: 'interactive', content: reply.title, replyId: reply.id });
  });

  it('a username-only sender has no phone, but a user id and a username', async () => {
    const arg = await firstArg('username-only-sender.json');
    expect(arg.sender).toEqual({ name: 'Pablo M.', phone: '', userId: 'AR.1502576394655843', username: '@pablo.m', parentUserId: null, address: 'AR.1502576394655843' });
  });

  it('a user without a phone number is answered at their user id; a message in a group, in the group', async () => {
    expect(await firstArg('username-user-parent-user-id.json')).toMatchObject({
      sender: { phone: '', userId: 'US.13491208655302741918', parentUserId: 'US.ENT.11815799212886844830', username: '@realsheenanelson', address: 'US.13491208655302741918' },
      chat: 'US.13491208655302741918',
    });
    await t.clearRecorded();
    expect(await firstArg('group-text.json')).toMatchObject({ groupId: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', chat: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD' });
  });

  it('a message from a Click to WhatsApp ad carries the ad', async () => {
    expect((await firstArg('referral-click-to-whatsapp-ad.json')).referral).toMatchObject({ sourceType: 'ad', sourceId: '120226305854810726', headline: 'Chat with us', mediaType: 'image' });
  });

  it('a status names its recipient with every identifier, and the address to reach them', async () => {
    expect((await firstArg('status-delivered-username.json')).to).toEqual({
      name: 'Pablo M.',
      phone: '16505551234',
      userId: 'US.13491208655302741918',
      username: '@pablomorales',
      parentUserId: 'US.ENT.11815799212886844830',
      address: '16505551234',
    });
  });

  it('an echo, a preference and any other field reach the handlers of their own interfaces', async () => {
    expect(await deliver('smb-message-echo.json')).toEqual([
      expect.objectContaining({ component: HANDLER_A, call: 'on-echo', arg: expect.objectContaining({ kind: 'text', to: expect.objectContaining({ address: '16505551234' }) }) }),
      expect.objectContaining({ component: HANDLER_B, call: 'on-echo' }),
    ]);
    await t.clearRecorded();
    expect((await deliver('user-preferences-stop-username.json')).map((c) => [c.call, c.arg.value])).toEqual([
      ['on-preference', 'stop'],
      ['on-preference', 'stop'],
    ]);
  });

  it('a failed status carries Meta\'s errors', async () => {
    const arg = await firstArg('status-failed.json');
    expect(arg).toMatchObject({ status: 'failed', recipient: '16505551234', timestamp: 1749416500 });
    expect(arg.errors).toEqual([{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', details: 'Message Undeliverable.' }]);
  });

  it('a message with errors[] is logged with them and still delivered', async () => {
    const arg = await firstArg('unsupported-with-errors.json');
    expect(arg.kind).toBe('unsupported');
    expect(t.logOf()).toMatch(/131051/);
  });
});

describe('compatibility with handlers built against asterai:whatsapp@0.1.0', () => {
  it('a 0.1.0 handler receives content, sender { name, phone } and id', async () => {
    const legacy = componentFiles(COMPONENTS.recorderV01);
    const env = await TestEnvironment.start({
      env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'legacy:agent' },
      recorders: [],
      components: [{ name: 'legacy:agent', ...legacy }],
    });
    try {
      const raw = await fixture('text.json');
      const message = JSON.parse(raw).entry[0].changes[0].value.messages[0];
      const contact = JSON.parse(raw).entry[0].changes[0].value.contacts[0];
      expect((await env.postWebhook(raw)).status).toBe(200);
      expect(await env.recordedCalls()).toEqual([
        {
          component: 'legacy:agent',
          call: 'on-message',
          arg: { content: message.text.body, sender: { name: contact.profile.name, phone: message.from }, id: message.id },
        },
      ]);
      // a message of a kind 0.1.0 never had still arrives, readable
      for (const name of ['welcome-request.json', 'flow-reply.json', 'revoke.json', 'username-user-parent-user-id.json']) {
        await env.clearRecorded();
        expect((await env.postWebhook(await fixture(name))).status).toBe(200);
        const [event] = parseWebhook(JSON.parse(await fixture(name))).events;
        if (event?.type !== 'message') throw new Error(`${name} has no message`);
        expect(await env.recordedCalls(), name).toEqual([
          { component: 'legacy:agent', call: 'on-message', arg: { content: event.message.content, sender: { name: event.message.sender.name, phone: event.message.sender.phone }, id: event.message.id } },
        ]);
      }
      expect(env.environment.run().outcomes.find((o) => o.component === 'asterai:whatsapp')?.status).toBe('ok');
    } finally {
      await env.stop();
    }
  });
});

/** `value` as a handler built against another WIT sees it: only the fields its records have. */
function asSeenThrough(value: unknown, type: WitType): unknown {
  const resolved = unalias(type);
  if (value === null || value === undefined) return value;
  if (resolved.kind === 'option') return asSeenThrough(value, resolved.inner);
  if (resolved.kind === 'list') return (value as unknown[]).map((item) => asSeenThrough(item, resolved.element));
  if (resolved.kind !== 'record') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(resolved.fields.map((field) => [jsName(field.name), asSeenThrough(record[jsName(field.name)], field.type)]));
}

describe('compatibility with handlers built against asterai:whatsapp@0.2.0', () => {
  it('a 0.2.0 handler receives every message and status of every fixture, as its own records', async () => {
    const previous = componentFiles(COMPONENTS.recorderV02);
    const types = loadWitDirectory(previous.wit).findInterface('asterai:whatsapp/types@0.2.0')!.types;
    const env = await TestEnvironment.start({
      env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'previous:agent', WHATSAPP_STATUS_HANDLER_COMPONENTS: 'previous:agent' },
      recorders: [],
      components: [{ name: 'previous:agent', ...previous }],
    });
    try {
      const received = new Map<string, unknown[]>();
      for (const name of fixtures) {
        await env.clearRecorded();
        const raw = await fixture(name);
        expect((await env.postWebhook(raw)).status).toBe(200);
        // echoes, preferences and other fields have no 0.2.0 handler interface: they go to no one here
        const expected = parseWebhook(JSON.parse(raw)).events.flatMap((event) => {
          if (event.type !== 'message' && event.type !== 'status') return [];
          const record = event.type === 'message' ? asBefore030(event.message) : event.status;
          const { call, arg } = asRecorded(event, 'previous:agent', record);
          return [{ component: 'previous:agent', call, arg: asSeenThrough(arg, types.get(EVENT_RECORDS[event.type])!) }];
        });
        const calls = await env.recordedCalls();
        expect(calls, name).toEqual(expected);
        received.set(name, calls.map((c) => c.arg));
      }
      // What a 0.2.0 handler reading `kind` and `content` sees of each kind new in 0.3.0: the 0.2.0 kind
      // these messages were delivered as before, and the same readable content.
      const seen = (name: string) => received.get(name)?.[0] as { kind: string; content: string } | undefined;
      expect(seen('welcome-request.json')).toMatchObject({ kind: 'unsupported', content: '[opened the chat for the first time]' });
      expect(seen('flow-reply.json')).toMatchObject({ kind: 'interactive', content: expect.stringMatching(/^\[flow reply: \{"flow_token": "booking-7781"/) });
      expect(seen('edit-image-caption.json')).toMatchObject({ kind: 'unsupported', content: '[edited] This one, in blue? (the one on the left)' });
      expect(seen('revoke.json')).toMatchObject({ kind: 'unsupported', content: '[deleted a message]' });
      expect(seen('system-number-changed.json')).toMatchObject({ kind: 'system', content: 'User Sheena Nelson changed from 16505551234 to 12195555358' });
      expect(seen('system-user-id-changed.json')).toMatchObject({ kind: 'system' });
      expect(seen('system-identity-changed.json')).toMatchObject({ kind: 'system' });
      // and the kinds it knows, unchanged
      expect(seen('contacts-shared.json')).toMatchObject({ kind: 'contacts' });
      expect(seen('order.json')).toMatchObject({ kind: 'order' });
      expect(env.environment.run().outcomes.find((o) => o.component === 'asterai:whatsapp')?.status).toBe('ok');
    } finally {
      await env.stop();
    }
  });
});
