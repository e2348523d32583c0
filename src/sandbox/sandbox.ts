// The local WhatsApp sandbox: the Cloud API emulator (its own process), asterai:whatsapp and a
// handler component in one environment of the Node host, wired as Meta and asterai would wire
// them, with secrets generated for the run. Nothing leaves the machine.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/spawn.ts';
import { SETTINGS } from '../guest/core/settings.ts';
import { EVENT_TYPES, ROUTES } from '../guest/inbound/routing.ts';
import { Environment, exportsOf, type ComponentSource, type LineSink } from '../host/environment.ts';
import { credentialsEnv, type MetaCredentials } from './credentials.ts';
import { removeState, writeState, type SandboxState } from './state-file.ts';
import { webhookUnder } from './webhook-route.ts';

export interface SandboxOptions {
  /** asterai:whatsapp, built. */
  component: ComponentSource;
  /**
   * The handler component: named in the handler list of every interface it exports (messages,
   * statuses, echoes, preferences, other fields), and given AGENT_STATE_DIR, a directory of its own.
   */
  handler: ComponentSource;
  /** The environment's namespace and name: the webhook is under /{namespace}/{name}/asterai/whatsapp/ (webhook-route.ts). */
  namespace: string;
  name: string;
  /** 0 picks a free port. */
  port: number;
  /** Variables for the environment on top of (and overridden by) the sandbox's own. */
  env?: Record<string, string>;
  /** Where to say the sandbox is running (see state-file.ts). */
  stateFile: string;
  /** The components' log lines. */
  log: LineSink;
  /**
   * Where the emulator writes its conversation lines: our stdout (the sandbox log), our
   * stderr, or nowhere.
   */
  conversationLog?: 'stdout' | 'inherit' | 'off';
}

export interface RunningSandbox {
  webhookUrl: string;
  emulator: RunningEmulator;
  environment: Environment;
  /** Problems wasi:cli/run reported, by component (empty when the setup check passed). */
  setupProblems: string[];
  state: SandboxState;
  /** Stops the environment and the emulator and removes the state file. Safe to call twice. */
  stop(): Promise<void>;
}

/** The secrets a real deployment takes from Meta, made up for this run (the emulator says the phone number id). */
export type SandboxSecrets = Omit<MetaCredentials, 'phoneNumberId'>;

export function generateSecrets(): SandboxSecrets {
  const secret = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
  return { accessToken: secret('EAAsandbox'), appSecret: secret(''), verifyToken: secret('verify-') };
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const secrets = generateSecrets();
  const conversationLog = options.conversationLog ?? 'stdout';
  const [emulator, stateDir, agentDir, handlerExports] = await Promise.all([
    startEmulator({
      accessToken: secrets.accessToken,
      appSecret: secrets.appSecret,
      logEvents: conversationLog !== 'off',
      stderr: conversationLog === 'off' ? 'capture' : conversationLog,
    }),
    // Claims of delivered events (WHATSAPP_STATE_DIR): redeliveries reach the handler once,
    // as in a deployment that sets it up.
    mkdtemp(join(tmpdir(), 'whatsapp-sandbox-')),
    // What the handler remembers between calls (the example agent: who is being answered by
    // staff, who stopped marketing messages).
    mkdtemp(join(tmpdir(), 'whatsapp-sandbox-agent-')),
    exportsOf(options.handler.wasm),
  ]);
  const cleanup = async () => {
    await emulator.stop();
    await rm(stateDir, { recursive: true, force: true });
    await rm(agentDir, { recursive: true, force: true });
  };

  let environment: Environment | undefined;
  let webhookUrl: string;
  let setupProblems: string[];
  try {
    const handler = options.handler.name;
    const handlerLists = Object.fromEntries(
      EVENT_TYPES.filter((type) => ROUTES[type].interfaces.some((name) => handlerExports.includes(name))).map((type) => [SETTINGS[ROUTES[type].setting].variable, handler]),
    );
    environment = await Environment.load({
      namespace: options.namespace,
      name: options.name,
      components: [options.component, options.handler],
      env: {
        ...options.env,
        ...credentialsEnv({ ...secrets, phoneNumberId: await phoneNumberId(emulator) }),
        WHATSAPP_API_BASE_URL: emulator.url,
        ...handlerLists,
        WHATSAPP_STATE_DIR: stateDir,
        AGENT_STATE_DIR: agentDir,
      },
      allowDirs: [stateDir, agentDir],
      stdout: options.log,
      stderr: options.log,
    });
    setupProblems = environment
      .run()
      .outcomes.filter((outcome) => outcome.status !== 'ok')
      .map((outcome) => `${outcome.component}: ${outcome.message ?? outcome.status}`);
    const { url } = await environment.listen(options.port, '127.0.0.1');
    webhookUrl = new URL(webhookUnder(environment.httpPath(options.component.name)), url).href;
    await emulator.configure({ webhookUrl });
  } catch (error) {
    await environment?.close();
    await cleanup();
    throw error;
  }
  const running = environment;

  const state: SandboxState = {
    emulatorUrl: emulator.url,
    emulatorPid: emulator.pid,
    webhookUrl,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  writeState(options.stateFile, state);

  let stopping: Promise<void> | undefined;
  return {
    webhookUrl,
    emulator,
    environment: running,
    setupProblems,
    state,
    stop() {
      stopping ??= (async () => {
        removeState(options.stateFile);
        await running.close();
        await cleanup();
      })();
      return stopping;
    },
  };
}

async function phoneNumberId(emulator: RunningEmulator): Promise<string> {
  const health = (await (await fetch(`${emulator.url}/_emulator/health`)).json()) as { phoneNumberId: string };
  return health.phoneNumberId;
}
