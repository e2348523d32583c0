// Benchmark 5: the send path. whatsapp/send-text called the way another component calls it
// (call-component-function, a fresh instance per call as in asterai) against the Graph API
// emulator in its own process; with retries on (the default budget) and off (budget 0) to
// show what the retry machinery costs when nothing fails; a long-lived instance to show what
// instantiation costs; and, as the baseline, the same HTTP request made by Node's fetch.
import { startEmulator } from '../../src/emulator/spawn.ts';
import { COMPONENT_NAME } from '../lib/components.ts';
import { measureAlternating, emptySeries, type Series } from './lib/alternating.ts';
import { startBenchEnvironment, type BenchEnvironment } from './lib/bench-environment.ts';
import { BENCH_SECRETS } from './lib/payloads.ts';
import { benchCommand, table, type Benchmark } from './lib/report.ts';
import { deltaMs, median, ms, perSecond, ratio, summarize } from './lib/stats.ts';

const USER = '15550109999';
const BODY = 'Your order #4417 has shipped and will arrive on Thursday.';

export const sendPath: Benchmark = {
  id: 'send',
  title: '5. Send path',
  async run({ quick }) {
    const rounds = quick ? 2 : 8;
    const perRound = quick ? 5 : 25;
    const emulator = await startEmulator({ accessToken: BENCH_SECRETS.accessToken, phoneNumberId: BENCH_SECRETS.phoneNumberId, statusDelayMs: -1 });
    const environments: BenchEnvironment[] = [];
    try {
      const env = (extra: Record<string, string>) =>
        startBenchEnvironment({ instancePerRequest: true, env: { WHATSAPP_API_BASE_URL: emulator.url, ...extra } }).then((e) => {
          environments.push(e);
          return e;
        });
      const withRetries = await env({});
      const withoutRetries = await env({ WHATSAPP_SEND_RETRY_BUDGET_MS: '0' });
      const longLived = await startBenchEnvironment({
        instancePerRequest: true,
        instancePerCall: false,
        env: { WHATSAPP_API_BASE_URL: emulator.url },
      });
      environments.push(longLived);

      const args = JSON.stringify([USER, BODY, false, null]);
      const anomalies: string[] = [];
      const viaComponent = (e: BenchEnvironment) => () => {
        const outcome = e.environment.call(COMPONENT_NAME, 'whatsapp/send-text', args);
        const ids: unknown = 'ok' in outcome ? JSON.parse(outcome.ok) : undefined;
        if (!Array.isArray(ids) || ids.length !== 1) anomalies.push(`send-text did not return one wamid: ${JSON.stringify(outcome).slice(0, 200)}`);
      };
      // What the component sends for send-text (see tests/component/send.test.ts), sent by Node.
      const graphUrl = `${emulator.url}/v25.0/${BENCH_SECRETS.phoneNumberId}/messages`;
      const graphBody = JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: USER, type: 'text', text: { body: BODY } });
      const viaNodeFetch = async () => {
        const res = await fetch(graphUrl, {
          method: 'POST',
          headers: { authorization: `Bearer ${BENCH_SECRETS.accessToken}`, 'content-type': 'application/json' },
          body: graphBody,
        });
        const json = (await res.json()) as { messages?: { id: string }[] };
        if (!json.messages?.[0]?.id) throw new Error(`send: the emulator answered ${res.status}`);
      };

      const series: [Series, () => void | Promise<void>][] = [
        [emptySeries('send-text, fresh instance, retries on (default budget 5 s)'), viaComponent(withRetries)],
        [emptySeries('send-text, fresh instance, retries off (budget 0)'), viaComponent(withoutRetries)],
        [emptySeries('send-text, long-lived instance, retries on'), viaComponent(longLived)],
        [emptySeries('Node `fetch` of the same Graph request (baseline)'), viaNodeFetch],
      ];
      await measureAlternating(series, { rounds, perRound, warmUp: quick ? 2 : 10 });

      const [on, off, warm, node] = series.map(([s]) => s) as [Series, Series, Series, Series];
      const rows = series.map(([s]) => {
        const l = summarize(s.latencies);
        return [s.label, perSecond(median(s.rates)), ms(l.median), ms(l.p99), ratio(l.median, median(node.latencies))];
      });
      const overhead = median(on.latencies) / median(off.latencies);
      const body = [
        '`whatsapp/send-text` of a one-part text, called as another component calls it (`call-component-function`',
        'with JSON arguments, the Node host\'s `Environment.call`), one call at a time, against the Graph API emulator',
        '(`src/emulator`) in its own process on loopback, every call answered with success. Retries on is the default',
        '`WHATSAPP_SEND_RETRY_BUDGET_MS` (5000); off is 0; the difference is the cost of the retry machinery when nothing',
        'fails. A fresh instance per call is the asterai model; the long-lived instance (`instancePerCall: false`) shows',
        'how much of a call is instantiation. Baseline: the same Graph request (URL, headers, JSON body) made with Node\'s',
        `\`fetch\` from the benchmark process. ${rounds} rounds of ${perRound} sends per series, alternating, after a warm-up.`,
        '',
        `Command: \`${benchCommand('send')}\``,
        '',
        table(['series', 'sends/s', 'latency median', 'latency p99', '÷ Node fetch (median)'], rows),
        '',
        `**Retry machinery when nothing fails:** retries on ÷ retries off = ${ratio(median(on.latencies), median(off.latencies))} at the median,`,
        `${ratio(summarize(on.latencies).p99, summarize(off.latencies).p99)} at p99 (${deltaMs(median(on.latencies) - median(off.latencies))} per send at the median):`,
        'one request either way; the retry loop only wraps it.',
        '',
        '**Reading.** A send is one Graph round trip plus, in the asterai model, a fresh instance:',
        `instantiation and the call\'s boundary crossings are most of the ${ms(median(on.latencies))}; on a long-lived instance a`,
        `send takes ${ms(median(warm.latencies))}. The guest\'s outgoing HTTP goes through preview2-shim, which runs it on a`,
        'worker thread while the host thread waits, so sends through one host are sequential.',
      ].join('\n');
      return {
        body,
        targets: [
          {
            target: 'send path: sends/s against the local Graph fake, retry overhead when nothing fails (no numeric target)',
            measured: `${perSecond(median(on.rates))} (fresh instance per call), ${perSecond(median(warm.rates))} (long-lived); retry overhead ${ratio(median(on.latencies), median(off.latencies))}`,
            met: overhead < 1.1,
            note: 'met when the retry machinery adds under 10 % at the median when nothing fails.',
          },
        ],
        anomalies,
        headline: `${Math.round(median(on.rates))} sends/s with a fresh instance per call (${Math.round(median(warm.rates))} on a long-lived one); retries cost ${ratio(median(on.latencies), median(off.latencies))} when nothing fails`,
      };
    } finally {
      for (const e of environments) await e.close();
      await emulator.stop();
    }
  },
};
