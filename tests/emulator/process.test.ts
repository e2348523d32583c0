// The emulator's life as a process: start, listening line, clean stops, nothing left behind.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/spawn.ts';
import { processExists } from '../../src/sandbox/state-file.ts';
import { sendMessage, textMessage, TOKEN } from './graph-client.ts';

const MAIN = fileURLToPath(new URL('../../src/emulator/main.ts', import.meta.url));

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

describe('the emulator process', () => {
  it('prints exactly one listening line on stdout and serves on 127.0.0.1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await waitUntil(() => stdout.includes('\n'), 20_000);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ event: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  });

  it('stops on stop(), leaving no process, and stop() twice is fine', async () => {
    const emulator = await startEmulator({ accessToken: TOKEN });
    expect(processExists(emulator.pid)).toBe(true);
    expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
    await emulator.stop();
    expect(processExists(emulator.pid)).toBe(false);
    // It stopped through its own SIGTERM handler, not the default action.
    expect(emulator.stderr()).toContain('emulator: SIGTERM, stopping');
    await emulator.stop();
    await expect(fetch(`${emulator.url}/_emulator/health`)).rejects.toThrow();
  });

  it('stops promptly while a request hangs or waits on a delay', async () => {
    const emulator = await startEmulator({ accessToken: TOKEN });
    await emulator.addFaults([{ hang: true }, { delayMs: 60_000 }]);
    const hanging = sendMessage(emulator, textMessage('hang')).catch((error: unknown) => error);
    const delayed = sendMessage(emulator, textMessage('delay')).catch((error: unknown) => error);
    await waitUntil(() => false, 200);
    const started = Date.now();
    await emulator.stop();
    // Well under the 3 s grace period: the emulator exited by itself, nothing was killed.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(emulator.stderr()).toContain('stopping');
    expect(processExists(emulator.pid)).toBe(false);
    expect(await hanging).toBeInstanceOf(Error);
    expect(await delayed).toBeInstanceOf(Error);
  });

  it('fails to start with the reason from its stderr', async () => {
    await expect(startEmulator({ port: 'not-a-port' as unknown as number })).rejects.toThrow(/--port must be an integer/);
  });

  it('exits when the process that started it dies without stopping it', async () => {
    const script = [
      `import { startEmulator } from ${JSON.stringify(new URL('../../src/emulator/spawn.ts', import.meta.url).href)};`,
      'const emulator = await startEmulator();',
      'console.log(emulator.pid);',
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    parent.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await waitUntil(() => /\d+\n/.test(stdout), 20_000);
    const emulatorPid = Number(stdout.trim());
    expect(processExists(emulatorPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitUntil(() => !processExists(emulatorPid), 5_000)).toBe(true);
  });
});
