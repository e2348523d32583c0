// Exactly once across deliveries: with WHATSAPP_STATE_DIR granted,
// the component claims each event on disk before dispatching it, so a webhook
// Meta delivers again reaches the handlers once, even when two hosts handle the
// same delivery at the same moment, and after a restart.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import { HANDLER_A, SECRETS, TestEnvironment, fixture } from '../support/harness.ts';
import { startHostProcess } from '../support/host-process.ts';
import { cleanupAfterEach } from '../support/temp-dirs.ts';

const { cleanup, tempDir } = cleanupAfterEach();

async function environmentWithState(stateDir: string): Promise<TestEnvironment> {
  const t = await TestEnvironment.start({
    env: { WHATSAPP_STATE_DIR: stateDir, WHATSAPP_INCOMING_HANDLER_COMPONENTS: HANDLER_A },
    allowDirs: [stateDir],
  });
  cleanup.push(() => t.stop());
  return t;
}

describe('with WHATSAPP_STATE_DIR', () => {
  it('dispatches the same delivery once when Meta sends it twice', async () => {
    const t = await environmentWithState(await tempDir('wa-state-'));
    const body = await fixture('batch-two-entries-mixed.json');
    expect((await t.postWebhook(body)).status).toBe(200);
    const first = await t.recordedCalls();
    expect(first).toHaveLength(8);
    expect((await t.postWebhook(body)).status).toBe(200);
    expect(await t.recordedCalls()).toEqual(first);
    expect(t.logOf()).toContain('already delivered (a redelivery), skipped');
  });

  it('dispatches once after a restart of the host', async () => {
    const stateDir = await tempDir('wa-state-');
    const body = await fixture('text.json');
    const before = await environmentWithState(stateDir);
    expect((await before.postWebhook(body)).status).toBe(200);
    expect(await before.recordedCalls()).toHaveLength(1);
    await before.stop();

    const after = await environmentWithState(stateDir);
    expect((await after.postWebhook(body)).status).toBe(200);
    expect(await after.recordedCalls()).toEqual([]);
  });

  it('prunes claims older than 8 days, and keeps younger ones', async () => {
    const stateDir = await tempDir('wa-state-');
    const claims = join(stateDir, 'asterai-whatsapp-claims');
    const { mkdir, writeFile, utimes, readdir } = await import('node:fs/promises');
    await mkdir(claims);
    const day = 24 * 60 * 60;
    const now = Date.now() / 1000;
    // A claim is a directory; a file of the same name counts as one too.
    for (const [name, age, directory] of [
      ['nine-days-old', 9 * day, true],
      ['seven-days-old', 7 * day, true],
      ['nine-days-old-file', 9 * day, false],
      ['seven-days-old-file', 7 * day, false],
    ] as const) {
      if (directory) await mkdir(join(claims, name));
      else await writeFile(join(claims, name), '');
      await utimes(join(claims, name), now - age, now - age);
    }
    const t = await environmentWithState(stateDir);
    expect((await t.postWebhook(await fixture('text.json'))).status).toBe(200);
    const left = await readdir(claims);
    expect(left).toEqual(expect.arrayContaining(['seven-days-old', 'seven-days-old-file']));
    expect(left).not.toContain('nine-days-old');
    expect(left).not.toContain('nine-days-old-file');
    expect(left).toHaveLength(3);
  });

  it('dispatches once when two hosts handle the same delivery at the same moment', async () => {
    const stateDir = await tempDir('wa-state-');
    // One recorder folder per host, so that two processes never append to one file.
    const recorderDirs = [await tempDir('wa-recorder-'), await tempDir('wa-recorder-')] as const;
    const hosts = await Promise.all(
      recorderDirs.map(async (recorderDir) => {
        const host = await startHostProcess({ stateDir, recorderDir });
        cleanup.push(host.stop);
        return host;
      }),
    );
    const body = await fixture('batch-two-entries-mixed.json');
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body, SECRETS.appSecret) };
    const answers = await Promise.all(hosts.flatMap((host) => [host, host]).map((host) => fetch(host.webhookUrl, { method: 'POST', headers, body })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);

    // The hosts acknowledge before they dispatch, so the handlers may still be
    // running: wait for the 8 calls, then a while longer for any duplicate.
    const readers = recorderDirs.map((dir) => new TestEnvironmentReader(dir));
    const allCalls = async () => (await Promise.all(readers.map((r) => r.calls()))).flat();
    const deadline = Date.now() + 15_000;
    while ((await allCalls()).length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    const ids = (await allCalls()).map((c) => c.arg.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });
});

describe('without WHATSAPP_STATE_DIR', () => {
  it('dispatches a redelivery again (and run says so)', async () => {
    const t = await TestEnvironment.start({ env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: HANDLER_A } });
    cleanup.push(() => t.stop());
    const body = await fixture('text.json');
    await t.postWebhook(body);
    await t.postWebhook(body);
    expect(await t.recordedCalls()).toHaveLength(2);
    t.environment.run();
    expect(t.logOf()).toMatch(/WHATSAPP_STATE_DIR.*twice/);
  });
});

class TestEnvironmentReader {
  constructor(private readonly dir: string) {}
  /** The complete lines so far (another process may be writing the last one). */
  async calls(): Promise<{ arg: { id: string } }[]> {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(join(this.dir, 'calls.jsonl'), 'utf8').catch(() => '');
    return text
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line));
  }
}
