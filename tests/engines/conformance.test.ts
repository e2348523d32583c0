// Differential conformance: every case of cases.ts on the Node host (jco + V8) and on wasmtime
// (the engine asterai runs), compared field by field: the same value, or the same error kind,
// code and retryable flag (and the same message once run-specific ids are masked); the same
// Graph requests; the same log lines; and the access token in no answer and no log line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { RecordedRequest } from '../../src/emulator/types.ts';
import { COMPONENTS, componentFiles, EXAMPLE_AGENT_NAME } from '../../scripts/lib/components.ts';
import { readdir } from 'node:fs/promises';
import { CALL_CASES, HANDLER_CASES, INBOX_CASES, RUN_CASES, SECRETS, SEEDED_PDF, type Seeded } from './cases.ts';
import { ENGINES, EnginePair, PRODUCT, type Both, type EngineAnswer, type EngineName } from './engine-pair.ts';

const wasmtime = inject('wasmtime');
const HANDLER_LAYOUTS = [
  { name: 'the agent and asterai:whatsapp on wasmtime', onWasmtime: [EXAMPLE_AGENT_NAME, PRODUCT] },
  { name: 'the agent on wasmtime, asterai:whatsapp on the Node host', onWasmtime: [EXAMPLE_AGENT_NAME] },
];
const counted = { node: 0, wasmtime: 0 };

describe.runIf(wasmtime.ready)('the same answers on the Node host and on wasmtime', () => {
  afterAll(() => {
    const inTable = CALL_CASES.length + RUN_CASES.length + INBOX_CASES.length + HANDLER_LAYOUTS.length * HANDLER_CASES.length;
    console.log(`conformance: ${counted.node} cases run on the Node host, ${counted.wasmtime} on wasmtime (of ${inTable} in the table)`);
  });

  describe('every send function, succeeding and under each fault', () => {
    let pair: EnginePair;
    const seeded = {} as Both<Seeded>;
    beforeAll(async () => {
      // Retries on (the default budget). The timeout is short, so that a Graph that never answers
      // costs little, but long enough that no answer of a busy machine's emulator runs into it
      // (a retry on one engine only would make the two logs differ).
      pair = await EnginePair.start({ graph: true, env: { WHATSAPP_API_TIMEOUT_MS: '1500' } });
      for (const engine of ENGINES) seeded[engine] = { mediaId: await seedMedia(pair.graph(engine).url) };
    });
    afterAll(async () => {
      await pair?.stop();
    });
    beforeEach(async () => {
      await Promise.all(ENGINES.map((engine) => pair.graph(engine).clearFaults()));
    });

    it.for(CALL_CASES)('$name', async (row) => {
      for (const engine of ENGINES) if (row.faults?.length) await pair.graph(engine).addFaults(row.faults);
      const argsOf = (engine: EngineName) => (typeof row.args === 'function' ? row.args(seeded[engine]) : row.args);
      const answers = await pair.call(row.fn, { node: argsOf('node'), wasmtime: argsOf('wasmtime') });
      const masks = (engine: EngineName) => ({ [seeded[engine].mediaId]: '<seeded media id>' });
      for (const engine of ENGINES) counted[engine]++;

      const [node, onWasmtime] = ENGINES.map((engine) => comparable(answers[engine], masks(engine)));
      expect(onWasmtime).toStrictEqual(node);
      for (const engine of ENGINES) expect(JSON.stringify([answers[engine].value, answers[engine].logs])).not.toContain(SECRETS.accessToken);
    });
  });

  // A handler on wasmtime whose call-component-function goes back to the test process, which
  // serves it on the Node host or, for a component on wasmtime, in the wasmtime host again.
  describe.for(HANDLER_LAYOUTS)('the example agent answering through call-component-function ($name)', ({ onWasmtime }) => {
    let pair: EnginePair;
    beforeAll(async () => {
      pair = await EnginePair.start({ graph: true, components: [{ name: EXAMPLE_AGENT_NAME, ...componentFiles(COMPONENTS.exampleAgent) }], onWasmtime });
    });
    afterAll(async () => {
      await pair?.stop();
    });

    it.for(HANDLER_CASES)('$name', async (row) => {
      for (const engine of ENGINES) {
        await pair.graph(engine).clearFaults();
        if (row.faults) await pair.graph(engine).addFaults(row.faults);
      }
      const answers = await pair.call('incoming-handler/on-message', { node: [row.message], wasmtime: [row.message] }, EXAMPLE_AGENT_NAME);
      for (const engine of ENGINES) counted[engine]++;
      expect(answers.node.value).toStrictEqual({ ok: 'null' });
      expect(answers.node.requests.length).toBeGreaterThanOrEqual(2);
      const [node, onWasmtimeEngine] = ENGINES.map((engine) => comparable(answers[engine], {}));
      expect(onWasmtimeEngine).toStrictEqual(node);
    });
  });

  describe('the inbox: dead letters, re-dispatch and replay, each engine over its own state dir', () => {
    const dirs: string[] = [];
    afterAll(async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    it.for(INBOX_CASES)('$name', async (row) => {
      const stateDirs = {} as Both<string>;
      for (const engine of ENGINES) {
        stateDirs[engine] = await mkdtemp(join(tmpdir(), `whatsapp-inbox-${engine}-`));
        dirs.push(stateDirs[engine]);
        if (typeof row.stateDir === 'object') await row.stateDir.prepare?.(stateDirs[engine]);
      }
      const pair = await EnginePair.start({
        perEngine: Object.fromEntries(
          ENGINES.map((engine) => [
            engine,
            row.stateDir === 'none'
              ? {}
              : { env: { WHATSAPP_STATE_DIR: stateDirs[engine] }, allowDirs: row.stateDir === 'not granted' ? [] : [stateDirs[engine]] },
          ]),
        ),
      });
      try {
        const answers = await pair.call(row.fn, { node: row.args, wasmtime: row.args });
        for (const engine of ENGINES) counted[engine]++;
        const [node, onWasmtime] = ENGINES.map((engine) => comparable(answers[engine], { [stateDirs[engine]]: '<state dir>' }));
        expect(onWasmtime).toStrictEqual(node);
        expect(node?.outcome).toHaveProperty('ok');
        // What each left in its state dir is the same too.
        const left = await Promise.all(ENGINES.map((engine) => stateFiles(stateDirs[engine])));
        expect(left[1]).toEqual(left[0]);
      } finally {
        await pair.stop();
      }
    });
  });

  describe('wasi:cli/run: the setup check', () => {
    const dirs: string[] = [];
    afterAll(async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    it.for(RUN_CASES)('$name', async (row) => {
      const stateDir = row.stateDir ? await mkdtemp(join(tmpdir(), 'whatsapp-state-')) : undefined;
      if (stateDir) dirs.push(stateDir);
      const pair = await EnginePair.start({
        env: { ...row.env, ...(stateDir ? { WHATSAPP_STATE_DIR: stateDir } : {}) },
        allowDirs: row.stateDir === 'granted' && stateDir ? [stateDir] : [],
      });
      try {
        const answers = await pair.run();
        for (const engine of ENGINES) counted[engine]++;
        expect(answers.node.value?.status).toMatch(/^(ok|err)$/);
        const [node, onWasmtime] = ENGINES.map((engine) => ({ status: answers[engine].value?.status, logs: answers[engine].logs.map(mask) }));
        expect(onWasmtime).toStrictEqual(node);
        for (const engine of ENGINES) expect(JSON.stringify(answers[engine])).not.toContain(SECRETS.accessToken);
      } finally {
        await pair.stop();
      }
    });
  });
});

/** The inbox's and dead letters' files in a state dir, journal ids masked (a re-dispatch draws new ones). */
async function stateFiles(dir: string): Promise<string[]> {
  const names = await Promise.all(
    ['asterai-whatsapp-inbox', 'asterai-whatsapp-dead-letters'].map(async (sub) => (await readdir(join(dir, sub)).catch(() => [])).map((name) => `${sub}/${name}`)),
  );
  return names.flat().map((name) => name.replace(/\/\d{13}-[0-9a-f]{8}\./, '/<journal>.')).sort();
}

/** An answer with what differs between two runs of the same call masked: ids Graph made up, timings. */
function comparable(answer: EngineAnswer<unknown>, masks: Record<string, string>) {
  const maskAll = (text: string) => mask(Object.entries(masks).reduce((t, [from, to]) => t.split(from).join(to), text));
  const outcome = answer.value as { ok: string } | { err: { kind: string; message: string } };
  return {
    outcome: 'ok' in outcome ? { ok: maskValue(JSON.parse(outcome.ok), maskAll) } : { err: { kind: outcome.err.kind, message: maskAll(outcome.err.message) } },
    logs: answer.logs.map(maskAll),
    requests: answer.requests.map((request) => comparableRequest(request, maskAll)),
  };
}

function comparableRequest(request: RecordedRequest, maskAll: (text: string) => string) {
  return {
    method: request.method,
    path: maskAll(request.path),
    authorization: request.headers.authorization === `Bearer ${SECRETS.accessToken}` ? 'Bearer <the access token>' : request.headers.authorization,
    contentType: request.headers['content-type']?.replace(/boundary=.*/, 'boundary=<boundary>'),
    json: request.json === undefined ? undefined : maskValue(request.json, maskAll),
    multipart: request.multipart,
  };
}

function maskValue(value: unknown, maskAll: (text: string) => string): unknown {
  if (typeof value === 'string') return maskAll(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, maskAll));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'trace-id' && typeof v === 'string' ? '<trace>' : maskValue(v, maskAll)]));
  }
  return value;
}

/** Ids the emulator makes up per request (wamids, media ids, fbtrace ids, attachment URLs) and waits chosen at random. */
function mask(text: string): string {
  return text
    .replace(/wamid\.[A-Za-z0-9+/=_-]+/g, '<wamid>')
    .replace(/\b\d{15,17}\b/g, '<id>')
    .replace(/(fbtrace_id|trace-id|trace)(["':= ]+)[A-Za-z0-9_-]{10,}/g, '$1$2<trace>')
    .replace(/([?&](?:mid|hash|ext|ts|expires)=)[^&"\s]*/g, '$1<q>')
    .replace(/\b\d+ ms\b/g, '<n> ms');
}

async function seedMedia(graphUrl: string): Promise<string> {
  const response = await fetch(`${graphUrl}/_emulator/media`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mimeType: 'application/pdf', dataBase64: Buffer.from(SEEDED_PDF).toString('base64'), filename: 'terms.pdf' }),
  });
  return ((await response.json()) as { id: string }).id;
}
