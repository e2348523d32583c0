// The inbox end to end, with WHATSAPP_STATE_DIR granted: a delivery journaled before its 200;
// the Node host killed in the middle of a 100-message dispatch and started again on the same
// state dir; handlers that fail and are retried, on the replay schedule (asterai:host-cron) or
// when the next webhook arrives; dead letters listed and handed over again; a delivery that
// cannot be journaled refused with 503.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesPayload } from '../../scripts/bench/lib/payloads.ts';
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import { HANDLER_A, SECRETS, TestEnvironment, fixture } from '../support/harness.ts';
import { startHostProcess } from '../support/host-process.ts';
import { cleanupAfterEach } from '../support/temp-dirs.ts';

const INBOX = 'asterai-whatsapp-inbox';
const DEAD_LETTERS = 'asterai-whatsapp-dead-letters';
/** The message of tests/fixtures/webhooks/text.json. */
const TEXT_WAMID = (JSON.parse(await fixture('text.json')) as { entry: [{ changes: [{ value: { messages: [{ id: string }] } }] }] }).entry[0].changes[0].value.messages[0].id;

const { cleanup, tempDir } = cleanupAfterEach();

/** The message ids HANDLER_A recorded, in order (complete lines only: a killed process may have left half of one). */
async function recordedIds(recorderDir: string): Promise<string[]> {
  const text = await readFile(join(recorderDir, 'test_handler-a.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => (JSON.parse(line) as { arg: { id: string } }).arg.id);
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}; last: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The component and HANDLER_A in an environment of this process, with `stateDir` as WHATSAPP_STATE_DIR. */
async function inboxOf(stateDir: string, env: Record<string, string> = {}): Promise<TestEnvironment> {
  const t = await TestEnvironment.start({
    recorders: [HANDLER_A],
    env: { WHATSAPP_STATE_DIR: stateDir, WHATSAPP_INCOMING_HANDLER_COMPONENTS: HANDLER_A, ...env },
    allowDirs: [stateDir],
  });
  cleanup.push(() => t.stop());
  return t;
}

const recorded = (t: TestEnvironment) => recordedIds(t.recorderDir);

describe('a crash after the 200', () => {
  it('loses no event: the host killed (SIGKILL) mid-dispatch of 100 messages and started again gives every message to the handler, none twice but the one in flight', async () => {
    const stateDir = await tempDir('wa-state-');
    const recorderDir = await tempDir('wa-recorder-');
    const first = await startHostProcess({ stateDir, recorderDir, env: { RECORDER_SLOW_MS: '20' } });
    cleanup.push(first.stop);
    const batch = messagesPayload(100, `kill${Date.now()}`);
    const post = (url: string, body: Buffer) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body, SECRETS.appSecret) }, body: new Uint8Array(body) });
    expect((await post(first.webhookUrl, batch.body)).status).toBe(200);

    await waitFor('30 messages dispatched', () => recordedIds(recorderDir), (ids) => ids.length >= 30, 60_000);
    const killed = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;
    const atKill = await recordedIds(recorderDir);
    expect(atKill.length).toBeLessThan(100);
    expect(atKill).toEqual(batch.ids.slice(0, atKill.length));

    const second = await startHostProcess({ stateDir, recorderDir });
    cleanup.push(second.stop);
    const next = messagesPayload(1, `after${Date.now()}`);
    expect((await post(second.webhookUrl, next.body)).status).toBe(200);
    const ids = await waitFor('every message', () => recordedIds(recorderDir), (all) => [...batch.ids, ...next.ids].every((id) => all.includes(id)), 60_000);

    const twice = [...new Set(ids)].filter((id) => ids.filter((other) => other === id).length > 1);
    expect(twice.every((id) => id === atKill.at(-1))).toBe(true);
    expect(ids.filter((id) => id === atKill.at(-1)).length).toBeLessThanOrEqual(2);
    expect(new Set(ids).size).toBe(101);
    // The replay kept the delivery's order.
    const replayed = ids.slice(atKill.length).filter((id) => batch.ids.includes(id));
    expect(replayed).toEqual(batch.ids.slice(batch.ids.indexOf(replayed[0]!)));
    expect(second.output.join('\n')).toMatch(/inbox at start: \d+ handler calls replayed, 0 deliveries still in the inbox, 0 dead letters/);
    console.log(`kill test: ${atKill.length} of 100 handed over before the kill, ${replayed.length} replayed at start, ${twice.length} twice (${twice.join(', ') || 'none'})`);
    await waitFor('the inbox emptied', () => readdir(join(stateDir, INBOX)), (left) => left.length === 0, 10_000);
  });
});

describe('with WHATSAPP_STATE_DIR', () => {
  it('has the delivery journaled on disk when the 200 arrives, while the handler still works on it', async () => {
    const stateDir = await tempDir('wa-state-');
    const recorderDir = await tempDir('wa-recorder-');
    // In a process of its own: the Node host holds its thread while it dispatches.
    const host = await startHostProcess({ stateDir, recorderDir, env: { RECORDER_SLOW_MS: '1500' } });
    cleanup.push(host.stop);
    const body = await fixture('text.json');
    const answer = await fetch(host.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body, SECRETS.appSecret) }, body });
    expect(answer.status).toBe(200);
    const files = await readdir(join(stateDir, INBOX));
    const journal = files.find((name) => name.endsWith('.journal'));
    expect(journal).toBeDefined();
    expect(files).toContain(journal!.replace('.journal', '.lease'));
    expect(await readFile(join(stateDir, INBOX, journal!), 'utf8')).toContain(TEXT_WAMID);
    await waitFor('the journal removed once delivered', () => readdir(join(stateDir, INBOX)), (left) => left.length === 0, 10_000);
    expect(await recordedIds(recorderDir)).toEqual([TEXT_WAMID]);
  });

  it('answers 503 when the delivery cannot be journaled, so that Meta delivers it again, and delivers it then', async () => {
    const stateDir = await tempDir('wa-state-');
    await writeFile(join(stateDir, INBOX), 'not a directory');
    const t = await inboxOf(stateDir);
    const refused = await t.postWebhook(await fixture('text.json'));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(t.logOf()).toMatch(/webhook: the delivery could not be journaled \(cannot .*asterai-whatsapp-inbox.*\); answered 503, so Meta delivers it again later/);
    expect(await recorded(t)).toEqual([]);
    await rm(join(stateDir, INBOX));
    expect((await t.postWebhook(await fixture('text.json'))).status).toBe(200);
    expect(await recorded(t)).toEqual([TEXT_WAMID]);
  });

  it('retries a handler that fails twice on the replay schedule, and it gets the message on the third attempt', async () => {
    const stateDir = await tempDir('wa-state-');
    const t = await inboxOf(stateDir, { WHATSAPP_HANDLER_MAX_ATTEMPTS: '3', WHATSAPP_HANDLER_RETRY_WINDOW_MS: '2000', WHATSAPP_REPLAY_SCHEDULE: '* * * * * *', RECORDER_FAIL_FIRST: '2' });
    t.environment.run();
    expect(t.environment.schedules()).toEqual([
      { id: 1, cron: '* * * * * *', componentName: 'asterai:whatsapp', functionName: 'inbox/replay', argsJson: '[]', owner: 'asterai:whatsapp' },
    ]);
    expect(t.logOf()).toContain('inbox: replay schedule 1 calls inbox/replay at "* * * * * *" (WHATSAPP_REPLAY_SCHEDULE)');
    expect((await t.postWebhook(await fixture('text.json'))).status).toBe(200);
    expect(await waitFor('three attempts', () => recorded(t), (ids) => ids.length >= 3, 15_000)).toEqual([TEXT_WAMID, TEXT_WAMID, TEXT_WAMID]);
    const log = t.logOf();
    expect(log).toMatch(/message wamid\.\S+ \(text\) NOT delivered to test:handler-a: invocation-failed: .*; retry 1 of 2 at .* \(in 500 ms\)/);
    expect(log).toMatch(/NOT delivered to test:handler-a: invocation-failed: .*; retry 2 of 2 at /);
    await waitFor('the delivery line', async () => t.logOf(), (text) => /replay of the delivery received \S+: message wamid\.\S+ \(text\) dispatched to test:handler-a$/m.test(text), 5000);
    await waitFor('the inbox emptied', () => readdir(join(stateDir, INBOX)), (left) => left.length === 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await recorded(t)).toHaveLength(3);
  });

  it('retries when the next webhook arrives, before that webhook\'s own events', async () => {
    const stateDir = await tempDir('wa-state-');
    const t = await inboxOf(stateDir, { WHATSAPP_HANDLER_MAX_ATTEMPTS: '2', WHATSAPP_HANDLER_RETRY_WINDOW_MS: '300', RECORDER_FAIL_FIRST: '1' });
    const first = messagesPayload(1, `first${Date.now()}`);
    const second = messagesPayload(1, `second${Date.now()}`);
    expect((await t.postWebhook(first.body)).status).toBe(200);
    expect(await recorded(t)).toEqual(first.ids);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await t.postWebhook(second.body)).status).toBe(200);
    expect(await recorded(t)).toEqual([...first.ids, ...first.ids, ...second.ids]);
  });

  it('makes a dead letter of a handler that keeps failing, lists it, and hands it over again once the handler works', async () => {
    const stateDir = await tempDir('wa-state-');
    const t = await inboxOf(stateDir, { WHATSAPP_HANDLER_MAX_ATTEMPTS: '2', WHATSAPP_HANDLER_RETRY_WINDOW_MS: '200', WHATSAPP_REPLAY_SCHEDULE: '* * * * * *' });
    await writeFile(join(t.recorderDir, 'test_handler-a.fail'), '');
    t.environment.run();
    expect((await t.postWebhook(await fixture('text.json'))).status).toBe(200);
    const [letter] = (await waitFor('a dead letter', async () => t.result('inbox/list-dead-letters', []) as unknown[], (list) => list.length === 1, 10_000)) as Record<string, unknown>[];
    expect(letter).toMatchObject({
      event: TEXT_WAMID,
      description: `message ${TEXT_WAMID} (text)`,
      handler: HANDLER_A,
      'function-name': 'incoming-handler/on-message',
      attempts: 2,
      'last-error': expect.stringMatching(/^invocation-failed: /),
      reason: expect.stringMatching(/^failed 2 attempts in /),
    });
    expect((JSON.parse(letter!.arguments as string) as [{ id: string }])[0].id).toBe(TEXT_WAMID);
    expect(await readdir(join(stateDir, DEAD_LETTERS))).toEqual([`${letter!.id}.journal`]);
    expect(t.logOf()).toContain(`message ${TEXT_WAMID} (text) for ${HANDLER_A} is dead letter ${letter!.id} (failed 2 attempts in `);

    expect(t.result('inbox/redispatch', ['no-such-letter'])).toEqual({ error: expect.stringContaining('no dead letter has the id "no-such-letter"') });
    await rm(join(t.recorderDir, 'test_handler-a.fail'));
    expect(t.result('inbox/redispatch', [null])).toEqual({ delivered: 1, failed: 0, duplicates: 0, 'dead-lettered': 0, pending: 0 });
    expect(t.result('inbox/list-dead-letters', [])).toEqual([]);
    expect(await recorded(t)).toEqual([TEXT_WAMID, TEXT_WAMID, TEXT_WAMID]);
  });

  it('makes a dead letter at once of a handler that is not in the environment, and says so', async () => {
    const stateDir = await tempDir('wa-state-');
    const t = await inboxOf(stateDir, { WHATSAPP_INCOMING_HANDLER_COMPONENTS: `acme:ghost,${HANDLER_A}` });
    expect((await t.postWebhook(await fixture('text.json'))).status).toBe(200);
    expect(await recorded(t)).toEqual([TEXT_WAMID]);
    expect(t.logOf()).toMatch(new RegExp(`message ${TEXT_WAMID.replace(/[.+=]/g, '\\$&')} \\(text\\) for acme:ghost is dead letter \\S+ \\(the handler is not in the environment: not retried\\)`));
    expect(t.result('inbox/list-dead-letters', [])).toMatchObject([{ handler: 'acme:ghost', attempts: 1, 'last-error': "component-not-found: component 'acme:ghost' not found" }]);
  });
});

describe('without WHATSAPP_STATE_DIR', () => {
  it('has no inbox: its functions say why, and run says what a crash loses', async () => {
    const t = await TestEnvironment.start({ recorders: [HANDLER_A], env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: HANDLER_A } });
    cleanup.push(() => t.stop());
    expect(t.result('inbox/list-dead-letters', [])).toEqual({ error: expect.stringMatching(/^WHATSAPP_STATE_DIR is not set: /) });
    expect(t.result('inbox/replay', [])).toEqual({ error: expect.stringMatching(/^WHATSAPP_STATE_DIR is not set: /) });
    t.environment.run();
    expect(t.logOf()).toContain('a crash or restart while a delivery is dispatched loses the events not yet handed over, and a handler that fails is not retried');
    expect(t.environment.schedules()).toEqual([]);
  });
});
