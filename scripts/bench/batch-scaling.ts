// Benchmark 3: batches of 1, 10, 100 and 1,000 messages in one signed POST, verified, parsed
// and dispatched inside one long-lived component instance whose call-component-function the
// host answers at once, so the time is the component's. Baseline in the same run: the same
// work natively in Node (lib/native-webhook.ts) on the same bytes.
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import { MAX_WEBHOOK_BYTES } from '../../src/guest/inbound/webhook-endpoint.ts';
import { BENCH_HANDLER, countingCalls, startBenchEnvironment, type BenchEnvironment } from './lib/bench-environment.ts';
import { startLoadClient, webhookPost, type LoadRequest } from './lib/load.ts';
import { nativeWebhook } from './lib/native-webhook.ts';
import { BENCH_SECRETS, messagesPayload, type SignedPayload } from './lib/payloads.ts';
import { benchCommand, table, type Benchmark } from './lib/report.ts';
import { bytes, deltaMs, median, ms, ratio, summarize } from './lib/stats.ts';

const SIZES = [1, 10, 100, 1000] as const;
const TARGET_MS = 250;

interface Measured {
  guest: number[];
  ack: number[];
  native: number[];
}

export const batchScaling: Benchmark = {
  id: 'batch',
  title: '3. Batch scaling',
  async run({ quick }) {
    const reps: Record<(typeof SIZES)[number], number> = quick ? { 1: 10, 10: 8, 100: 4, 1000: 3 } : { 1: 60, 10: 40, 100: 20, 1000: 14 };
    const counter = countingCalls();
    let lastGuestMs = Number.NaN;
    const onHttpServed = (_component: string, timing: { handleMs: number }) => {
      lastGuestMs = timing.handleMs;
    };
    const full = await startBenchEnvironment({ instancePerRequest: false, guestCalls: counter.guestCalls, onHttpServed });
    const noHandlers = await startBenchEnvironment({
      instancePerRequest: false,
      guestCalls: counter.guestCalls,
      onHttpServed,
      env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: '' },
    });
    const native = nativeWebhook({ appSecret: BENCH_SECRETS.appSecret, handlers: [BENCH_HANDLER], call: counter.guestCalls });
    const client = await startLoadClient();

    const payloads = new Map<number, SignedPayload>(SIZES.map((n) => [n, messagesPayload(n, `batch${n}`)]));
    const measured = new Map<number, Measured>(SIZES.map((n) => [n, { guest: [], ack: [], native: [] }]));

    const anomalies: string[] = [];
    /** One POST through the host: the guest's time and the client's time to the answer, or undefined if it was not `expectStatus`. */
    const post = async (env: BenchEnvironment, request: LoadRequest, expectStatus: number, what: string) => {
      lastGuestMs = Number.NaN;
      const result = await client.run({ origin: env.origin, requests: [request], count: 1, concurrency: 1 });
      if (result.statuses[0] !== expectStatus) {
        anomalies.push(`${what}: expected ${expectStatus}, got ${result.statuses[0]}${result.errors[0] ? ` (${result.errors[0]})` : ''}; left out`);
        return undefined;
      }
      return { guest: lastGuestMs, ack: result.latenciesMs[0] ?? Number.NaN };
    };
    const nativeOnce = (payload: SignedPayload) => {
      const started = performance.now();
      const answer = native.accept(payload.body, payload.signature);
      if (answer.payload === undefined) throw new Error('batch: the native baseline refused the payload');
      native.dispatch(answer.payload);
      return performance.now() - started;
    };

    const breakdown = { rejected: [] as number[], notWhatsApp: [] as number[], parsedOnly: [] as number[] };
    try {
      const largest = payloads.get(1000);
      if (!largest || largest.body.length > MAX_WEBHOOK_BYTES) throw new Error('batch: the 1,000-message payload is over 3 MiB');
      // Warm-up: V8 compiles the component's wasm lazily and tiers it up as it runs.
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        await post(full, webhookPost(full.webhookPath, largest.body, largest.signature), 200, 'warm-up');
        await post(noHandlers, webhookPost(noHandlers.webhookPath, largest.body, largest.signature), 200, 'warm-up');
        nativeOnce(largest);
      }
      for (const pass of [0, 1]) {
        for (const n of SIZES) {
          const payload = payloads.get(n);
          const into = measured.get(n);
          if (!payload || !into) continue;
          const count = pass === 0 ? Math.ceil(reps[n] / 2) : Math.floor(reps[n] / 2);
          const request = webhookPost(full.webhookPath, payload.body, payload.signature);
          for (let i = 0; i < count; i++) {
            counter.reset();
            const measured = await post(full, request, 200, `${n} messages`);
            if (measured && counter.calls() !== n) anomalies.push(`${n} messages: ${counter.calls()} dispatched; left out`);
            else if (measured) {
              into.guest.push(measured.guest);
              into.ack.push(measured.ack);
            }
            counter.reset();
            into.native.push(nativeOnce(payload));
            if (counter.calls() !== n) throw new Error(`batch: native baseline dispatched ${counter.calls()} of ${n}`);
          }
        }
      }
      // Where the time of the largest batch goes: the same bytes, stopped at each stage.
      const notWhatsApp = Buffer.from(largest.body.toString('utf8').replace('"whatsapp_business_account"', '"page"'));
      const stage = async (into: number[], env: BenchEnvironment, request: LoadRequest, status: number, what: string) => {
        const measured = await post(env, request, status, what);
        if (measured) into.push(measured.guest);
      };
      for (let i = 0; i < (quick ? 2 : 8); i++) {
        await stage(breakdown.rejected, full, webhookPost(full.webhookPath, largest.body, metaSignature(largest.body, 'not-the-secret')), 401, 'breakdown, bad signature');
        await stage(breakdown.notWhatsApp, full, webhookPost(full.webhookPath, notWhatsApp, metaSignature(notWhatsApp, BENCH_SECRETS.appSecret)), 200, 'breakdown, not WhatsApp');
        await stage(breakdown.parsedOnly, noHandlers, webhookPost(noHandlers.webhookPath, largest.body, largest.signature), 200, 'breakdown, no handler');
      }
    } finally {
      await client.stop();
      await full.close();
      await noHandlers.close();
    }

    const rows = SIZES.map((n) => {
      const m = measured.get(n) as Measured;
      const g = summarize(m.guest);
      const b = summarize(m.native);
      const size = payloads.get(n)?.body.length ?? 0;
      return [
        n.toLocaleString('en-US'),
        bytes(size),
        ms(g.median),
        ms(g.p99),
        ms(g.median / n),
        ms(b.median),
        ms(b.p99),
        ms(b.median / n),
        ratio(g.median, b.median),
        ms(median(m.ack)),
      ];
    });
    const at = (n: number) => median(measured.get(n)?.guest ?? []);
    const perMessage = (n: number) => at(n) / n;
    const marginalLarge = (at(1000) - at(100)) / 900;
    const marginalSmall = (at(100) - at(10)) / 90;
    const full1000 = summarize(measured.get(1000)?.guest ?? []);
    const stages = [
      ['read the body and check the signature (refused: bad signature)', median(breakdown.rejected)],
      ['+ `JSON.parse` (signed, but not a WhatsApp payload)', median(breakdown.notWhatsApp)],
      ['+ `parseWebhook`, one summary log line (no handler configured)', median(breakdown.parsedOnly)],
      ['+ dispatch: each event written as WIT JSON (`witJsonText`) and passed to call-component-function (the full figure)', full1000.median],
    ] as const;
    const breakdownRows = stages.map(([stage, value], i) => [stage, ms(value), i === 0 ? '' : deltaMs(value - (stages[i - 1]?.[1] ?? 0))]);
    const dispatchShare = (full1000.median - median(breakdown.parsedOnly)) / full1000.median;
    const met = full1000.median < TARGET_MS;

    const body = [
      'One signed POST per batch: *n* messages in one change, cycling through ten kinds (text, image, voice, location,',
      'button reply, reaction, document, reply, escaped Unicode, contacts) taken from the test fixtures, serialised as Meta',
      'does. One long-lived instance of the built component serves them (`instancePerRequest: false`) and dispatches',
      'every message to one handler through call-component-function, which the host answers at once (`guestCalls`): the',
      "time is the component's incoming-handler from start to the last dispatch (`onHttpServed`), counted on the host.",
      'Every run checks that exactly *n* calls were made. Baseline, alternating with it: the same bytes through the',
      'native path of benchmark 1 (`node:crypto` HMAC, `JSON.parse`, `parseWebhook`, the same calls), timed in-process.',
      `Repetitions: ${SIZES.map((n) => `${reps[n]} × ${n.toLocaleString('en-US')}`).join(', ')}, after a warm-up.`,
      '"200 after" is when the client had the answer: the component acknowledges before it dispatches.',
      '',
      `Command: \`${benchCommand('batch')}\``,
      '',
      table(
        ['messages', 'body', 'component median', 'p99', 'per message', 'native median', 'p99', 'per message', 'component ÷ native', '200 after'],
        rows,
      ),
      '',
      `**Linear cost.** Per message: ${SIZES.map((n) => `${ms(perMessage(n))} at ${n.toLocaleString('en-US')}`).join(', ')}.`,
      `The fixed cost of a request (reading it, the signature, the answer) dominates small batches; beyond that each`,
      `message costs the same: ${ms(marginalSmall)} per extra message from 10 to 100, ${ms(marginalLarge)} from 100 to`,
      `1,000 (${ratio(marginalLarge, marginalSmall)}). Per message at 1,000 ÷ at 100: ${ratio(perMessage(1000), perMessage(100))}.`,
      '',
      '**Where the 1,000-message batch goes** (medians, same bytes stopped at each stage):',
      '',
      table(['stage', 'cumulative', 'step'], breakdownRows),
      '',
      `**Reading.** ${met ? `The target is met, ${ratio(TARGET_MS, full1000.median)} under it.` : `The target (${TARGET_MS} ms) is missed by ${ms(full1000.median - TARGET_MS)} (${ratio(full1000.median, TARGET_MS)}).`}`,
      'Reading and verifying 300 KB, `JSON.parse` and `parseWebhook` are the smaller part; the component logs one summary',
      `line per delivery, not one per event. The time is the dispatch, ${Math.round(dispatchShare * 100)} % of it: one call-component-function per event`,
      "and handler. Each call passes its three strings into the guest's memory through the bindings componentize-js",
      "generates, which count a string's UTF-8 length character by character in JavaScript, run by StarlingMonkey's",
      'interpreter (no JIT in wasm): the cost grows with the length of the event\'s JSON (~450 characters here), which',
      'asterai needs in full (every field of the record a key). One-off builds, not rebuilt by this script, measured on',
      'this batch: with the call replaced by a stub inside the guest, about a third of the full figure; with the same calls',
      'carrying 6-character arguments, a little over half. What would cut it further lies outside the component: ahead-of-time',
      'compiled JavaScript (componentize-js `enableAot`, weval), which needs a binary download at build time and is not',
      'available here, or bindings that measure strings natively; under asterai, wasmtime runs the guest instead of V8',
      'and the jco bindings, so the boundary cost differs.',
    ].join('\n');
    return {
      body,
      targets: [
        {
          target: `a 1,000-message batch verified, parsed and dispatched in under ${TARGET_MS} ms inside the component`,
          measured: `${ms(full1000.median)} median, ${ms(full1000.p99)} p99 (${ms(perMessage(1000))} per message); native ${ms(median(measured.get(1000)?.native ?? []))}`,
          met,
          note: met
            ? `${ratio(TARGET_MS, full1000.median)} under the target; per-message cost flat (${ratio(perMessage(1000), perMessage(100))} from 100 to 1,000).`
            : `missed by ${ms(full1000.median - TARGET_MS)} (${ratio(full1000.median, TARGET_MS)}); cost is linear (${ratio(perMessage(1000), perMessage(100))} per message from 100 to 1,000). Why and what would close it: benchmark 3.`,
        },
      ],
      anomalies,
      headline: `a 1,000-message batch in ${ms(full1000.median)} (${ms(perMessage(1000))} per message, linear)`,
    };
  },
};
