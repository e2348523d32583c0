// Builds the test-only components with componentize-js, cached by the hash of everything that
// goes into them (guest source, WIT, componentize-js version): a rerun costs nothing.
import { componentize } from '@bytecodealliance/componentize-js';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = join(repoRoot, 'build/host-test');
const guestsDir = join(repoRoot, 'tests/host/guests');

export interface TestComponent {
  wasm: string;
  wit: string;
}

export interface TestComponents {
  /** `host-test:probe`: tests/host/wit/probe.wit, world `probe-world`. */
  probe: TestComponent;
  /** `host-test:listener`: world `listener-world` of the same WIT, called by the probe. */
  listener: TestComponent;
}

export async function buildTestComponents(): Promise<TestComponents> {
  mkdirSync(outDir, { recursive: true });
  return withBuildLock(async () => {
    const wit = assembleProbeWit();
    return {
      probe: { wasm: await buildCached('probe', join(guestsDir, 'probe.js'), wit, 'probe-world'), wit },
      listener: { wasm: await buildCached('listener', join(guestsDir, 'listener.js'), wit, 'listener-world'), wit },
    };
  });
}

/** tests/host/wit plus the project's vendored deps (WASI 0.2.0, asterai:host), not its contract. */
function assembleProbeWit(): string {
  const sources = [join(repoRoot, 'tests/host/wit'), join(repoRoot, 'wit/deps')];
  const dir = join(outDir, `wit-${hashTree(sources)}`);
  if (!existsSync(dir)) {
    const staging = `${dir}.${process.pid}`;
    cpSync(join(repoRoot, 'tests/host/wit'), staging, { recursive: true });
    cpSync(join(repoRoot, 'wit/deps'), join(staging, 'deps'), { recursive: true });
    renameSync(staging, dir);
  }
  return dir;
}

async function buildCached(name: string, source: string, witDir: string, world: string): Promise<string> {
  const componentizeVersion = readPackageVersion('@bytecodealliance/componentize-js');
  const hash = hashTree([source, witDir], `${world}@${componentizeVersion}`);
  const wasm = join(outDir, `${name}-${hash}.wasm`);
  if (existsSync(wasm)) return wasm;
  const started = Date.now();
  const { component } = await componentize({ sourcePath: source, witPath: witDir, worldName: world });
  writeFileSync(`${wasm}.${process.pid}`, component);
  renameSync(`${wasm}.${process.pid}`, wasm);
  console.log(`built test component ${name} in ${Date.now() - started} ms: ${wasm}`);
  return wasm;
}

function hashTree(paths: string[], salt = ''): string {
  const hash = createHash('sha256').update(salt);
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(path.slice(repoRoot.length)).update(readFileSync(path));
    }
  };
  paths.forEach(visit);
  return hash.digest('hex').slice(0, 16);
}

function readPackageVersion(name: string): string {
  // componentize-js exports no `./package.json`, so read it from node_modules directly.
  const manifest: unknown = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  throw new Error(`${name}/package.json has no version`);
}

/** Test files run in parallel workers: one builds, the others wait and then find the cache. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(outDir, '.build-lock');
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      if (Date.now() > deadline || Date.now() - statSync(lock).mtimeMs > 10 * 60_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
