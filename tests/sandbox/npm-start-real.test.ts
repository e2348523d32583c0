// `npm start` WITH a WHATSAPP_ACCESS_TOKEN serves the component for real, as before the
// sandbox existed: no emulator, no example agent, no sandbox state file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readState } from '../../src/sandbox/state-file.ts';
import { refusesConnections, run, waitFor } from './support/processes.ts';

it('serves the component for real when WHATSAPP_ACCESS_TOKEN is set', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'whatsapp-real-test-'));
  try {
    const stateFile = join(dir, 'sandbox.json');
    const start = run('start', [], {
      PORT: '0',
      SANDBOX_STATE_FILE: stateFile,
      WHATSAPP_ACCESS_TOKEN: 'EAAtest-real-mode',
      WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'real-mode-verify',
    });
    await waitFor('the webhook line', () => /webhook: http:\/\/\S+\n/.test(start.stdout()), 60_000, () => start.stdout() + start.stderr());
    const webhook = start.stdout().match(/webhook: (http:\/\/\S+)\n/)?.[1] ?? '';
    // The callback URL README.md tells the user to register with Meta (on a free port here).
    expect(webhook).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/local\/whatsapp\/asterai\/whatsapp\/webhook$/);
    expect(start.stdout()).not.toContain('sandbox');
    expect(readState(stateFile)).toBeUndefined();
    // Meta's verification handshake reaches the component, which reads the process environment.
    const handshake = await fetch(`${webhook}?hub.mode=subscribe&hub.verify_token=real-mode-verify&hub.challenge=42`);
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toBe('42');

    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    expect(start.stdout()).toContain('stopped');
    expect(await refusesConnections(webhook)).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
