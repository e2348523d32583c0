// Builds a guest (TypeScript or JavaScript) into a WebAssembly component: esbuild bundles the
// entry into one ESM file, componentize-js turns it into a component for a WIT
// world. Builds are cached by content hash (bundle + WIT + world + toolchain), so
// a rebuild of unchanged sources costs only the bundle step (~50 ms instead of
// ~10-20 s and ~800 MB for componentize).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { componentize } from '@bytecodealliance/componentize-js';
import { installedVersion, ROOT } from './paths.ts';
import { witFiles } from './wit-folder.ts';

export interface ComponentBuild {
  /** The guest entry file. */
  entry: string;
  /** The WIT folder (with deps/) and the world to build for. */
  witDir: string;
  world: string;
  /** Where the component goes. */
  out: string;
}

export interface BuildResult {
  out: string;
  bytes: number;
  cached: boolean;
  ms: number;
}

const CACHE_DIR = join(ROOT, 'build', 'cache');
const componentizeVersion = installedVersion('@bytecodealliance/componentize-js');

export async function buildComponent(spec: ComponentBuild): Promise<BuildResult> {
  const started = performance.now();
  const bundle = await bundleGuest(spec.entry);
  const key = await buildKey(bundle, spec);
  const cached = join(CACHE_DIR, `${key}.wasm`);
  await mkdir(CACHE_DIR, { recursive: true });
  await mkdir(dirname(spec.out), { recursive: true });

  let hit = true;
  if (!existsSync(cached)) {
    hit = false;
    const source = join(CACHE_DIR, `${key}.js`);
    await writeFile(source, bundle);
    const { component } = await componentize({
      sourcePath: source,
      witPath: resolve(spec.witDir),
      worldName: spec.world,
    });
    // Write then rename, so that a build killed half-way never leaves a
    // truncated component that a later run would take for a cache hit.
    await writeFile(`${cached}.partial`, component);
    await rename(`${cached}.partial`, cached);
  }
  // Copy then rename: other processes (parallel test files, a running sandbox) may be loading
  // the previous output, and must never read a half-copied file.
  const staging = `${spec.out}.${process.pid}.partial`;
  await copyFile(cached, staging);
  await rename(staging, spec.out);
  const { size } = await stat(spec.out);
  return { out: spec.out, bytes: size, cached: hit, ms: Math.round(performance.now() - started) };
}

/** One ESM file; WIT imports (`wasi:*`, `asterai:*`) stay imports for componentize-js. */
async function bundleGuest(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['wasi:*', 'asterai:*'],
    // A guest's recordings (the example agent's voice answer) are bundled as their bytes.
    loader: { '.ogg': 'binary' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}

async function buildKey(bundle: string, spec: ComponentBuild): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`componentize-js ${componentizeVersion}\nworld ${spec.world}\n`);
  hash.update(bundle);
  for (const file of witFiles(spec.witDir)) {
    hash.update(`\n--- ${relative(spec.witDir, file)}\n`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 32);
}
