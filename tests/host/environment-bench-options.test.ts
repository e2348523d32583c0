// The host options that exist for benchmarks and load tests only: long-lived instances for
// calls, a guestCalls stand-in for call-component-function, and onHttpServed timings.
import { describe, expect, it } from 'vitest';
import type { HttpServedTiming } from '../../src/host/environment.ts';
import { LISTENER, loadProbeEnvironment, PROBE } from './support/probe-environment.ts';

describe('instancePerCall: false', () => {
  it('keeps one instance per component for its calls, and replaces it after a trap', async () => {
    const { environment } = await loadProbeEnvironment({ instancePerCall: false });
    try {
      const bump = () => environment.call(PROBE, 'probe/bump', '[]');
      expect([bump(), bump(), bump()]).toEqual([{ ok: '1' }, { ok: '2' }, { ok: '3' }]);
      expect(environment.call(PROBE, 'probe/trap', JSON.stringify(['on purpose']))).toEqual({
        err: { kind: 'invocation-failed', message: expect.any(String) },
      });
      expect([bump(), bump()]).toEqual([{ ok: '1' }, { ok: '2' }]);
    } finally {
      await environment.close();
    }
  });

  it('is off by default: a fresh instance per call, as in asterai', async () => {
    const { environment } = await loadProbeEnvironment();
    try {
      const bump = () => environment.call(PROBE, 'probe/bump', '[]');
      expect([bump(), bump()]).toEqual([{ ok: '1' }, { ok: '1' }]);
    } finally {
      await environment.close();
    }
  });
});

describe('guestCalls', () => {
  it('answers the calls guests make, and leaves the host\'s own calls alone', async () => {
    const asked: [string, string, string][] = [];
    const { environment } = await loadProbeEnvironment({
      guestCalls: (component, fn, args) => {
        asked.push([component, fn, args]);
        return { ok: '"from the stand-in"' };
      },
    });
    try {
      expect(environment.call(PROBE, 'probe/call', JSON.stringify([LISTENER, 'listener/anything', '[1]']))).toEqual({ ok: '"\\"from the stand-in\\""' });
      expect(asked).toEqual([[LISTENER, 'listener/anything', '[1]']]);
      expect(environment.call(PROBE, 'probe/bump', '[]')).toEqual({ ok: '1' });
      expect(asked).toHaveLength(1);
    } finally {
      await environment.close();
    }
  });
});

describe('onHttpServed', () => {
  it('reports instantiation (none for a reused instance) and handler time per request', async () => {
    const timings: [string, HttpServedTiming][] = [];
    const { environment } = await loadProbeEnvironment({ instancePerRequest: false, onHttpServed: (component, timing) => timings.push([component, timing]) });
    try {
      const { url } = await environment.listen();
      for (const path of ['a', 'b']) expect((await fetch(`${url}acme/lab/host-test/probe/${path}`)).status).toBe(200);
      expect(timings.map(([component]) => component)).toEqual([PROBE, PROBE]);
      const [first, second] = timings.map(([, timing]) => timing);
      expect(first?.instantiateMs).toBeGreaterThan(0);
      expect(second?.instantiateMs).toBeLessThan(1);
      for (const timing of [first, second]) expect(timing?.handleMs).toBeGreaterThan(0);
    } finally {
      await environment.close();
    }
  });
});
