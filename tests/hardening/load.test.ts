// Load on the BUILT component: 10,000 signed webhooks at concurrency 16 over loopback, one in
// ten with a bad signature, from a client in another process (the host's thread blocks while a
// guest runs), with a recorder as the counting handler. Nothing may be lost, duplicated or
// answered 5xx, and every forged delivery is refused and never dispatched.
//
// Every valid delivery must be accepted the first time, on a long-lived instance too (README.md
// here, "Signatures on a long-lived instance"). LOAD_STRICT=0 instead counts a refused one and
// delivers it again, as Meta does (for days), to see whether anything would be lost.
//
// One long-lived instance of the component serves every request and one of the recorder
// every call (instancePerRequest and instancePerCall false): with a fresh instance per request
// and per call, as in asterai, the 10,000 take ~4 minutes on 2 cores (~25 ms each), too long
// for CI; the fresh-instance path is covered by the other end-to-end tests and by
// `npm run bench -- cold-start`. LOAD_COUNT=<n> changes the count.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLoadClient, webhookPost, type LoadClient, type LoadRequest } from '../../scripts/bench/lib/load.ts';
import { messagesPayload } from '../../scripts/bench/lib/payloads.ts';
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import { SECRETS, TestEnvironment } from '../support/harness.ts';

const COUNT = Number(process.env.LOAD_COUNT ?? 10_000);
const CONCURRENCY = 16;
const COUNTER = 'test:counter';

let t: TestEnvironment;
let client: LoadClient;

beforeAll(async () => {
  t = await TestEnvironment.start({ recorders: [COUNTER], instancePerRequest: false, instancePerCall: false });
  client = await startLoadClient();
});
afterAll(async () => {
  await client?.stop();
  await t?.stop();
});

/** The ways a forged or broken delivery arrives, in turn. */
const FORGERIES: ((body: Uint8Array, other: Uint8Array) => string | undefined)[] = [
  (body) => metaSignature(body, 'not-the-app-secret'),
  () => undefined,
  (body) => metaSignature(body, SECRETS.appSecret).slice(0, -2),
  // A genuine signature, replayed onto another body.
  (_body, other) => metaSignature(other, SECRETS.appSecret),
];

it(`${COUNT.toLocaleString('en-US')} webhooks at concurrency ${CONCURRENCY}, 10 % forged: every forged one refused and never dispatched; none lost, none duplicated, no 5xx`, async () => {
  const requests: LoadRequest[] = [];
  const good = new Set<string>();
  const bad = new Set<string>();
  for (let i = 0; i < COUNT; i++) {
    const { body, ids } = messagesPayload(1, `load${i}`);
    const id = ids[0] as string;
    const forged = i % 10 === 5;
    const forgery = FORGERIES[Math.floor(i / 10) % FORGERIES.length];
    const signature = forged && forgery ? forgery(body, messagesPayload(1, `other${i}`).body) : metaSignature(body, SECRETS.appSecret);
    (forged ? bad : good).add(id);
    requests.push(webhookPost(t.webhookPath, body, signature));
  }

  const result = await client.run({ origin: t.origin, requests, count: COUNT, concurrency: CONCURRENCY, timeoutMs: 30_000 });
  const seconds = result.elapsedMs / 1000;
  console.log(`load: ${COUNT} webhooks in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)}/s) at concurrency ${CONCURRENCY}`);

  const unanswered = result.statuses.flatMap((status, i) => (status === 0 ? [`#${i}: ${result.errors[i]}`] : []));
  expect(unanswered).toEqual([]);
  expect(result.statuses.filter((status) => status >= 500)).toEqual([]);
  const forgedAccepted = result.statuses.flatMap((status, i) => (i % 10 === 5 && status !== 401 ? [`#${i}: ${status}`] : []));
  expect(forgedAccepted).toEqual([]);

  let refused = result.statuses.flatMap((status, i) => (i % 10 !== 5 && status !== 200 ? [i] : []));
  const firstRefusals = refused.map((i) => `#${i}: ${result.statuses[i]}`);
  if (process.env.LOAD_STRICT !== '0') expect(firstRefusals).toEqual([]);
  // Meta delivers again what was not acknowledged.
  for (let round = 0; round < 3 && refused.length > 0; round++) {
    const again = await client.run({ origin: t.origin, requests: refused.map((i) => requests[i] as LoadRequest), count: refused.length, concurrency: 1 });
    refused = refused.filter((_, k) => again.statuses[k] !== 200);
  }
  expect(refused.map((i) => `#${i}`)).toEqual([]);
  if (firstRefusals.length > 0) {
    console.warn(
      `load: ${firstRefusals.length} valid deliveries were refused the first time (${firstRefusals.slice(0, 5).join(', ')}) and accepted when delivered again ` +
        '(tests/hardening/README.md, "Signatures on a long-lived instance")',
    );
  }

  // The last 200 goes out before its dispatch; the host runs guests on this thread, so the
  // dispatch has ended by the time this line runs. The retry only guards against a slow disk.
  let recorded: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const text = await readFile(join(t.recorderDir, `${COUNTER.replace(':', '_')}.jsonl`), 'utf8');
    recorded = text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { arg: { id: string } }).arg.id);
    if (recorded.length >= good.size) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const counts = new Map<string, number>();
  for (const id of recorded) counts.set(id, (counts.get(id) ?? 0) + 1);
  const lost = [...good].filter((id) => !counts.has(id));
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const leaked = recorded.filter((id) => bad.has(id));
  expect({ lost: lost.length, duplicated: duplicated.length, leaked: leaked.length }).toEqual({ lost: 0, duplicated: 0, leaked: 0 });
  expect(recorded.length).toBe(good.size);
  expect(t.hostReports()).toEqual([]);
  expect(t.logOf()).not.toMatch(/NOT delivered/);
}, 600_000);
