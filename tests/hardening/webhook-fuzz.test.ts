// Property-based fuzzing of the webhook of the BUILT component, over real loopback HTTP through
// the Node host, with two recorder handlers:
// - any request (method, path, headers, body, signature) gets an HTTP answer, never a trap,
//   and nothing is dispatched unless the POST is signed with the app secret over its exact bytes;
// - any valid payload (a random mix of message kinds and statuses, batched in entries and
//   changes, with duplicates) dispatches every event exactly once, in payload order, to every
//   handler in listed order.
// A fresh instance serves every request, as in asterai; the recorders keep one long-lived
// instance each (instancePerCall false) so that a run costs seconds, not minutes.
// FUZZ_LONG_LIVED=1 serves every request with one long-lived instance instead, where whatever
// one input leaves behind meets the next; it is off until the open findings of README.md here
// (a valid signature refused now and then by a long-lived instance) are fixed.
// The seed is printed on failure; FUZZ_SEED=<seed> replays a run, FUZZ_RUNS=<n> changes its size.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metaJson } from '../../src/emulator/webhooks/meta-json.ts';
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import { parseWebhook } from '../../src/guest/core/webhook/parse.ts';
import { WEBHOOK_PATH } from '../../src/guest/inbound/webhook-endpoint.ts';
import { HANDLER_A, HANDLER_B, SECRETS, TestEnvironment } from '../support/harness.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const LONG_LIVED = process.env.FUZZ_LONG_LIVED === '1';

let t: TestEnvironment;

beforeAll(async () => {
  t = await TestEnvironment.start({
    recorders: [HANDLER_A, HANDLER_B],
    env: { WHATSAPP_STATUS_HANDLER_COMPONENTS: `${HANDLER_A},${HANDLER_B}` },
    instancePerRequest: !LONG_LIVED,
    instancePerCall: false,
  });
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  await t.clearRecorded();
});

/** fc.assert with the seed in the failure message, and how to replay it. */
async function check<T>(name: string, property: fc.IAsyncPropertyWithHooks<T>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { seed: SEED, numRuns });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error && error.cause instanceof Error ? `\nCaused by: ${error.cause.message}` : '';
    throw new Error(`${name}: failed with seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run tests/hardening/webhook-fuzz.test.ts)\n${message}${cause}`, { cause: error });
  }
}

// ---- Building blocks of valid payloads: every message and status item of the fixtures. ----

interface Template {
  kind: 'message' | 'status';
  item: Record<string, unknown>;
  contacts: Record<string, unknown>[];
}

const FIXTURES = new URL('../fixtures/webhooks/', import.meta.url);
const templates: Template[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((file) => {
    const payload = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
    return payload.entry.flatMap((entry: { changes: { value: Record<string, unknown> }[] }) =>
      entry.changes.flatMap(({ value }) => {
        const contacts = (value.contacts ?? []) as Record<string, unknown>[];
        const status = ['sent', 'delivered', 'read', 'failed'];
        return [
          ...((value.messages ?? []) as Record<string, unknown>[]).map((item) => ({ kind: 'message' as const, item, contacts })),
          // Only statuses whose value we handle; an unknown one is logged and skipped by design.
          ...((value.statuses ?? []) as Record<string, unknown>[]).filter((s) => status.includes(String(s.status))).map((item) => ({ kind: 'status' as const, item, contacts })),
        ];
      }),
    );
  });

interface GeneratedItem {
  template: number;
  /** Replaces a text message's body: exercises Meta's escaping of every non-ASCII character. */
  text?: string;
  /** Repeats the item generated at this index (mod the items so far) instead: a duplicate. */
  duplicateOf?: number;
}

const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight: number) =>
  fc.oneof({ weight: 10 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary });
const itemArb: fc.Arbitrary<GeneratedItem> = fc.record({
  template: fc.nat({ max: templates.length - 1 }),
  text: sometimes(fc.string({ unit: 'grapheme', maxLength: 40 }), 5),
  duplicateOf: sometimes(fc.nat(), 1),
});
const changeArb = fc.array(itemArb, { minLength: 0, maxLength: 5 });
const entryArb = fc.array(changeArb, { minLength: 1, maxLength: 3 });
const payloadArb = fc.array(entryArb, { minLength: 1, maxLength: 3 });

interface Expected {
  call: 'on-message' | 'on-status';
  id: string;
  content?: string;
}

/** The payload as Meta would send it, and the events it must dispatch, in order, once each. */
function buildPayload(entries: GeneratedItem[][][], runId: number): { body: string; expected: Expected[] } {
  const seenKeys = new Set<string>();
  const generated: { kind: Template['kind']; item: Record<string, unknown> }[] = [];
  const expected: Expected[] = [];
  let counter = 0;
  const entryJson = entries.map((changes) => ({
    id: '102290129340398',
    changes: changes.map((items) => {
      const contacts = new Map<string, Record<string, unknown>>();
      const messages: Record<string, unknown>[] = [];
      const statuses: Record<string, unknown>[] = [];
      for (const g of items) {
        let built: { kind: Template['kind']; item: Record<string, unknown> };
        const template = templates[g.template] as Template;
        if (g.duplicateOf !== undefined && generated.length > 0) {
          built = generated[g.duplicateOf % generated.length] as (typeof generated)[number];
        } else {
          const id = `wamid.fuzz.${runId}.${counter++}`;
          const item: Record<string, unknown> = { ...template.item, id };
          if (template.kind === 'message' && item.type === 'text' && g.text !== undefined) item.text = { body: g.text };
          built = { kind: template.kind, item };
          generated.push(built);
        }
        for (const contact of template.contacts) contacts.set(JSON.stringify(contact), contact);
        (built.kind === 'message' ? messages : statuses).push(built.item);
      }
      // Within a change, messages come before statuses (Meta's order, and the component's).
      for (const [kind, list] of [['message', messages], ['status', statuses]] as const) {
        for (const item of list) {
          const id = String(item.id);
          const key = kind === 'message' ? id : `${id}:${String(item.status)}`;
          if (seenKeys.has(key)) continue;
          seenKeys.add(key);
          const text = item.type === 'text' ? (item.text as { body?: string } | undefined)?.body : undefined;
          expected.push({ call: kind === 'message' ? 'on-message' : 'on-status', id, ...(text !== undefined ? { content: text } : {}) });
        }
      }
      return {
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550783881', phone_number_id: SECRETS.phoneNumberId },
          ...(contacts.size > 0 ? { contacts: [...contacts.values()] } : {}),
          ...(messages.length > 0 ? { messages } : {}),
          ...(statuses.length > 0 ? { statuses } : {}),
        },
      };
    }),
  }));
  return { body: metaJson({ object: 'whatsapp_business_account', entry: entryJson }), expected };
}

// ---- Arbitrary requests. ----

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE'];
const printable = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,38}[\x21-\x7e])?$/);

type SignatureMode = 'valid' | 'none' | 'wrong-secret' | 'other-body' | 'malformed' | 'upper-case' | 'garbage';

const signatureArb = fc.constantFrom<SignatureMode>('valid', 'none', 'wrong-secret', 'other-body', 'malformed', 'upper-case', 'garbage');

function signatureFor(mode: SignatureMode, body: Uint8Array, garbage: string): string | undefined {
  switch (mode) {
    case 'valid':
      return metaSignature(body, SECRETS.appSecret);
    case 'upper-case':
      // Accepted: the prefix and the hex digits are matched without regard to case.
      return metaSignature(body, SECRETS.appSecret).toUpperCase();
    case 'none':
      return undefined;
    case 'wrong-secret':
      return metaSignature(body, `${SECRETS.appSecret}x`);
    case 'other-body':
      return metaSignature(new Uint8Array([...body, 0x20]), SECRETS.appSecret);
    case 'malformed':
      return metaSignature(body, SECRETS.appSecret).slice(0, -1);
    case 'garbage':
      return garbage;
  }
}

const bodyArb = fc.oneof(
  fc.constant(new Uint8Array()),
  fc.uint8Array({ maxLength: 2048 }),
  fc.json().map((text) => new TextEncoder().encode(text)),
  fc.tuple(payloadArb, fc.nat(), fc.nat({ max: 255 })).map(([entries, at, byte]) => {
    // A real payload, with one byte changed or not.
    const bytes = new TextEncoder().encode(buildPayload(entries, 0).body);
    if (byte % 2 === 0 && bytes.length > 0) bytes[at % bytes.length] = byte;
    return bytes;
  }),
);

/** The component's own path, relative to its route prefix (`webhook`). */
const ROUTE = WEBHOOK_PATH.slice(1);
/** Paths close to the webhook's: another case, a final `/`, the first letter percent-encoded, the prefix alone, a fragment (which the client drops), `..`. */
const NEAR_ROUTES = [
  `${ROUTE.charAt(0).toUpperCase()}${ROUTE.slice(1)}`,
  `${ROUTE}/`,
  `%${ROUTE.charCodeAt(0).toString(16)}${ROUTE.slice(1)}`,
  '',
  `${ROUTE}#frag`,
  `../${ROUTE}`,
];

const requestArb = fc.record({
  method: fc.oneof({ weight: 4, arbitrary: fc.constant('POST') }, fc.constantFrom(...METHODS)),
  path: fc.oneof(
    { weight: 6, arbitrary: fc.constant(ROUTE) },
    fc.webQueryParameters().map((q) => `${ROUTE}?${q}`),
    fc.webSegment().map((s) => `${ROUTE}/${s}`),
    fc.webSegment(),
    fc.constantFrom(...NEAR_ROUTES),
    fc.webPath().map((p) => `/${p}`),
  ),
  headers: fc.dictionary(
    fc.oneof(fc.constantFrom('content-type', 'x-hub-signature', 'accept', 'user-agent', 'x-forwarded-for', 'transfer-encoding-x'), fc.stringMatching(/^x-[a-z0-9-]{1,20}$/)),
    printable,
    { maxKeys: 4 },
  ),
  signature: signatureArb,
  garbage: printable,
  body: bodyArb,
});

describe('any request to the webhook', () => {
  it('gets an HTTP answer, never a trap, and dispatches only what a valid signature covers', async () => {
    await check(
      'any request',
      fc.asyncProperty(requestArb, async (r) => {
        await t.clearRecorded();
        const reportsBefore = t.hostReports().length;
        const path = r.path.startsWith('/') ? r.path : `${t.prefix}${r.path}`;
        const headers: Record<string, string> = { ...r.headers };
        const signature = signatureFor(r.signature, r.body, r.garbage);
        if (signature !== undefined) headers['x-hub-signature-256'] = signature;
        const sendsBody = r.method !== 'GET' && r.method !== 'HEAD' ? r.body : undefined;

        const res = await t.send(r.method, path, headers, sendsBody);

        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(500);
        expect(t.hostReports().slice(reportsBefore)).toEqual([]);
        // As the client sends it: `..` resolved, the fragment dropped.
        const routed = new URL(`${t.origin}${path}`).pathname === t.webhookPath;
        const validlySigned = r.signature === 'valid' || r.signature === 'upper-case';
        if (routed && r.method === 'POST') expect(res.status, `the component logged: ${t.logOf().split('\n').slice(-2).join(' | ')}`).toBe(validlySigned ? 200 : 401);
        const calls = await t.recordedCalls();
        if (!(routed && r.method === 'POST' && validlySigned)) {
          expect(calls).toEqual([]);
          return;
        }
        // Signed: exactly the events the payload holds, to each handler in turn.
        let payload: unknown;
        try {
          payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(r.body));
        } catch {
          expect(calls).toEqual([]);
          return;
        }
        const events = parseWebhook(payload).events;
        expect(calls.length).toBe(events.length * 2);
      }),
      RUNS * 2,
    );
    // Still serving after all of it (the last run's calls cleared first: it may have dispatched some).
    await t.clearRecorded();
    const { body, expected } = buildPayload([[[{ template: 0 }]]], -1);
    const res = await t.send('POST', t.webhookPath, { 'x-hub-signature-256': metaSignature(body, SECRETS.appSecret) }, new TextEncoder().encode(body));
    expect(res.status).toBe(200);
    expect((await t.recordedCalls()).map((c) => c.arg.id)).toEqual(expected.flatMap((e) => [e.id, e.id]));
  });
});

describe('any valid payload', () => {
  let run = 0;
  it('dispatches every event exactly once, in payload order, to every handler in listed order', async () => {
    await check(
      'valid payloads',
      fc.asyncProperty(payloadArb, async (entries) => {
        await t.clearRecorded();
        const { body, expected } = buildPayload(entries, run++);
        const bytes = new TextEncoder().encode(body);
        const res = await t.send('POST', t.webhookPath, { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(bytes, SECRETS.appSecret) }, bytes);
        expect(res.status).toBe(200);
        const calls = await t.recordedCalls();
        expect(calls.map((c) => [c.component, c.call, c.arg.id])).toEqual(expected.flatMap((e) => [[HANDLER_A, e.call, e.id], [HANDLER_B, e.call, e.id]]));
        for (const [i, e] of expected.entries()) {
          if (e.content !== undefined) expect(calls[i * 2]?.arg.content).toBe(e.content);
        }
        expect(t.hostReports()).toEqual([]);
        expect(t.logOf()).not.toMatch(/NOT delivered/);
      }),
      RUNS,
    );
  });
});
