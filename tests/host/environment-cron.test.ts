// asterai:host-cron/scheduler as a guest sees it on the Node host: the probe component creates,
// lists and cancels schedules, and a schedule calls the listener on a fresh instance.
import { afterEach, describe, expect, it } from 'vitest';
import type { Environment } from '../../src/host/environment.ts';
import { LISTENER, loadProbeEnvironment, okJson, PROBE, type CapturedLine } from './support/probe-environment.ts';

let environment: Environment | undefined;
afterEach(async () => {
  await environment?.close();
  environment = undefined;
});

async function load(): Promise<{ environment: Environment; stdout: CapturedLine[]; stderr: CapturedLine[] }> {
  const loaded = await loadProbeEnvironment();
  environment = loaded.environment;
  return loaded;
}

const call = (env: Environment, fn: string, args: unknown[]) => env.call(PROBE, fn, JSON.stringify(args));

describe('asterai:host-cron/scheduler on the Node host', () => {
  it('creates, lists and cancels the schedules of the calling component', async () => {
    const { environment } = await load();
    const note = JSON.stringify([{ text: 'tick', author: null, at: { x: 0, y: 0 } }]);
    expect(okJson(call(environment, 'probe/schedule', ['0 0 * * *', LISTENER, 'listener/on-note', note]))).toBe(1);
    expect(okJson(call(environment, 'probe/schedules', []))).toBe(
      JSON.stringify([{ id: 1, cron: '0 0 * * *', componentName: LISTENER, functionName: 'listener/on-note', argsJson: note }]),
    );
    expect(environment.schedules().map((s) => [s.id, s.owner])).toEqual([[1, PROBE]]);
    expect(okJson(call(environment, 'probe/unschedule', [2]))).toEqual({ error: 'schedule 2 not found' });
    expect(okJson(call(environment, 'probe/unschedule', [1]))).toBeNull();
    expect(okJson(call(environment, 'probe/schedules', []))).toBe('[]');
  });

  it("answers asterai's errors for an expression or a call it cannot schedule", async () => {
    const { environment } = await load();
    expect(okJson(call(environment, 'probe/schedule', ['hourly', LISTENER, 'listener/on-note', '[]']))).toEqual({ error: 'expected 5, 6, or 7 cron fields, got 1' });
    expect(okJson(call(environment, 'probe/schedule', ['* * * * *', 'acme:nobody', 'listener/on-note', '[]']))).toEqual({ error: "component 'acme:nobody' not found" });
    expect(okJson(call(environment, 'probe/schedule', ['* * * * *', LISTENER, 'listener/on-note', '[]']))).toEqual({ error: 'expected 1 arg(s), got 0' });
    expect(environment.schedules()).toEqual([]);
  });

  it('calls the function at the times the expression names, until the environment closes', async () => {
    const { environment, stdout } = await load();
    const note = JSON.stringify([{ text: 'tick', author: null, at: { x: 1, y: 2 } }]);
    expect(okJson(call(environment, 'probe/schedule', ['* * * * * *', LISTENER, 'listener/on-note', note]))).toBe(1);
    const ticks = () => stdout.filter((l) => l.component === LISTENER && l.line.startsWith('listener got {"text":"tick"')).length;
    const deadline = Date.now() + 5000;
    while (ticks() < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ticks()).toBeGreaterThanOrEqual(2);
    await environment.close();
    const after = ticks();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(ticks()).toBe(after);
  });

  it('reports a scheduled call that fails on the owner\'s stderr', async () => {
    const { environment, stderr } = await load();
    const boom = JSON.stringify([{ text: 'boom', author: null, at: { x: 0, y: 0 } }]);
    expect(okJson(call(environment, 'probe/schedule', ['* * * * * *', LISTENER, 'listener/on-note', boom]))).toBe(1);
    const deadline = Date.now() + 4000;
    const failed = () => stderr.find((l) => l.component === PROBE && l.line.startsWith('host: cron schedule 1 call failed: '));
    while (!failed() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failed()?.line).toContain('wasm trap');
  });
});
