import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import type { Environment } from '../../src/host/environment.ts';
import { LISTENER, loadProbeEnvironment, okJson, PROBE, type CapturedLine } from './support/probe-environment.ts';

const point = { x: 1, y: 2, label: null, color: 'dark-blue' };
const place = { x: 3, y: 4 };

describe('Environment.call (call-component-function)', () => {
  let environment: Environment;
  let stdout: CapturedLine[];
  let stderr: CapturedLine[];
  const allowedDir = mkdtempSync(join(tmpdir(), 'host-allow-'));
  const call = (fn: string, args: unknown[]) => environment.call(PROBE, fn, JSON.stringify(args));

  beforeAll(async () => {
    ({ environment, stdout, stderr } = await loadProbeEnvironment({ allowDirs: [allowedDir] }));
  });
  afterAll(async () => {
    await environment.close();
    rmSync(allowedDir, { recursive: true, force: true });
  });

  describe('round-trips values through JSON', () => {
    it.each<[string, unknown[], unknown]>([
      ['shapes/move-point', [point, 5], { ...point, x: 6 }],
      ['shapes/move-point', [{ ...point, label: 'here', extra: 'ignored' }, -1], { ...point, x: 0, label: 'here' }],
      ['shapes/describe', [{ tag: 'rect', value: { ...point, label: 'r' } }], 'rect at 1,2 dark-blue r'],
      ['shapes/describe', [{ tag: 'empty' }], 'empty'],
      ['shapes/grow', [{ tag: 'circle', value: 3 }], { tag: 'circle', value: 6 }],
      ['shapes/grow', [{ tag: 'empty' }], { tag: 'empty' }],
      ['shapes/classify', [7], 'positive'],
      ['shapes/classify', [-3], { error: { code: 422, reason: 'negative: -3' } }],
      ['shapes/check', [false], null],
      ['shapes/check', [true], { error: 'asked to fail' }],
      ['shapes/sum-bytes', [[1, 2, 250]], 253],
      ['shapes/make-bytes', [4], [0, 1, 2, 3]],
      ['shapes/double-all', [[1, 2]], [2, 4]],
      ['shapes/swap', [['a', 9]], [9, 'a']],
      ['shapes/grant', [['read', 'exec-all']], ['read', 'write', 'exec-all']],
      ['shapes/maybe', [null], null],
      ['shapes/maybe', ['hi'], 'HI'],
      ['shapes/deep', [null], null],
      ['shapes/deep', [7], 7],
      ['shapes/tally', [[1, { error: 'no' }]], [2, { error: 'no' }]],
      ['shapes/ratio', [1, 4], 0.25],
      ['shapes/initial', ['é'], 'É'],
      ['shapes/echo-ids', [[1, 9_007_199_254_740_991]], [1, 9_007_199_254_740_991]],
      ['shapes/nothing', [], null],
    ])('%s %j', (fn, args, expected) => {
      expect(okJson(call(fn, args))).toEqual(expected);
    });

    it('keeps u64 results exact in the JSON text', () => {
      expect(call('shapes/big', [9_007_199_254_740_991, -5])).toEqual({ ok: '[9007199254740992,-6]' });
    });
  });

  describe('answers every failure with asterai call-error kinds and messages', () => {
    it.each<[string, string, string, { kind: string; message: string }]>([
      ['nobody:here', 'shapes/nothing', '[]', { kind: 'component-not-found', message: "component 'nobody:here' not found" }],
      ['not-a-name', 'shapes/nothing', '[]', { kind: 'component-not-found', message: "invalid component name: 'not-a-name' is not 'namespace:name'" }],
      [PROBE, 'shapes/unknown', '[]', { kind: 'function-not-found', message: "function 'shapes/unknown' not found on 'host-test:probe'" }],
      [PROBE, 'nothing', '[]', { kind: 'function-not-found', message: "function 'nothing' not found on 'host-test:probe'" }],
      [PROBE, 'shapes/nothing', '[', { kind: 'invalid-args', message: expect.stringMatching(/^invalid JSON args: /) }],
      [PROBE, 'shapes/nothing', '{}', { kind: 'invalid-args', message: 'invalid JSON args: expected a JSON array of positional arguments' }],
      [PROBE, 'shapes/move-point', '[]', { kind: 'invalid-args', message: 'expected 2 arg(s), got 0' }],
      [PROBE, 'shapes/move-point', JSON.stringify([{ x: 1, y: 2, color: 'red' }, 1]), { kind: 'invalid-args', message: "failed to convert args: missing field 'label'" }],
      [PROBE, 'shapes/move-point', JSON.stringify([{ ...point, color: 'blue' }, 1]), {
        kind: 'invalid-args',
        message: `failed to convert args: invalid enum value 'blue', expected one of: ["red", "green", "dark-blue"]`,
      }],
      [PROBE, 'shapes/make-bytes', '[256]', { kind: 'invalid-args', message: 'failed to convert args: integer 256 out of range for u8' }],
      [PROBE, 'shapes/ratio', '[1, 0]', { kind: 'serialization-failed', message: 'f64 value Infinity is not representable in JSON' }],
    ])('%s %s %s', (component, fn, args, error) => {
      expect(environment.call(component, fn, args)).toEqual({ err: error });
    });
  });

  it('reports a trap as invocation-failed, and the next call works on a fresh instance', () => {
    expect(call('probe/trap', ['kaboom'])).toEqual({
      err: { kind: 'invocation-failed', message: 'wasm trap: wasm `unreachable` instruction executed' },
    });
    expect(stderr).toContainEqual({ component: PROBE, line: 'kaboom' });
    expect(okJson(call('probe/bump', []))).toBe(1);
  });

  it('serves every call with a fresh instance: module state does not survive', () => {
    expect([okJson(call('probe/bump', [])), okJson(call('probe/bump', [])), okJson(call('probe/bump', []))]).toEqual([1, 1, 1]);
  });

  it('hands the environment variables to every instance', () => {
    expect(okJson(call('probe/env-var', ['GREETING']))).toBe('hello from the environment');
    expect(okJson(call('probe/env-var', ['HOME']))).toBeNull();
  });

  it('gives no arguments and an empty, closed stdin (as wasmtime does)', () => {
    expect(JSON.parse(okJson(call('probe/stdio-view', [])) as string)).toEqual({ args: [], stdin: 'closed' });
  });

  it('preopens exactly the allowed directories, at their host path', () => {
    expect(okJson(call('probe/preopens', []))).toEqual([allowedDir]);
  });

  it('prints component output line by line under the component name', () => {
    call('probe/log', ['first line\nsecond line']);
    expect(stdout).toEqual(expect.arrayContaining([
      { component: PROBE, line: 'first line' },
      { component: PROBE, line: 'second line' },
    ]));
  });

  describe('nested calls through asterai:host/api', () => {
    const note = (text: string) => ({ text, author: null, at: place });
    const callListener = (text: string) =>
      okJson(call('probe/call', [LISTENER, 'listener/on-note', JSON.stringify([note(text)])]));

    it('passes records and options to the other component and returns its result', () => {
      expect(callListener('hello')).toBe('null');
      expect(stdout).toContainEqual({ component: LISTENER, line: `listener got ${JSON.stringify({ text: 'hello', at: place })}` });
    });

    it('lets the callee call back into the caller (on a fresh instance of it)', () => {
      expect(callListener('call back')).toBe('null');
      expect(stdout).toContainEqual({ component: LISTENER, line: 'listener called back: 1' });
    });

    it('gives the callee the environment variables too', () => {
      callListener('env');
      expect(stdout).toContainEqual({ component: LISTENER, line: 'listener env: hello from the environment' });
    });

    it('returns a trap of the callee to the caller as invocation-failed', () => {
      expect(callListener('boom')).toEqual({
        error: JSON.stringify({ kind: 'invocation-failed', message: 'wasm trap: wasm `unreachable` instruction executed' }),
      });
      expect(okJson(call('probe/bump', []))).toBe(1);
    });

    it('returns call errors to the caller as values', () => {
      expect(okJson(call('probe/call', [LISTENER, 'listener/on-note', '[{}]']))).toEqual({
        error: JSON.stringify({ kind: 'invalid-args', message: "failed to convert args: missing field 'text'" }),
      });
      expect(okJson(call('probe/call', ['nobody:here', 'a/b', '[]']))).toEqual({
        error: JSON.stringify({ kind: 'component-not-found', message: "component 'nobody:here' not found" }),
      });
    });
  });

  describe('asterai:host/api reports the environment', () => {
    let view: Record<string, unknown>;
    beforeAll(() => {
      view = JSON.parse(okJson(call('probe/host-view', [])) as string);
    });

    it('lists components, and the others without the caller', () => {
      expect(view.runtime).toEqual({ version: '0.1.0-node' });
      expect(view.all).toEqual([PROBE, LISTENER]);
      expect(view.others).toEqual([LISTENER]);
      expect(view.missing).toBeNull();
    });

    it('checks implemented interfaces by exact fully qualified name', () => {
      expect(view.implementsShapes).toBe(true);
      expect(view.implementsShort).toBe(false);
    });

    it('describes a component: interfaces, docs and typed functions', () => {
      const self = view.self as Record<string, unknown> & { functions: Record<string, unknown>[] };
      expect(self).toMatchObject({
        name: PROBE,
        version: '0.1.0',
        interfaces: ['host-test:probe/shapes@0.1.0', 'host-test:probe/probe@0.1.0', 'wasi:cli/run@0.2.0', 'wasi:http/incoming-handler@0.2.0'],
        description:
          'A component that probes the Node host.\n\n' +
          'shapes: Every shape of value that crosses call-component-function as JSON.\n\n' +
          'probe: What the host does around calls: state, env, files, traps, nested calls.',
      });
      const movePoint = self.functions.find((fn) => fn.name === 'move-point');
      expect(movePoint).toMatchObject({
        interfaceName: 'shapes',
        description: 'Moves a point right by `dx`.',
        inputs: [
          { name: 'p', typeName: 'point', typeSchema: 'record { x: s32, y: s32, label: option<string>, color: enum { red, green, dark-blue } }' },
          { name: 'dx', typeName: 's32', typeSchema: 's32' },
        ],
        output: { typeName: 'point' },
      });
      const classify = self.functions.find((fn) => fn.name === 'classify');
      expect(classify).toMatchObject({ output: { typeName: 'result<string, failure>' } });
      // asterai lists the functions of WASI exports too (asterai:mcp-server skips `run` and `incoming-handler`).
      expect(self.functions.filter((fn) => fn.interfaceName === 'run')).toMatchObject([
        { name: 'run', inputs: [], output: { typeName: 'result<_, _>', typeSchema: 'result<_, _>' } },
      ]);
      expect(self.functions.find((fn) => fn.name === 'handle')).toMatchObject({
        interfaceName: 'incoming-handler',
        inputs: [{ name: 'request', typeName: 'unknown' }, { name: 'response-out', typeName: 'unknown' }],
      });
    });
  });
});

describe('Environment.run (wasi:cli/run at start)', () => {
  it.each([
    ['ok', { status: 'ok' }],
    ['err', { status: 'err', message: 'wasi:cli/run returned an error' }],
    ['exit', { status: 'trapped', message: "component 'host-test:probe' called wasi:cli/exit (failure)" }],
  ])('reports a run that ends with %s, and only runs components that export run', async (mode, outcome) => {
    const { environment, stdout } = await loadProbeEnvironment({ env: { PROBE_RUN: mode } });
    try {
      expect(environment.run()).toEqual({ outcomes: [{ component: PROBE, ...outcome }] });
      expect(environment.run()).toEqual({ outcomes: [{ component: PROBE, ...outcome }] });
      expect(stdout.filter((entry) => entry.line.startsWith('probe run'))).toEqual([{ component: PROBE, line: `probe run: ${mode}` }]);
    } finally {
      await environment.close();
    }
  });
});

describe('Environment.load', () => {
  it.each([
    [{ name: 'host-test:probe', wasm: '/nonexistent/probe.wasm' }, "cannot load component 'host-test:probe' (/nonexistent/probe.wasm"],
    [{ name: 'Bad Name' }, "invalid component name 'Bad Name': expected 'namespace:name'"],
    [{ name: 'host-test:probe', wit: new URL('../../wit', import.meta.url).pathname }, "exports 'host-test:probe/shapes@0.1.0', which"],
  ])('names the component and the cause when it cannot load %j', async (override, message) => {
    await expect(loadProbeEnvironment({ components: [{ ...probeSource(), ...override }] })).rejects.toThrow(message);
  });

  it('refuses the same component name twice', async () => {
    const probe = probeSource();
    await expect(loadProbeEnvironment({ components: [probe, probe] })).rejects.toThrow(
      "component 'host-test:probe' is listed twice in acme/lab",
    );
  });
});

function probeSource() {
  return { name: PROBE, ...componentFiles(COMPONENTS.hostProbe) };
}
