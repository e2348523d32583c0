// `npm start`: builds what changed, then
// - with WHATSAPP_ACCESS_TOKEN set (in the process environment or .env): serves the component
//   for real, the way asterai would, on 127.0.0.1, with those variables;
// - without it: runs the local sandbox (src/sandbox/): the WhatsApp Cloud API emulator, the
//   component and the example agent (or the handler named by SANDBOX_HANDLER), with made-up
//   secrets, and says how to write to it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseEnv } from 'node:util';
import { Environment, type ComponentSource } from '../src/host/environment.ts';
import { componentLine } from '../src/sandbox/component-log.ts';
import { startSandbox } from '../src/sandbox/sandbox.ts';
import { findSandbox, NoSandbox, stateFilePath } from '../src/sandbox/state-file.ts';
import { webhookUnder } from '../src/sandbox/webhook-route.ts';
import type { BuildResult } from './lib/build-component.ts';
import { buildProjectComponent, COMPONENT_NAME, COMPONENTS, EXAMPLE_AGENT_NAME } from './lib/components.ts';
import { ROOT } from './lib/paths.ts';

const ENV_NAMESPACE = 'local';
const ENV_NAME = 'whatsapp';

const dotenvPath = `${ROOT}.env`;
const fromFile = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
const vars: Record<string, string> = {};
for (const [key, value] of Object.entries({ ...fromFile, ...process.env })) if (value !== undefined) vars[key] = value;
const port = Number(vars.PORT ?? 8080);

/** A problem the person can fix, said without a stack trace. */
class StartError extends Error {}

try {
  if (vars.WHATSAPP_ACCESS_TOKEN?.trim()) await serveForReal();
  else await runSandbox();
} catch (error) {
  if (!(error instanceof StartError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

async function serveForReal(): Promise<void> {
  const build = await buildProjectComponent(COMPONENTS.whatsapp);
  console.log(`component: ${build.out} (${built(build)})`);

  const environment = await Environment.load({
    namespace: ENV_NAMESPACE,
    name: ENV_NAME,
    components: [{ name: COMPONENT_NAME, wasm: build.out, wit: build.wit }],
    env: vars,
    allowDirs: stateDirOf(vars),
  });
  const [run] = environment.run().outcomes;
  console.log(`setup check (wasi:cli/run): ${run?.status === 'ok' ? 'ok' : 'problems above; fix them before pointing Meta at the webhook'}`);

  const { url } = await environment.listen(port, '127.0.0.1');
  console.log(`webhook: ${new URL(webhookUnder(environment.httpPath(COMPONENT_NAME)), url).href}`);
  console.log('Expose it with a tunnel and register that URL in your Meta app (see README). Ctrl-C stops.');

  await stopSignal();
  await environment.close();
  console.log('stopped');
}

async function runSandbox(): Promise<void> {
  const stateFile = stateFilePath(vars);
  const running = await findSandbox(stateFile).catch((error: unknown) => {
    if (error instanceof NoSandbox) return undefined;
    throw error;
  });
  if (running) {
    console.error(`A sandbox is already running (pid ${running.pid}, webhook ${running.webhookUrl}). Use it, or stop it first.`);
    process.exitCode = 1;
    return;
  }
  console.log('No WHATSAPP_ACCESS_TOKEN: starting the local sandbox (WhatsApp is emulated; nothing reaches Meta).');
  const ownHandler = vars.SANDBOX_HANDLER ? handlerFrom(vars.SANDBOX_HANDLER) : undefined;
  console.log('Building what changed (the first time takes about 30 s)...');
  const [component, agent] = await Promise.all([
    buildProjectComponent(COMPONENTS.whatsapp),
    ownHandler ? undefined : buildProjectComponent(COMPONENTS.exampleAgent),
  ]);
  const handler = ownHandler ?? { name: EXAMPLE_AGENT_NAME, wasm: agent!.out, wit: agent!.wit };
  const verbose = vars.SANDBOX_VERBOSE === '1';
  const sandbox = await startSandbox({
    component: { name: COMPONENT_NAME, wasm: component.out, wit: component.wit },
    handler,
    namespace: ENV_NAMESPACE,
    name: ENV_NAME,
    port,
    env: vars,
    stateFile,
    log: (name, line) => {
      const formatted = componentLine(name, line, { verbose });
      if (formatted !== undefined) process.stdout.write(`${formatted}\n`);
    },
  }).catch((error: unknown) => {
    const message = (error as Error).message ?? String(error);
    if (/EADDRINUSE|address already in use/i.test(message)) {
      throw new StartError(`Port ${port} is in use (another \`npm start\`?): stop that, or choose another port with PORT=8081 npm start.`);
    }
    throw error;
  });

  const rows: [string, string][] = [
    ['component', `${relative(ROOT, component.out)} (${built(component)})`],
    agent
      ? ['example agent', `${relative(ROOT, agent.out)} as ${EXAMPLE_AGENT_NAME} (${built(agent)}), source in examples/agent/`]
      : ['handler', `${handler.wasm} as ${handler.name} (SANDBOX_HANDLER)`],
    ['WhatsApp API', `emulator at ${sandbox.emulator.url} (pid ${sandbox.emulator.pid})`],
    ['webhook', sandbox.webhookUrl],
    ['secrets', 'app secret, verify token and access token made up for this run'],
    ['setup check', sandbox.setupProblems.length === 0 ? 'ok' : `PROBLEMS: ${sandbox.setupProblems.join('; ')} (see the lines above)`],
  ];
  for (const [label, value] of rows) console.log(`  ${label.padEnd(14)} ${value}`);
  console.log(`
Ready. In another terminal, write to the agent as a WhatsApp user:
  npm run simulate -- "hello"
  npm run simulate -- "menu"                  then: npm run simulate -- --kind button-reply --option 2
  npm run simulate -- --kind image "a cat"    (location, reaction, list-reply, ...: see --help)
  npm run simulate -- --watch                 type as the user, watch the answers
The conversation shows below as it happens. Ctrl-C stops the sandbox.
`);

  await stopSignal();
  await sandbox.stop();
  console.log('sandbox stopped');
}

/** SANDBOX_HANDLER=<ns:name>=<file.wasm>:<wit-dir>: your handler component instead of the example agent. */
function handlerFrom(value: string): ComponentSource {
  const match = value.match(/^([^=:\s]+:[^=:\s]+)=(.+?\.wasm):(.+)$/);
  if (!match) throw new StartError(`SANDBOX_HANDLER must be <namespace:name>=<file.wasm>:<wit-dir>, like acme:bot=../bot/build/bot.wasm:../bot/wit; got "${value}"`);
  const [, name = '', wasm = '', wit = ''] = match;
  for (const path of [wasm, wit]) if (!existsSync(path)) throw new StartError(`SANDBOX_HANDLER: ${path} does not exist.`);
  return { name, wasm, wit };
}

function built(result: BuildResult): string {
  return result.cached ? 'up to date' : `built in ${(result.ms / 1000).toFixed(1)} s`;
}

/** asterai grants directories with --allow-dir; the state dir must be one of them. */
function stateDirOf(env: Record<string, string>): string[] {
  if (!env.WHATSAPP_STATE_DIR) return [];
  mkdirSync(env.WHATSAPP_STATE_DIR, { recursive: true });
  return [env.WHATSAPP_STATE_DIR];
}

function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
