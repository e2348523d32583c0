// Fuzzing the send functions on wasmtime, the engine asterai runs: any arguments a caller can
// send through call-component-function (wit-arbitrary.ts) get a typed answer every time, never a
// trap: a value or a send-error that fits the WIT result type, or asterai's invalid-args when the
// JSON does not fit the parameters. A fresh instance serves every call, as in asterai.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { jsonToJco } from '../../src/host/json-abi/to-jco.ts';
import { loadWitDirectory } from '../../src/host/wit/load-directory.ts';
import { WasmtimeEnvironment } from '../../src/wasmtime-host/wasmtime-environment.ts';
import { COMPONENT_NAME, COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import { credentialsEnv } from '../../src/sandbox/credentials.ts';
import { SECRETS } from '../support/harness.ts';
import { argumentFor } from './wit-arbitrary.ts';

const wasmtime = inject('wasmtime');
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PRODUCT = COMPONENT_NAME;
const product = componentFiles(COMPONENTS.whatsapp);

const wit = loadWitDirectory(product.wit);
const SEND_FUNCTIONS = [
  ...wit.findInterface('asterai:whatsapp/whatsapp@0.3.0')!.functions.map((fn) => ({ name: `whatsapp/${fn.name}`, fn })),
  ...wit.findInterface('asterai:whatsapp/api@0.3.0')!.functions.map((fn) => ({ name: `api/${fn.name}`, fn })),
].filter(({ fn }) => fn.params.length > 0);

describe.runIf(wasmtime.ready)('any arguments to a send function on wasmtime', () => {
  let graph: RunningEmulator;
  let environment: WasmtimeEnvironment;
  const logs: string[] = [];
  const tally = { calls: 0, typed: 0, invalidArgs: 0, started: performance.now() };

  beforeAll(async () => {
    graph = await startEmulator({ accessToken: SECRETS.accessToken, phoneNumberId: SECRETS.phoneNumberId, statusDelayMs: -1 });
    environment = await WasmtimeEnvironment.load({
      namespace: 'acme',
      name: 'fuzz',
      components: [{ name: PRODUCT, ...product }],
      env: {
        ...credentialsEnv(SECRETS),
        WHATSAPP_API_BASE_URL: graph.url,
        WHATSAPP_API_TIMEOUT_MS: '3000',
        WHATSAPP_SEND_RETRY_BUDGET_MS: '0',
      },
      stdout: (_component, line) => logs.push(line),
      stderr: (_component, line) => logs.push(line),
    });
  });
  afterAll(async () => {
    console.log(
      `wasmtime fuzz: ${tally.calls} calls (${RUNS} per function × ${SEND_FUNCTIONS.length} functions) in ${((performance.now() - tally.started) / 1000).toFixed(1)} s: ` +
        `${tally.typed} typed answers, ${tally.invalidArgs} refused by asterai's JSON rules, no trap`,
    );
    await environment?.close();
    await graph?.stop();
  });

  it.for(SEND_FUNCTIONS)('$name', async ({ name, fn }) => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...fn.params.map((param) => argumentFor(param.type))), async (args) => {
        tally.calls++;
        const outcome = await environment.call(PRODUCT, name, JSON.stringify(args));
        if ('err' in outcome) {
          // Only asterai's argument check may refuse a call; invocation-failed is a trap.
          expect(outcome.err.kind).toBe('invalid-args');
          tally.invalidArgs++;
          return;
        }
        const result: unknown = JSON.parse(outcome.ok);
        // Fits the WIT result type: every field there, enums in range (throws otherwise).
        if (fn.result) jsonToJco(fn.result, result);
        expect(outcome.ok).not.toContain(SECRETS.accessToken);
        tally.typed++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    await graph.clearRequests();
    expect(logs.join('\n')).not.toContain(SECRETS.accessToken);
  });
});
