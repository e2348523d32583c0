// The built component in a Node-host environment for the hardening tests (tests/hardening):
// like harness.ts's TestEnvironment, with recorder handlers under any names, the host's
// instance options (long-lived instances for the load test), raw HTTP requests (any method,
// path and headers), and the host's own reports (traps) kept apart from the component's logs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Environment } from '../../src/host/environment.ts';
import { COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import { ENV_NAME, ENV_NS, SECRETS, type LogLine, type RecordedCall } from './harness.ts';

export const PRODUCT = 'asterai:whatsapp';

export interface HardeningOptions {
  /** Recorder handler components to load, by name. */
  recorders: string[];
  /** Env vars on top of the defaults (app secret, tokens, RECORDER_DIR); `undefined` removes one. */
  env?: Record<string, string | undefined>;
  instancePerRequest?: boolean;
  instancePerCall?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class HardeningEnvironment {
  private constructor(
    readonly environment: Environment,
    /** `http://127.0.0.1:PORT` */
    readonly origin: string,
    /** The component's route prefix, ending in `/`: `/acme/support/asterai/whatsapp/`. */
    readonly prefix: string,
    readonly recorderDir: string,
    readonly logs: LogLine[],
  ) {}

  static async start(options: HardeningOptions): Promise<HardeningEnvironment> {
    const recorderDir = await mkdtemp(join(tmpdir(), 'whatsapp-hardening-'));
    const recorder = componentFiles(COMPONENTS.recorder);
    const merged: Record<string, string | undefined> = {
      WHATSAPP_ACCESS_TOKEN: SECRETS.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: SECRETS.phoneNumberId,
      WHATSAPP_APP_SECRET: SECRETS.appSecret,
      WHATSAPP_WEBHOOK_VERIFY_TOKEN: SECRETS.verifyToken,
      WHATSAPP_INCOMING_HANDLER_COMPONENTS: options.recorders.join(','),
      RECORDER_DIR: recorderDir,
      ...options.env,
    };
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v !== undefined) env[k] = v;
    const logs: LogLine[] = [];
    const sink = (stream: LogLine['stream']) => (component: string, line: string) => {
      logs.push({ component, stream, line });
      if (process.env.SHOW_COMPONENT_LOGS) process[stream].write(`[${component}] ${line}\n`);
    };
    const environment = await Environment.load({
      namespace: ENV_NS,
      name: ENV_NAME,
      components: [{ name: PRODUCT, ...componentFiles(COMPONENTS.whatsapp) }, ...options.recorders.map((name) => ({ name, ...recorder }))],
      env,
      allowDirs: [recorderDir],
      instancePerRequest: options.instancePerRequest,
      instancePerCall: options.instancePerCall,
      stdout: sink('stdout'),
      stderr: sink('stderr'),
    });
    const { url } = await environment.listen(0, '127.0.0.1');
    return new HardeningEnvironment(environment, url.replace(/\/$/, ''), environment.httpPath(PRODUCT), recorderDir, logs);
  }

  get webhookPath(): string {
    return `${this.prefix}webhook`;
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

  /** What the host itself reported about a component: traps, missing responses. */
  hostReports(component = PRODUCT): string[] {
    return this.logs.filter((l) => l.component === component && l.line.startsWith('host: ')).map((l) => l.line);
  }

  logOf(component = PRODUCT): string {
    return this.logs
      .filter((l) => l.component === component)
      .map((l) => l.line)
      .join('\n');
  }

  /** Every handler call recorded so far, in order, across the recorders. */
  async recordedCalls(): Promise<RecordedCall[]> {
    try {
      const text = await readFile(join(this.recorderDir, 'calls.jsonl'), 'utf8');
      return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as RecordedCall);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  async clearRecorded(): Promise<void> {
    await rm(join(this.recorderDir, 'calls.jsonl'), { force: true });
  }

  /** asterai's call-component-function on our component, as another component would call it. */
  call(functionName: string, args: unknown[]): { ok: string } | { err: { kind: string; message: string } } {
    return this.environment.call(PRODUCT, functionName, JSON.stringify(args));
  }

  async stop(): Promise<void> {
    await this.environment.close();
    await rm(this.recorderDir, { recursive: true, force: true });
  }
}
