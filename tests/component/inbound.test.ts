// Every inbound event reaches its handlers: each fixture, a realistic
// payload file, goes through the BUILT component as a signed POST, and the test
// checks what each recorder handler component received, in order.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import { loadWitDirectory } from '../../src/host/wit/load-directory.ts';
import { unalias, type WitType } from '../../src/host/wit/model.ts';
import { jsName } from '../../src/host/wit/names.ts';
import type { InboundEvent } from '../../src/guest/core/webhook/events.ts';
import { parseWebhook } from '../../src/guest/core/webhook/parse.ts';
import { HANDLER_A, HANDLER_B, TestEnvironment, fixture, type RecordedCall } from '../support/harness.ts';

let t: TestEnvironment;

beforeAll(async () => {
  t = await TestEnvironment.start({ env: { WHATSAPP_STATUS_HANDLER_COMPONENTS: `${HANDLER_A},${HANDLER_B}` } });
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  await t.clearRecorded();
  t.logs.length = 0;
});

/** What a recorder records for an event: the record as its guest sees it (camelCase, null for none). */
function asRecorded(event: InboundEvent, component: string): RecordedCall {
  const [call, value] = event.type === 'message' ? ['on-message', event.message] : ['on-status', event.status];
  return { component, call, arg: JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === undefined ? null : v))) };
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
    expect(arg.sender).toEqual({ name: 'Pablo M.', phone: '', userId: 'AR.1502576394655843', username: '@pablo.m' });
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
      for (const name of fixtures) {
        await env.clearRecorded();
        const raw = await fixture(name);
        expect((await env.postWebhook(raw)).status).toBe(200);
        const expected = parseWebhook(JSON.parse(raw)).events.map((event) => {
          const { call, arg } = asRecorded(event, 'previous:agent');
          return { component: 'previous:agent', call, arg: asSeenThrough(arg, types.get(event.type === 'message' ? 'message' : 'message-status')!) };
        });
        expect(await env.recordedCalls(), name).toEqual(expected);
      }
      expect(env.environment.run().outcomes.find((o) => o.component === 'asterai:whatsapp')?.status).toBe('ok');
    } finally {
      await env.stop();
    }
  });
});
