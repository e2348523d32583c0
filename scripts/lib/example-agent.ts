// The example agent (examples/agent/): built by the same pipeline as the component, against
// a WIT folder assembled the way a handler author lays theirs out — its own package at the
// root, asterai:whatsapp (wit/whatsapp.wit) and the vendored packages under deps/.
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildComponent, type BuildResult } from './build-component.ts';
import { ROOT } from './paths.ts';

/** The agent's name in the sandbox environment (WHATSAPP_INCOMING_HANDLER_COMPONENTS). */
export const EXAMPLE_AGENT_NAME = 'example:agent';

const SOURCE = join(ROOT, 'examples', 'agent');
const OUT_DIR = join(ROOT, 'build', 'example-agent');
const WORLD = 'agent';

export interface ExampleAgentBuild extends BuildResult {
  /** The assembled WIT folder (the environment reads the agent's exports from it). */
  wit: string;
}

export async function buildExampleAgent(): Promise<ExampleAgentBuild> {
  const wit = await assembleAgentWit();
  const result = await buildComponent({
    entry: join(SOURCE, 'src', 'agent.ts'),
    witDir: wit,
    world: WORLD,
    out: join(OUT_DIR, 'agent.wasm'),
    cacheDir: join(ROOT, 'build', 'cache'),
  });
  return { ...result, wit };
}

/** The agent's WIT folder and world, for `npm run check` to generate its types. */
export async function exampleAgentWit(): Promise<{ dir: string; world: string }> {
  return { dir: await assembleAgentWit(), world: WORLD };
}

/**
 * build/example-agent/wit-<hash of the sources>: a folder per content, created under a
 * temporary name and renamed, so that a sandbox and a test run assembling it at the same time
 * never see it half-written.
 */
async function assembleAgentWit(): Promise<string> {
  const sources = [join(SOURCE, 'wit'), join(ROOT, 'wit')];
  const hash = createHash('sha256');
  for (const dir of sources) {
    for (const file of await witFiles(dir)) hash.update(`${file}\n`).update(await readFile(file));
  }
  const dir = join(OUT_DIR, `wit-${hash.digest('hex').slice(0, 16)}`);
  if (await exists(dir)) return dir;
  const staging = `${dir}.${process.pid}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'deps', 'asterai-whatsapp'), { recursive: true });
  await cp(join(SOURCE, 'wit'), staging, { recursive: true });
  await cp(join(ROOT, 'wit', 'whatsapp.wit'), join(staging, 'deps', 'asterai-whatsapp', 'whatsapp.wit'));
  await cp(join(ROOT, 'wit', 'deps'), join(staging, 'deps'), { recursive: true });
  try {
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!(await exists(dir))) throw error;
  }
  return dir;
}

async function witFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.wit'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
