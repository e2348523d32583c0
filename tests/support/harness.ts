// Runs the BUILT component the way asterai would: in an environment of the
// Node host, over real loopback HTTP, next to test handler components, with the
// Graph API emulator in its own process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metaSignature } from '../../src/emulator/webhooks/signature.ts';
import { Environment } from '../../src/host/environment.ts';
import { COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';

export const SECRETS = {
  accessToken: 'EAAtest-access-token-0123456789',
  appSecret: 'test-app-secret-4f2a',
  verifyToken: 'verify-me-please',
  phoneNumberId: '106540352242922',
};

export const ENV_NS = 'acme';
export const ENV_NAME = 'support';
export const HANDLER_A = 'test:handler-a';
export const HANDLER_B = 'test:handler-b';

export interface TestEnvironmentOptions {
  /** Env vars on top of the defaults; `undefined` removes a default. */
  env?: Record<string, string | undefined>;
  /** Load the two recorder handler components (default true). */
  handlers?: boolean;
  /** More host directories to grant (asterai --allow-dir). */
  allowDirs?: string[];
  /** More components to load. */
  components?: { name: string; wasm: string; wit: string }[];
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

export class TestEnvironment {
  private constructor(
    readonly environment: Environment,
    readonly baseUrl: string,
    readonly recorderDir: string,
    /** Every line the components logged, in order (printed too when SHOW_COMPONENT_LOGS is set). */
    readonly logs: LogLine[],
  ) {}

  static async start(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
    const [product, recorder] = [componentFiles(COMPONENTS.whatsapp), componentFiles(COMPONENTS.recorder)];
    const recorderDir = await mkdtemp(join(tmpdir(), 'whatsapp-recorder-'));
    const env: Record<string, string> = {};
    const merged: Record<string, string | undefined> = {
      WHATSAPP_ACCESS_TOKEN: SECRETS.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: SECRETS.phoneNumberId,
      WHATSAPP_APP_SECRET: SECRETS.appSecret,
      WHATSAPP_WEBHOOK_VERIFY_TOKEN: SECRETS.verifyToken,
      WHATSAPP_INCOMING_HANDLER_COMPONENTS: `${HANDLER_A},${HANDLER_B}`,
      RECORDER_DIR: recorderDir,
      ...options.env,
    };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined) env[k] = v;
    const handlers = options.handlers ?? true;
    const logs: LogLine[] = [];
    const sink = (stream: LogLine['stream']) => (component: string, line: string) => {
      logs.push({ component, stream, line });
      if (process.env.SHOW_COMPONENT_LOGS) process[stream].write(`[${component}] ${line}\n`);
    };
    const environment = await Environment.load({
      stdout: sink('stdout'),
      stderr: sink('stderr'),
      namespace: ENV_NS,
      name: ENV_NAME,
      components: [
        { name: 'asterai:whatsapp', wasm: product.wasm, wit: product.wit },
        ...(handlers
          ? [
              { name: HANDLER_A, wasm: recorder.wasm, wit: recorder.wit },
              { name: HANDLER_B, wasm: recorder.wasm, wit: recorder.wit },
            ]
          : []),
        ...(options.components ?? []),
      ],
      env,
      allowDirs: [recorderDir, ...(options.allowDirs ?? [])],
    });
    const { url } = await environment.listen(0, '127.0.0.1');
    return new TestEnvironment(environment, `${url.replace(/\/$/, '')}/${ENV_NS}/${ENV_NAME}/asterai/whatsapp`, recorderDir, logs);
  }

  get webhookUrl(): string {
    return `${this.baseUrl}/webhook`;
  }

  /** POSTs `body` signed with the app secret (or with `signature` as given, or none when null). */
  async postWebhook(body: string | Uint8Array, options: { signature?: string | null; secret?: string } = {}): Promise<Response> {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const signature = options.signature === undefined ? metaSignature(bytes, options.secret ?? SECRETS.appSecret) : options.signature;
    if (signature !== null) headers['x-hub-signature-256'] = signature;
    return fetch(this.webhookUrl, { method: 'POST', headers, body: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  }

  /** The lines a component logged so far, as text. */
  logOf(component = 'asterai:whatsapp'): string {
    return this.logs
      .filter((l) => l.component === component)
      .map((l) => l.line)
      .join('\n');
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

  /** asterai's `call-component-function`, as another component would call us. */
  call(functionName: string, args: unknown[]): { ok: string } | { err: { kind: string; message: string } } {
    return this.environment.call('asterai:whatsapp', functionName, JSON.stringify(args));
  }

  async stop(): Promise<void> {
    await this.environment.close();
    await rm(this.recorderDir, { recursive: true, force: true });
  }
}

export async function fixture(name: string): Promise<string> {
  return readFile(new URL(`../fixtures/webhooks/${name}`, import.meta.url), 'utf8');
}
