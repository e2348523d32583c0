// The BUILT component in an environment of the Node host, run the way asterai runs it, over
// real loopback HTTP, next to recorder handler components (tests/support/recorder) under any
// names. The end-to-end and hardening tests drive it through here: signed webhook POSTs, raw
// requests (any method, path and headers), calls as another component makes them; and read
// back what the recorders received, what the components logged and what the host reported.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startComponentEnvironment } from '../../scripts/lib/component-environment.ts';
import { COMPONENT_NAME, COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import type { CallOutcome, ComponentSource, Environment } from '../../src/host/environment.ts';
import type { MetaCredentials } from '../../src/sandbox/credentials.ts';

export const SECRETS = {
  accessToken: 'EAAtest-access-token-0123456789',
  appSecret: 'test-app-secret-4f2a',
  verifyToken: 'verify-me-please',
  phoneNumberId: '106540352242922',
} satisfies MetaCredentials;

export const ENV_NS = 'acme';
export const ENV_NAME = 'support';
export const HANDLER_A = 'test:handler-a';
export const HANDLER_B = 'test:handler-b';

export interface TestEnvironmentOptions {
  /**
   * Recorder handler components to load, by name (default HANDLER_A and HANDLER_B), listed in
   * WHATSAPP_INCOMING_HANDLER_COMPONENTS unless `env` says otherwise.
   */
  recorders?: string[];
  /** Env vars on top of the defaults (tokens, app secret, handlers, RECORDER_DIR); `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** More host directories to grant (asterai --allow-dir). */
  allowDirs?: string[];
  /** More components to load. */
  components?: ComponentSource[];
  /** The host's instance options: a fresh instance per request and per call unless false, as asterai does. */
  instancePerRequest?: boolean;
  instancePerCall?: boolean;
}

export interface LogLine {
  component: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface RecordedCall {
  component: string;
  call: string;
  arg: Record<string, unknown>;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class TestEnvironment {
  private constructor(
    readonly environment: Environment,
    /** `http://127.0.0.1:PORT` */
    readonly origin: string,
    /** The component's route prefix, ending in `/`: `/acme/support/asterai/whatsapp/`. */
    readonly prefix: string,
    /** The webhook's path under `origin`. */
    readonly webhookPath: string,
    readonly recorderDir: string,
    /** Every line the components logged, in order (printed too when SHOW_COMPONENT_LOGS is set). */
    readonly logs: LogLine[],
  ) {}

  static async start(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
    const recorders = options.recorders ?? [HANDLER_A, HANDLER_B];
    const recorder = componentFiles(COMPONENTS.recorder);
    const recorderDir = await mkdtemp(join(tmpdir(), 'whatsapp-recorder-'));
    const logs: LogLine[] = [];
    const sink = (stream: LogLine['stream']) => (component: string, line: string) => {
      logs.push({ component, stream, line });
      if (process.env.SHOW_COMPONENT_LOGS) process[stream].write(`[${component}] ${line}\n`);
    };
    const { environment, origin, route, webhookPath } = await startComponentEnvironment({
      namespace: ENV_NS,
      name: ENV_NAME,
      credentials: SECRETS,
      handlers: recorders,
      env: { RECORDER_DIR: recorderDir, ...options.env },
      components: [...recorders.map((name) => ({ name, ...recorder })), ...(options.components ?? [])],
      allowDirs: [recorderDir, ...(options.allowDirs ?? [])],
      instancePerRequest: options.instancePerRequest,
      instancePerCall: options.instancePerCall,
      stdout: sink('stdout'),
      stderr: sink('stderr'),
    });
    return new TestEnvironment(environment, origin, route, webhookPath, recorderDir, logs);
  }

  get webhookUrl(): string {
    return `${this.origin}${this.webhookPath}`;
  }

  /** POSTs `body` signed with the app secret (or with `signature` as given, or none when null). */
  async postWebhook(body: string | Uint8Array, options: { signature?: string | null; secret?: string } = {}): Promise<Response> {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const signature = options.signature === undefined ? metaSignature(bytes, options.secret ?? SECRETS.appSecret) : options.signature;
    if (signature !== null) headers['x-hub-signature-256'] = signature;
    return fetch(this.webhookUrl, { method: 'POST', headers, body: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  }

  /** Any request, sent as given (no header added but content-length), answered or failed. */
  send(method: string, path: string, headers: Record<string, string>, body?: Uint8Array): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.origin}${path}`, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`no answer to ${method} ${path} within 30 s`)));
      req.on('error', reject);
      req.end(body ? Buffer.from(body) : undefined);
    });
  }

  /** The lines a component logged so far, as text. */
  logOf(component = COMPONENT_NAME): string {
    return this.logs
      .filter((l) => l.component === component)
      .map((l) => l.line)
      .join('\n');
  }

  /** What the host itself reported about a component: traps, missing responses. */
  hostReports(component = COMPONENT_NAME): string[] {
    return this.logs.filter((l) => l.component === component && l.line.startsWith('host: ')).map((l) => l.line);
  }

  /** Every handler call recorded so far, in the order they happened across components. */
  async recordedCalls(): Promise<RecordedCall[]> {
    try {
      const text = await readFile(join(this.recorderDir, 'calls.jsonl'), 'utf8');
      return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as RecordedCall);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  /** Forgets the calls recorded so far. */
  async clearRecorded(): Promise<void> {
    await rm(join(this.recorderDir, 'calls.jsonl'), { force: true });
  }

  /** asterai's `call-component-function` on our component, as another component would call it. */
  call(functionName: string, args: unknown[]): CallOutcome {
    return this.environment.call(COMPONENT_NAME, functionName, JSON.stringify(args));
  }

  /** The JSON value a call returned; throws when the call itself failed (a call-error, not the function's own error). */
  result(functionName: string, args: unknown[]): unknown {
    const outcome = this.call(functionName, args);
    if (!('ok' in outcome)) throw new Error(`${functionName} did not run: ${outcome.err.kind}: ${outcome.err.message}`);
    return JSON.parse(outcome.ok);
  }

  async stop(): Promise<void> {
    await this.environment.close();
    await rm(this.recorderDir, { recursive: true, force: true });
  }
}

export async function fixture(name: string): Promise<string> {
  return readFile(new URL(`../fixtures/webhooks/${name}`, import.meta.url), 'utf8');
}
