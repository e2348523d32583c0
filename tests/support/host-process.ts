// The Node host's CLI (src/host/cli.ts serve) in a process of its own, serving the built
// component and one recorder handler (HANDLER_A) the way `asterai env run` would: for tests
// that need two hosts at once, or a host that dies (SIGKILL) and starts again.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import { ROOT } from '../../scripts/lib/paths.ts';
import { credentialsEnv } from '../../src/sandbox/credentials.ts';
import { webhookUnder } from '../../src/sandbox/webhook-route.ts';
import { ENV_NAME, ENV_NS, HANDLER_A, SECRETS } from './harness.ts';

export interface HostProcessOptions {
  stateDir: string;
  recorderDir: string;
  /** More env vars of the environment. */
  env?: Record<string, string>;
}

export interface HostProcess {
  webhookUrl: string;
  child: ChildProcess;
  /** Every line the process printed, stdout and stderr. */
  output: string[];
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

export async function startHostProcess({ stateDir, recorderDir, env = {} }: HostProcessOptions): Promise<HostProcess> {
  const [product, recorder] = [componentFiles(COMPONENTS.whatsapp), componentFiles(COMPONENTS.recorder)];
  const vars = {
    ...credentialsEnv(SECRETS),
    WHATSAPP_INCOMING_HANDLER_COMPONENTS: HANDLER_A,
    WHATSAPP_STATE_DIR: stateDir,
    RECORDER_DIR: recorderDir,
    ...env,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/host/cli.ts'),
      'serve',
      '--env',
      `${ENV_NS}/${ENV_NAME}`,
      '--component',
      `asterai:whatsapp=${product.wasm}:${product.wit}`,
      '--component',
      `${HANDLER_A}=${recorder.wasm}:${recorder.wit}`,
      '--allow-dir',
      stateDir,
      '--allow-dir',
      recorderDir,
      ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    output.push(line);
    const match = /^\s+asterai:whatsapp@\S+\s+(http:\S+)$/.exec(line);
    if (match?.[1]) {
      lines.on('line', (more) => output.push(more));
      return { webhookUrl: webhookUnder(match[1]), child, output, stop };
    }
  }
  throw new Error(`the host process ended before it listened:\n${output.join('\n')}`);
}
