// The signed webhook payloads the benchmarks send: realistic message items taken
// from the test fixtures (one of each common kind), laid out in Meta's envelope and
// serialised the way Meta does (non-ASCII as \uXXXX, "/" as "\/"), so that the
// bytes are what a receiver really verifies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metaJson } from '../../../src/emulator/webhooks/meta-json.ts';
import { webhookEnvelope, type WebhookContact } from '../../../src/emulator/webhooks/payloads.ts';
import { metaSignature } from '../../../src/emulator/webhooks/signature.ts';
import type { MetaCredentials } from '../../../src/sandbox/credentials.ts';
import { ROOT } from '../../lib/paths.ts';

export const BENCH_SECRETS = {
  accessToken: 'EAAbench-access-token-0123456789',
  appSecret: 'bench-app-secret-9c1e',
  verifyToken: 'bench-verify-token',
  phoneNumberId: '106540352242922',
} satisfies MetaCredentials;

/** The kinds a batch cycles through, each a fixture with one message. */
const KIND_FIXTURES = [
  'text.json',
  'image-with-caption.json',
  'voice-note.json',
  'location-chosen.json',
  'interactive-button-reply.json',
  'reaction.json',
  'document-with-filename.json',
  'reply-context.json',
  'unicode-escaped-body.json',
  'contacts-shared.json',
];

interface MessageSample {
  contact: WebhookContact;
  message: Record<string, unknown>;
}

let samples: MessageSample[] | undefined;

function messageSamples(): MessageSample[] {
  samples ??= KIND_FIXTURES.map((name) => {
    const payload = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'webhooks', name), 'utf8'));
    const value = payload.entry[0].changes[0].value;
    return { contact: value.contacts[0] as WebhookContact, message: value.messages[0] as Record<string, unknown> };
  });
  return samples;
}

export interface SignedPayload {
  body: Buffer;
  signature: string;
  /** The wamids in payload order. */
  ids: string[];
}

/**
 * A `messages` webhook with `count` messages in one change (Meta batches up to 1,000 updates
 * in one POST), cycling through the sample kinds; every wamid is unique (`tag` keeps
 * payloads of different runs apart).
 */
export function messagesPayload(count: number, tag = 'bench'): SignedPayload {
  const all = messageSamples();
  return payloadOf(
    Array.from({ length: count }, (_, i) => all[i % all.length] as MessageSample),
    tag,
  );
}

/** One single-message payload per sample kind. */
export function oneMessageOfEachKind(tag = 'kind'): SignedPayload[] {
  return messageSamples().map((sample, i) => payloadOf([sample], `${tag}${i}`));
}

function payloadOf(items: readonly MessageSample[], tag: string): SignedPayload {
  const contacts = new Map<string, WebhookContact>();
  const messages: Record<string, unknown>[] = [];
  const ids: string[] = [];
  items.forEach((sample, i) => {
    const id = `wamid.${tag}.${i}.${String(sample.message.type)}`;
    contacts.set(sample.contact.wa_id ?? sample.contact.user_id, sample.contact);
    messages.push({ ...sample.message, id });
    ids.push(id);
  });
  const envelope = webhookEnvelope(
    { wabaId: '102290129340398', phoneNumberId: BENCH_SECRETS.phoneNumberId, displayPhoneNumberDigits: '15550783881' },
    [[{ contacts: [...contacts.values()], messages }]],
  );
  const body = Buffer.from(metaJson(envelope), 'utf8');
  return { body, signature: metaSignature(body, BENCH_SECRETS.appSecret), ids };
}
