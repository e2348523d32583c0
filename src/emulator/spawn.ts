// Starts the emulator in its own process (the component's outgoing HTTP blocks the Node thread
// of whoever runs it, so the emulator can never share that process); its control API is client.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { emulatorClient, type EmulatorClient } from './client.ts';
import type { EmulatorOptions } from './types.ts';

const MAIN_PATH = fileURLToPath(new URL('./main.ts', import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Flags of main.ts, by option name; see options.ts. */
export type EmulatorProcessOptions = Partial<Omit<EmulatorOptions, 'host'>> & {
  /** How long to wait for the listening line (default 20 s: a cold tsx start is slow). */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL (default 3 s). */
  stopGraceMs?: number;
  /** Extra environment for the child (EMULATOR_* variables are overridden by the flags). */
  env?: Record<string, string>;
  /**
   * Where the child's stderr (its errors, and the --log-events lines) goes: `capture` (the
   * default) keeps it for `stderr()`; `inherit` and `stdout` hand the child our stderr or our
   * stdout, so that it writes there itself the moment something happens, even while this
   * process is busy (`stderr()` is then empty).
   */
  stderr?: 'capture' | 'inherit' | 'stdout';
};

export interface RunningEmulator extends EmulatorClient {
  pid: number;
  /** What the child wrote on stderr so far (the last 64 KiB), unless it went elsewhere (`stderr` option). */
  stderr(): string;
  /** SIGTERM, wait for the exit, SIGKILL after the grace period. Safe to call twice. */
  stop(): Promise<void>;
}

const FLAG_NAMES: Record<keyof Omit<EmulatorOptions, 'host'>, string> = {
  port: '--port',
  accessToken: '--access-token',
  phoneNumberId: '--phone-number-id',
  displayPhoneNumber: '--display-phone-number',
  verifiedName: '--verified-name',
  wabaId: '--waba-id',
  appSecret: '--app-secret',
  webhookUrl: '--webhook-url',
  statusDelayMs: '--status-delay-ms',
  mediaUrlTtlMs: '--media-url-ttl-ms',
  enforceWindow: '--enforce-window',
  authenticationTemplates: '--authentication-templates',
  logEvents: '--log-events',
};

const STDERR_KEEP = 64 * 1024;

export async function startEmulator(options: EmulatorProcessOptions = {}): Promise<RunningEmulator> {
  const flags: string[] = ['--exit-on-stdin-close'];
  for (const [key, flag] of Object.entries(FLAG_NAMES) as Array<[keyof typeof FLAG_NAMES, string]>) {
    const value = options[key];
    if (value !== undefined) flags.push(`${flag}=${value}`);
  }
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN_PATH, ...flags], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...options.env },
    // stdin stays open and unused: when this process dies, the pipe closes and the emulator exits.
    stdio: ['pipe', 'pipe', options.stderr === 'inherit' ? 'inherit' : options.stderr === 'stdout' ? 1 : 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  // 'close' rather than 'exit': it comes after the child's stdio is drained, so stderr() is complete.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  let url: string;
  try {
    url = await waitForListening(child, exited, options.startTimeoutMs ?? 20_000, () => stderr);
  } catch (error) {
    await terminate(child, exited, options.stopGraceMs ?? 3_000);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    ...emulatorClient(url),
    pid: child.pid ?? -1,
    stderr: () => stderr,
    stop() {
      stopping ??= terminate(child, exited, options.stopGraceMs ?? 3_000);
      return stopping;
    },
  };
}

function waitForListening(child: ChildProcess, exited: Promise<void>, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => finish(new Error(`the emulator did not start within ${timeoutMs} ms; its stderr:\n${stderr()}`)), timeoutMs);
    const onData = (chunk: string): void => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        const url = listeningUrl(line);
        if (url) return finish(url);
      }
    };
    const finish = (outcome: string | Error): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      // Keep draining stdout so the child never blocks on a full pipe.
      child.stdout?.resume();
      if (typeof outcome === 'string') resolve(outcome);
      else reject(outcome);
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    void exited.then(() => finish(new Error(`the emulator exited (code ${child.exitCode}, signal ${child.signalCode}) before listening; its stderr:\n${stderr()}`)));
  });
}

function listeningUrl(line: string): string | undefined {
  try {
    const event = JSON.parse(line) as { event?: unknown; url?: unknown };
    return event.event === 'listening' && typeof event.url === 'string' ? event.url : undefined;
  } catch {
    return undefined;
  }
}

async function terminate(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([exited, graceOver]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
  child.stdin?.destroy();
}
