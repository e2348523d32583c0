// Starts the emulator in its own process (the component's outgoing HTTP blocks the Node thread
// of whoever runs it, so the emulator can never share that process) and drives its control API.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  EmulatorOptions,
  FaultSpec,
  InboundResult,
  InboundSpec,
  PendingFault,
  RecordedRequest,
  RuntimeSettings,
  TranscriptPage,
  WebhookDelivery,
} from './types.ts';

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
};

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: use it as WHATSAPP_API_BASE_URL. */
  url: string;
  pid: number;
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  addFaults(faults: FaultSpec | FaultSpec[]): Promise<PendingFault[]>;
  clearFaults(): Promise<void>;
  /** Changes settings while it runs, e.g. the webhook URL once the component's host is up. */
  configure(patch: Partial<Omit<RuntimeSettings, 'webhookUrl'>> & { webhookUrl?: string | null }): Promise<void>;
  /**
   * The conversation with one user (or everyone): entries changed after revision `since`;
   * with `waitMs`, waits up to that long for one to appear.
   */
  transcript(user?: string, poll?: { since?: number; waitMs?: number }): Promise<TranscriptPage>;
  clearTranscript(): Promise<void>;
  /** A user writes to the business: the signed webhook POST, and what the webhook answered. */
  inbound(spec: InboundSpec): Promise<InboundResult>;
  /** Every webhook POST so far (user messages and statuses). */
  deliveries(): Promise<WebhookDelivery[]>;
  clearDeliveries(): Promise<void>;
  /** What the child wrote on stderr so far (the last 64 KiB). */
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
    stdio: ['pipe', 'pipe', 'pipe'],
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

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} /_emulator/${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };

  let stopping: Promise<void> | undefined;
  return {
    url,
    pid: child.pid ?? -1,
    async requests() {
      return ((await control('GET', 'requests')) as { requests: RecordedRequest[] }).requests;
    },
    async clearRequests() {
      await control('DELETE', 'requests');
    },
    async addFaults(faults) {
      return ((await control('POST', 'faults', faults)) as { pending: PendingFault[] }).pending;
    },
    async clearFaults() {
      await control('DELETE', 'faults');
    },
    async configure(patch) {
      await control('PATCH', 'config', patch);
    },
    async transcript(user, poll = {}) {
      const query = new URLSearchParams();
      if (user !== undefined) query.set('user', user);
      if (poll.since !== undefined) query.set('since', String(poll.since));
      if (poll.waitMs !== undefined) query.set('waitMs', String(poll.waitMs));
      return (await control('GET', `transcript?${query}`)) as TranscriptPage;
    },
    async clearTranscript() {
      await control('DELETE', 'transcript');
    },
    async inbound(spec) {
      return (await control('POST', 'inbound', spec)) as InboundResult;
    },
    async deliveries() {
      return ((await control('GET', 'deliveries')) as { deliveries: WebhookDelivery[] }).deliveries;
    },
    async clearDeliveries() {
      await control('DELETE', 'deliveries');
    },
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
