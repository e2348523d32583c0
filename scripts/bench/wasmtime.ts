// Benchmark 6: the component on wasmtime, the engine asterai runs, beside the Node host (jco +
// V8) in the same run: compiling the component, a fresh instance, and whatsapp/send-text on a
// fresh and on a long-lived instance against the Graph API emulator, with Node's `fetch` of the
// same Graph request as the baseline. wasmtime runs in the wasmtime host of src/wasmtime-host
// (wasmtime-py, a Python process driven over JSON lines); its own timings (inside the engine)
// are given beside the round trips measured here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/spawn.ts';
import { loadTranspiledComponent } from '../../src/host/component/transpiled-component.ts';
import { prepareWasmtime } from '../../src/wasmtime-host/readiness.ts';
import { WasmtimeEnvironment, type CallTiming } from '../../src/wasmtime-host/wasmtime-environment.ts';
import { COMPONENT_NAME, COMPONENTS, witDirOf } from '../lib/components.ts';
import { credentialsEnv } from '../../src/sandbox/credentials.ts';
import { measureAlternating, emptySeries, type Series } from './lib/alternating.ts';
import { countingCalls, ensureComponentBuilt, startBenchEnvironment, type BenchEnvironmentOptions } from './lib/bench-environment.ts';
import { BENCH_SECRETS } from './lib/payloads.ts';
import { benchCommand, table, type Benchmark } from './lib/report.ts';
import { median, ms, perSecond, ratio, summarize } from './lib/stats.ts';

const USER = '15550109999';
const BODY = 'Your order #4417 has shipped and will arrive on Thursday.';

/** With, for wasmtime, the time inside the engine (instantiation + the call) per send. */
type EngineSeries = Series & { inEngine?: number[] };

export const wasmtimeEngine: Benchmark = {
  id: 'wasmtime',
  title: '6. wasmtime, the engine asterai runs',
  async run({ quick }) {
    const wasm = await ensureComponentBuilt();
    const readiness = await prepareWasmtime(wasm);
    if (!readiness.ready) throw new Error(`wasmtime is not available: ${readiness.reason}`);
    const compileSamples = quick ? 1 : 3;
    const instantiations = quick ? 10 : 100;
    const rounds = quick ? 2 : 8;
    const perRound = quick ? 5 : 25;

    const emulator = await startEmulator({ accessToken: BENCH_SECRETS.accessToken, phoneNumberId: BENCH_SECRETS.phoneNumberId, statusDelayMs: -1 });
    const closers: (() => Promise<void>)[] = [() => emulator.stop()];
    try {
      const env = { ...credentialsEnv(BENCH_SECRETS), WHATSAPP_API_BASE_URL: emulator.url };
      const inEngine: { fresh: number[]; kept: number[] } = { fresh: [], kept: [] };
      const onWasmtime = async (instancePerCall: boolean, timings: number[]) => {
        const environment = await WasmtimeEnvironment.load({
          namespace: 'bench',
          name: 'env',
          components: [{ name: COMPONENT_NAME, wasm, wit: witDirOf(COMPONENTS.whatsapp) }],
          env,
          instancePerCall,
          onCallServed: (_component, timing: CallTiming) => timings.push(timing.instantiateMs + timing.callMs),
          stdout: () => {},
          stderr: () => {},
        });
        closers.push(() => environment.close());
        return environment;
      };
      const wasmtimeFresh = await onWasmtime(true, inEngine.fresh);
      const wasmtimeKept = await onWasmtime(false, inEngine.kept);
      const onNode = async (instancePerCall: boolean, onHttpServed?: BenchEnvironmentOptions['onHttpServed']) => {
        const environment = await startBenchEnvironment({ wasm, instancePerRequest: true, instancePerCall, env, guestCalls: countingCalls().guestCalls, onHttpServed });
        closers.push(() => environment.close());
        return environment;
      };
      const nodeInstantiations: number[] = [];
      const nodeFresh = await onNode(true, (_component, timing) => nodeInstantiations.push(timing.instantiateMs));
      const nodeKept = await onNode(false);

      // Compilation: wasmtime's Cranelift against the Node host's cold load (jco transpile + V8 compile).
      const compile = { wasmtime: [] as number[], node: [] as number[], cached: [] as number[] };
      for (let i = 0; i < compileSamples; i++) {
        compile.wasmtime.push(await wasmtimeFresh.process.compile(wasm));
        const cacheDir = await mkdtemp(join(tmpdir(), 'bench-transpile-'));
        const started = performance.now();
        await loadTranspiledComponent(wasm, cacheDir);
        compile.node.push(performance.now() - started);
        await rm(cacheDir, { recursive: true, force: true });
      }
      for (let i = 0; i < (quick ? 2 : 5); i++) {
        const report = await wasmtimeFresh.process.load({ component: `bench:cached-${i}`, wasm, env: {}, dirs: [] });
        compile.cached.push(report.loadMs);
      }

      // A fresh instance: inside wasmtime, against the Node host's instantiation for a request.
      const verify = `${nodeFresh.origin}${nodeFresh.webhookPath}?hub.mode=subscribe&hub.verify_token=${BENCH_SECRETS.verifyToken}&hub.challenge=42`;
      const wasmtimeInstantiations: number[] = [];
      for (let i = 0; i < instantiations; i++) {
        wasmtimeInstantiations.push(await wasmtimeFresh.process.instantiate(COMPONENT_NAME));
        await (await fetch(verify)).text();
      }

      // send-text, alternating series.
      const args = JSON.stringify([USER, BODY, false, null]);
      const anomalies: string[] = [];
      const check = (outcome: { ok: string } | { err: unknown }) => {
        const ids: unknown = 'ok' in outcome ? JSON.parse(outcome.ok) : undefined;
        if (!Array.isArray(ids) || ids.length !== 1) anomalies.push(`send-text did not return one wamid: ${JSON.stringify(outcome).slice(0, 200)}`);
      };
      const graphUrl = `${emulator.url}/v25.0/${BENCH_SECRETS.phoneNumberId}/messages`;
      const graphBody = JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: USER, type: 'text', text: { body: BODY } });
      const series: [EngineSeries, () => unknown][] = [
        [{ ...emptySeries('wasmtime: fresh instance + send-text'), inEngine: inEngine.fresh }, async () => check(await wasmtimeFresh.call(COMPONENT_NAME, 'whatsapp/send-text', args))],
        [{ ...emptySeries('wasmtime: long-lived instance + send-text'), inEngine: inEngine.kept }, async () => check(await wasmtimeKept.call(COMPONENT_NAME, 'whatsapp/send-text', args))],
        [emptySeries('Node host: fresh instance + send-text'), () => check(nodeFresh.environment.call(COMPONENT_NAME, 'whatsapp/send-text', args))],
        [emptySeries('Node host: long-lived instance + send-text'), () => check(nodeKept.environment.call(COMPONENT_NAME, 'whatsapp/send-text', args))],
        [
          emptySeries('Node `fetch` of the same Graph request (baseline)'),
          async () => {
            const res = await fetch(graphUrl, { method: 'POST', headers: { authorization: `Bearer ${BENCH_SECRETS.accessToken}`, 'content-type': 'application/json' }, body: graphBody });
            const json = (await res.json()) as { messages?: { id: string }[] };
            if (!json.messages?.[0]?.id) throw new Error(`wasmtime bench: the emulator answered ${res.status}`);
          },
        ],
      ];
      for (const [, send] of series) for (let i = 0; i < (quick ? 2 : 10); i++) await send();
      inEngine.fresh.length = 0;
      inEngine.kept.length = 0;
      await measureAlternating(series, { rounds, perRound, warmUp: 0 });

      const [wFresh, wKept, nFresh, nKept, baseline] = series.map(([s]) => s) as [EngineSeries, EngineSeries, EngineSeries, EngineSeries, EngineSeries];
      const base = median(baseline.latencies);
      const sendRows = series.map(([s]) => {
        const l = summarize(s.latencies);
        const engine = s.inEngine ? summarize(s.inEngine) : undefined;
        return [s.label, perSecond(median(s.rates)), ms(l.median), ms(l.p99), ratio(l.median, base), engine ? `${ms(engine.median)} / ${ms(engine.p99)}` : '—'];
      });
      const c = { w: summarize(compile.wasmtime), n: summarize(compile.node), cached: summarize(compile.cached) };
      const inst = { w: summarize(wasmtimeInstantiations), n: summarize(nodeInstantiations) };
      const body = [
        'The same built `component.wasm` on wasmtime (wasmtime-py ' + readiness.wasmtimeVersion + ', the Python embedding of the engine asterai embeds in Rust;',
        '`src/wasmtime-host`) and on the Node host (jco + V8, `src/host`), measured side by side in one run. wasmtime serves every call',
        'with a fresh `Store` and instance as asterai does, with wasi:http\'s own client for the Graph request; its host runs in its',
        'own process, so a call measured here includes a JSON-lines round trip to it (the "inside the engine" column leaves it out).',
        `Sends go to the Graph API emulator (\`src/emulator\`) on loopback, one at a time; ${rounds} rounds of ${perRound} per series, alternating,`,
        'after a warm-up. Baseline: the same Graph request (URL, headers, JSON body) made with Node\'s `fetch`.',
        '',
        `Command: \`${benchCommand('wasmtime')}\``,
        '',
        table(
          ['step', 'wasmtime median', 'wasmtime p99', 'Node host median', 'Node host p99', 'wasmtime ÷ Node host'],
          [
            [`compile the component (${compileSamples} × each; Node host: jco transpile + V8 compile)`, ms(c.w.median), ms(c.w.max), ms(c.n.median), ms(c.n.max), ratio(c.w.median, c.n.median)],
            [`load it compiled (wasmtime's cache, as asterai's \`Config::cache\`; ${compile.cached.length} ×)`, ms(c.cached.median), ms(c.cached.p99), '—', '—', '—'],
            [`a fresh instance (${instantiations} ×; Node host: for a request)`, ms(inst.w.median), ms(inst.w.p99), ms(inst.n.median), ms(inst.n.p99), ratio(inst.w.median, inst.n.median)],
          ],
        ),
        '',
        table(['series', 'sends/s', 'latency median', 'latency p99', '÷ Node fetch (median)', 'inside wasmtime, median / p99'], sendRows),
        '',
        '**Reading.** asterai runs this component on wasmtime, compiles it once (its compilation cache), and serves every request and',
        'every call with a fresh instance. So the figures that describe production are wasmtime\'s: a fresh instance in',
        `${ms(inst.w.median)}, and a send on a fresh instance in ${ms(median(inEngine.fresh))} inside the engine (${ms(median(wFresh.latencies))} with this host\'s round trip,`,
        `${ratio(median(wFresh.latencies), base)} Node\'s own \`fetch\`), against ${ms(median(nFresh.latencies))} on the Node host, ${ratio(median(nFresh.latencies), median(wFresh.latencies))} the wasmtime round trip.`,
        `A fresh instance costs ${ratio(inst.w.median, inst.n.median)} on wasmtime what it costs on the Node host; a long-lived instance saves`,
        `${ms(median(wFresh.latencies) - median(wKept.latencies))} a send on wasmtime and ${ms(median(nFresh.latencies) - median(nKept.latencies))} on the Node host. Compiling costs ${ms(c.w.median)} once per`,
        `build of the component; loading it compiled, ${ms(c.cached.median)}. The Node host figures of the other sections describe`,
        '`npm start` and the tests, not production.',
      ].join('\n');
      return {
        body,
        targets: [
          {
            target: 'wasmtime (production): a fresh instance plus one send-text (no numeric target)',
            measured: `${ms(median(inEngine.fresh))} inside wasmtime, ${perSecond(median(wFresh.rates))} through the test host; Node host ${perSecond(median(nFresh.rates))}`,
            met: median(wFresh.latencies) < median(nFresh.latencies),
            note: 'met when a fresh-instance send on wasmtime is faster than on the Node host, which the earlier figures describe.',
          },
        ],
        anomalies,
        headline: `on wasmtime a fresh instance takes ${ms(inst.w.median)} and a fresh instance + send-text ${ms(median(inEngine.fresh))} inside the engine (${perSecond(median(wFresh.rates))} through the test host, Node host ${perSecond(median(nFresh.rates))}); compile ${ms(c.w.median)} once`,
      };
    } finally {
      for (const close of closers.reverse()) await close();
    }
  },
};
