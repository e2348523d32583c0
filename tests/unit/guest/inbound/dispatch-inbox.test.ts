// The inbox's delivery mechanics over an in-memory state dir (the real claim and inbox ports on
// top): journal, claims, marks, retries, dead letters, take-overs and replays, on a clock the
// test moves.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../../src/guest/core/config.ts';
import type { RetryPolicy } from '../../../../src/guest/core/inbox/handler-retry.ts';
import type { InboundEvent } from '../../../../src/guest/core/webhook/events.ts';
import { dispatchInbox, HOLDER_GONE_AFTER_MS, type InboxPorts } from '../../../../src/guest/inbound/inbox-pass.ts';
import {
  deadLetterViews,
  dispatchAfterDelivery,
  journalDelivery,
  openInbox,
  redispatchDeadLetters,
  replayAtStart,
  replayDue,
} from '../../../../src/guest/inbound/inbox.ts';
import { routeEvents } from '../../../../src/guest/inbound/routing.ts';
import type { CallOutcome } from '../../../../src/guest/ports/host-api.ts';
import { log, message } from '../support/events.ts';
import { MemoryStateDir } from '../support/memory-state-dir.ts';

const T0 = 1_764_000_000_000;
const INBOX = 'asterai-whatsapp-inbox';
const CLAIMS = 'asterai-whatsapp-claims';
const DEAD = 'asterai-whatsapp-dead-letters';

type Answer = (handler: string, id: string, attempt: number) => CallOutcome;
const ok: Answer = () => ({ ok: true, json: 'null' });
const trap = (message = 'wasm trap: unreachable'): CallOutcome => ({ ok: false, error: { kind: 'invocation-failed', message } });

/** `callMs`: how long each handler call takes on the test's clock (default 0). */
function setup(options: { handlers?: string; policy?: RetryPolicy; answer?: Answer; callMs?: number } = {}) {
  const clock = { now: T0 };
  const state = new MemoryStateDir(() => clock.now);
  const lines = log();
  const calls: string[] = [];
  const attempts = new Map<string, number>();
  let seed = 0;
  const random = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 31 + 7) % 256));
  const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: options.handlers ?? 'a:one' });
  const ports = (holder: string, answer: Answer = options.answer ?? ok): InboxPorts => ({
    ...openInbox(state, { handlerMaxAttempts: options.policy?.maxAttempts ?? 6, handlerRetryWindowMs: options.policy?.windowMs ?? 3_600_000 }, {
      call: (handler, _fn, args) => {
        const id = (JSON.parse(args) as [{ id: string }])[0].id;
        calls.push(`${handler} ${id}`);
        const n = (attempts.get(`${handler} ${id}`) ?? 0) + 1;
        attempts.set(`${handler} ${id}`, n);
        clock.now += options.callMs ?? 0;
        return answer(handler, id, n);
      },
      log: lines,
      now: () => clock.now,
      random,
    }),
    holder,
  });
  const a = ports('holder-a');
  const journal = (events: InboundEvent[], by: InboxPorts = a) => journalDelivery(by, routeEvents(events, config), random);
  return { state, lines, calls, clock, a, ports, journal, random };
}

describe('a delivery with a state dir', () => {
  it('is journaled (leased, written, synced) before anything is dispatched, then dispatched: each handler once, each call marked, the journal removed', async () => {
    const { state, a, calls, journal, lines } = setup({ handlers: 'a:one,b:two' });
    const own = journal([message('wamid.1'), message('wamid.2')]);
    const id = own.id;
    expect(state.names(INBOX)).toEqual([`${id}.journal`, `${id}.lease`]);
    expect(state.read(`${INBOX}/${id}.lease`)).toBe('holder-a');
    expect(state.operations.get('syncDirectory')).toBe(1);
    expect(calls).toEqual([]);

    const report = await dispatchAfterDelivery(a, own);
    expect(calls).toEqual(['a:one wamid.1', 'b:two wamid.1', 'a:one wamid.2', 'b:two wamid.2']);
    expect(report).toEqual({ delivered: 4, failed: 0, duplicates: 0, deadLettered: 0, pending: 0 });
    expect(state.names(INBOX)).toEqual([]);
    expect(state.names(CLAIMS).map((name) => state.read(`${CLAIMS}/${name}`)).sort()).toEqual([`${id}:0`, `${id}:1`]);
    expect(lines.lines).toEqual(['info 2 messages (text 2) dispatched to a:one, b:two']);
  });

  it('skips an event another delivery claimed, and an event that comes twice in one delivery', async () => {
    const { a, calls, journal, lines } = setup();
    await dispatchAfterDelivery(a, journal([message('wamid.1'), message('wamid.2'), message('wamid.2')]));
    expect(calls).toEqual(['a:one wamid.1', 'a:one wamid.2']);
    const second = await dispatchAfterDelivery(a, journal([message('wamid.1'), message('wamid.3')]));
    expect(calls).toEqual(['a:one wamid.1', 'a:one wamid.2', 'a:one wamid.3']);
    expect(second).toMatchObject({ delivered: 1, duplicates: 1 });
    expect(lines.lines).toContain('info message wamid.1 (text): already delivered (a redelivery), skipped');
  });

  it('retries a failing handler at W/4^(A−1−n) after its first failure, and delivers on the third attempt', async () => {
    const { a, calls, clock, journal, lines, state } = setup({ policy: { maxAttempts: 3, windowMs: 2000 }, answer: (_h, _id, n) => (n < 3 ? trap() : { ok: true, json: 'null' }) });
    const own = journal([message('wamid.1')]);
    const id = own.id;
    expect(await dispatchAfterDelivery(a, own)).toMatchObject({ delivered: 0, failed: 1, pending: 1 });
    expect(lines.lines).toContain(`error message wamid.1 (text) NOT delivered to a:one: invocation-failed: wasm trap: unreachable; retry 1 of 2 at ${new Date(T0 + 500).toISOString()} (in 500 ms)`);
    expect(state.read(`${INBOX}/${id}.due`)).toBe(String(T0 + 500));
    expect(state.names(INBOX)).toEqual([`${id}.due`, `${id}.journal`, `${id}.marks`]);

    clock.now = T0 + 499;
    expect(await replayDue(a)).toMatchObject({ delivered: 0, failed: 0 });
    expect(calls).toHaveLength(1);
    clock.now = T0 + 500;
    expect(await replayDue(a)).toMatchObject({ failed: 1, pending: 1 });
    expect(state.read(`${INBOX}/${id}.due`)).toBe(String(T0 + 2000));
    clock.now = T0 + 2000;
    expect(await replayDue(a)).toMatchObject({ delivered: 1, pending: 0 });
    expect(calls).toEqual(['a:one wamid.1', 'a:one wamid.1', 'a:one wamid.1']);
    expect(state.names(INBOX)).toEqual([]);
    expect(lines.lines.at(-1)).toBe(`info replay of the delivery received ${new Date(T0).toISOString()}: message wamid.1 (text) dispatched to a:one`);
  });

  it('makes a dead letter of a handler that fails every attempt, with each failure, and hands it over again on request', async () => {
    let healthy = false;
    const { a, calls, clock, journal, lines, state, random } = setup({
      handlers: 'a:one,b:two',
      policy: { maxAttempts: 2, windowMs: 1000 },
      answer: (handler) => (handler === 'a:one' && !healthy ? trap('LLM provider down') : { ok: true, json: 'null' }),
    });
    const own = journal([message('wamid.1')]);
    const id = own.id;
    await dispatchAfterDelivery(a, own);
    clock.now = T0 + 1000;
    expect(await replayDue(a)).toMatchObject({ failed: 1, deadLettered: 1, pending: 0 });
    expect(state.names(INBOX)).toEqual([]);
    expect(state.names(DEAD)).toEqual([`${id}.0.0.journal`]);
    expect(lines.lines).toContain(
      `error replay of the delivery received ${new Date(T0).toISOString()}: message wamid.1 (text) for a:one is dead letter ${id}.0.0 (failed 2 attempts in 1 s); inbox/redispatch hands it over again`,
    );
    const [letter] = deadLetterViews(a);
    expect(letter).toMatchObject({
      id: `${id}.0.0`,
      event: 'wamid.1',
      description: 'message wamid.1 (text)',
      handler: 'a:one',
      functionName: 'incoming-handler/on-message',
      attempts: 2,
      lastError: 'invocation-failed: LLM provider down',
      reason: 'failed 2 attempts in 1 s',
      receivedAt: new Date(T0).toISOString(),
      deadAt: new Date(T0 + 1000).toISOString(),
    });
    expect((JSON.parse(letter!.arguments) as [{ id: string }])[0].id).toBe('wamid.1');

    healthy = true;
    clock.now = T0 + 5000;
    expect(await redispatchDeadLetters(a, undefined, random)).toMatchObject({ delivered: 1, failed: 0 });
    expect(calls).toEqual(['a:one wamid.1', 'b:two wamid.1', 'a:one wamid.1', 'a:one wamid.1']);
    expect(deadLetterViews(a)).toEqual([]);
    expect(state.names(INBOX)).toEqual([]);
    await expect(redispatchDeadLetters(a, `${id}.0.0`, random)).rejects.toThrow(`no dead letter has the id "${id}.0.0"`);
  });

  it('makes a dead letter at once of a handler that is not in the environment, and still delivers to the others', async () => {
    const { a, journal, lines, state } = setup({
      handlers: 'acme:ghost,b:two',
      answer: (handler) => (handler === 'acme:ghost' ? { ok: false, error: { kind: 'component-not-found', message: "component 'acme:ghost' not found" } } : { ok: true, json: 'null' }),
    });
    const own = journal([message('wamid.1')]);
    const id = own.id;
    expect(await dispatchAfterDelivery(a, own)).toMatchObject({ delivered: 1, failed: 1, deadLettered: 1, pending: 0 });
    expect(state.names(DEAD)).toEqual([`${id}.0.0.journal`]);
    expect(lines.lines).toContain(
      `error message wamid.1 (text) for acme:ghost is dead letter ${id}.0.0 (the handler is not in the environment: not retried); inbox/redispatch hands it over again`,
    );
  });
});

describe('after a crash', () => {
  /** Holder a dispatches until the call `killAt`, which returns but whose mark never lands: the process died. */
  async function crashedDelivery(killAt: number) {
    const s = setup({ callMs: 20 });
    let n = 0;
    const dying = s.ports('holder-a', () => {
      if (++n === killAt) s.state.failure = new Error('killed');
      return { ok: true, json: 'null' };
    });
    const own = s.journal(
      Array.from({ length: 5 }, (_, i) => message(`wamid.${i + 1}`)),
      dying,
    );
    const id = own.id;
    await expect(dispatchAfterDelivery(dying, own)).rejects.toThrow('killed');
    s.state.failure = undefined;
    return { ...s, id };
  }

  it('replays at start what the dead instance had not marked, in order: only the call in flight at the kill goes twice', async () => {
    const { calls, clock, ports, state, id } = await crashedDelivery(3);
    expect(calls).toEqual(['a:one wamid.1', 'a:one wamid.2', 'a:one wamid.3']);
    expect(state.read(`${INBOX}/${id}.lease`)).toBe('holder-a');
    clock.now += 2000;
    const report = await replayAtStart(ports('holder-b'), clock.now - 1000);
    expect(report).toMatchObject({ delivered: 3, duplicates: 0 });
    expect(calls).toEqual(['a:one wamid.1', 'a:one wamid.2', 'a:one wamid.3', 'a:one wamid.3', 'a:one wamid.4', 'a:one wamid.5']);
    expect(state.names(INBOX)).toEqual([]);
  });

  it("leaves a live holder's delivery alone, and takes it over once the holder has shown no sign of life for 15 minutes", async () => {
    const { calls, clock, ports, id } = await crashedDelivery(2);
    const b = ports('holder-b');
    expect(await replayDue(b)).toMatchObject({ delivered: 0 });
    const lastSignOfLife = b.inbox.heartbeatMs(id);
    clock.now = lastSignOfLife + HOLDER_GONE_AFTER_MS;
    expect(await replayDue(b)).toMatchObject({ delivered: 0 });
    clock.now += 1;
    expect(await replayDue(b)).toMatchObject({ delivered: 4 });
    expect(calls.slice(2)).toEqual(['a:one wamid.2', 'a:one wamid.3', 'a:one wamid.4', 'a:one wamid.5']);
  });

  it('stops a holder at its next call once its delivery was taken over', async () => {
    const s = setup();
    let b: InboxPorts | undefined;
    const slow = s.ports('holder-a', (_h, id) => {
      if (id === 'wamid.2') {
        // Holder a is taken to be gone while it waits on this call.
        s.clock.now += HOLDER_GONE_AFTER_MS + 1;
        b = s.ports('holder-b');
        const [entry] = b.inbox.entries();
        expect(b.inbox.takeOver(entry!.id, 'holder-b', 'holder-a')).toBe(true);
      }
      return { ok: true, json: 'null' };
    });
    const own = s.journal([message('wamid.1'), message('wamid.2'), message('wamid.3')], slow);
    const id = own.id;
    await dispatchAfterDelivery(slow, own);
    expect(s.calls).toEqual(['a:one wamid.1', 'a:one wamid.2']);
    expect(s.lines.lines).toContain(`warn stopped dispatching journal ${id}: another instance took it over (this one was taken to be gone)`);
    expect(s.state.read(`${INBOX}/${id}.marks`)).toBe('done 0 0\ndone 1 0\n');
    expect(s.state.read(`${INBOX}/${id}.lease`)).toBe('holder-b');
  });

  it('discards a journal cut short before it was synced (so before its 200: Meta delivers it again)', async () => {
    const { state, ports, lines, clock } = setup();
    const id = `${T0}-0a1b2c3d`;
    state.symlink('holder-a', `${INBOX}/${id}.lease`);
    state.writeNew(`${INBOX}/${id}.journal`, new TextEncoder().encode('{"format":1,"receivedAt":1764000000000}\n{"key":"wamid.1"'));
    clock.now += 10;
    await replayAtStart(ports('holder-b'), clock.now);
    expect(state.names(INBOX)).toEqual([]);
    expect(lines.lines[0]).toBe(`warn discarded journal ${id} of a delivery that was never acknowledged (no end line after 1 lines (cut short before it was synced)); Meta delivers it again`);
  });
});

describe('limits', () => {
  it('at start, stops calling once its budget is spent and leaves the rest due at once', async () => {
    const s = setup();
    const slowCall = s.ports('holder-a', () => {
      s.clock.now += 12_000;
      return { ok: true, json: 'null' };
    });
    const { id } = s.journal(Array.from({ length: 5 }, (_, i) => message(`wamid.${i + 1}`)));
    s.state.remove(`${INBOX}/${id}.lease`);
    const report = await replayAtStart(slowCall, T0);
    expect(report).toMatchObject({ delivered: 3, pending: 2 });
    expect(Number(s.state.read(`${INBOX}/${id}.due`))).toBeLessThanOrEqual(s.clock.now);
    expect(s.lines.lines.at(-1)).toMatch(/^info inbox at start: 3 handler calls replayed, 1 delivery still in the inbox, 0 dead letters; stopped after 30 s/);
  });

  it('makes dead letters of what is still undelivered 8 days after the delivery', async () => {
    const { a, clock, journal, state } = setup({ answer: () => trap() });
    const own = journal([message('wamid.1')]);
    const id = own.id;
    await dispatchAfterDelivery(a, own);
    clock.now = T0 + 8 * 86_400_000 + 1;
    expect(await replayDue(a)).toMatchObject({ deadLettered: 1 });
    expect(deadLetterViews(a)[0]?.reason).toBe('not delivered within 8 days');
    expect(state.names(INBOX)).toEqual([]);
  });

  it('prunes claims after 8 days and dead letters after 30, at most once an hour', async () => {
    const { a, clock, journal, state, lines } = setup({ answer: (_h, id) => (id === 'wamid.dead' ? { ok: false, error: { kind: 'function-not-found', message: 'no' } } : { ok: true, json: 'null' }) });
    await dispatchAfterDelivery(a, journal([message('wamid.1'), message('wamid.dead')]));
    expect(state.names(CLAIMS)).toHaveLength(2);
    expect(state.names(DEAD)).toHaveLength(1);
    clock.now = T0 + 8 * 86_400_000 + 1;
    await dispatchAfterDelivery(a, journal([message('wamid.2')]));
    expect(state.names(CLAIMS)).toHaveLength(1);
    clock.now = T0 + 30 * 86_400_000 + 1;
    await replayDue(a);
    expect(state.names(DEAD)).toEqual([]);
    expect(lines.lines.at(-1)).toMatch(/^warn inbox: dead letter \d{13}-[0-9a-f]{8}\.1\.0 dropped after 30 days without being dispatched again$/);
    const pruned = state.operations.get('removeDirectory') ?? 0;
    await replayDue(a);
    expect(state.operations.get('removeDirectory') ?? 0).toBe(pruned);
  });

  it('dispatches an event whose claim cannot be made, rather than lose it', async () => {
    const s = setup();
    const own = s.journal([message('wamid.1')]);
    const broken = { ...s.a, claims: { names: async (keys: readonly string[]) => keys.map(() => 'n'), claim: () => { throw new Error('disk full'); }, prune: () => 0 } };
    expect(await dispatchInbox(broken, { own })).toMatchObject({ delivered: 1 });
    expect(s.lines.lines[0]).toBe('error message wamid.1 (text): disk full; dispatching it unclaimed');
  });

  it('writes the marks of calls quicker than 10 ms together, each before the next call when calls take longer, and none when the delivery is then removed', async () => {
    for (const [callMs, writes] of [
      [0, 0],
      [4, 1],
      [20, 4],
    ] as const) {
      const s = setup({ callMs });
      const own = s.journal(Array.from({ length: 5 }, (_, i) => message(`wamid.${i + 1}`)));
      const appends = s.state.operations.get('append') ?? 0;
      await dispatchAfterDelivery(s.a, own);
      expect((s.state.operations.get('append') ?? 0) - appends, `${callMs} ms a call`).toBe(writes);
    }
  });
});
