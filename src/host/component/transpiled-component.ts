// A component transpiled by jco (`--instantiation sync`), cached on disk by the hash of the
// wasm and the jco version, with its core modules compiled once per process.
import { componentWit, transpile } from '@bytecodealliance/jco';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What jco's `instantiate` returns: export objects keyed by short and versioned interface names. */
export type JcoInstance = Record<string, unknown>;
export type ImportObject = Record<string, unknown>;

export interface TranspiledComponent {
  wasmSha256: string;
  /** The component's own world as `jco wit` prints it (`export wasi:cli/run@0.2.0;` ...). */
  worldWit: string;
  /** A fresh instance: its own memories, tables and module state. */
  instantiate(imports: ImportObject): JcoInstance;
}

type Instantiate = (getCoreModule: (file: string) => WebAssembly.Module, imports: ImportObject) => JcoInstance;

const JS_FILE = 'component.js';
const WORLD_FILE = 'world.wit';

/** Core modules compiled in this process, by file path: compiling StarlingMonkey costs seconds. */
const compiledModules = new Map<string, WebAssembly.Module>();

export async function loadTranspiledComponent(wasmPath: string, cacheDir: string): Promise<TranspiledComponent> {
  const wasm = readFileSync(wasmPath);
  const wasmSha256 = createHash('sha256').update(wasm).digest('hex');
  const dir = join(cacheDir, `${wasmSha256.slice(0, 24)}-jco${jcoVersion()}`);
  if (!existsSync(join(dir, WORLD_FILE))) await transpileOnce(dir, wasm);

  const coreFiles = readdirSync(dir).filter((file) => file.endsWith('.wasm'));
  await Promise.all(
    coreFiles.map(async (file) => {
      const path = join(dir, file);
      if (!compiledModules.has(path)) compiledModules.set(path, await WebAssembly.compile(readFileSync(path)));
    }),
  );
  const instantiate = await importInstantiate(join(dir, JS_FILE));
  const getCoreModule = (file: string): WebAssembly.Module => {
    const module = compiledModules.get(join(dir, file));
    if (!module) throw new Error(`transpiled component in ${dir} asked for an unknown core module '${file}'`);
    return module;
  };
  return {
    wasmSha256,
    worldWit: readFileSync(join(dir, WORLD_FILE), 'utf8'),
    instantiate: (imports) => instantiate(getCoreModule, imports),
  };
}

/** Transpiles under way in this process: two components of one environment may share a wasm. */
const transpiling = new Map<string, Promise<void>>();

function transpileOnce(dir: string, wasm: Uint8Array): Promise<void> {
  let pending = transpiling.get(dir);
  if (!pending) {
    pending = transpileInto(dir, wasm).finally(() => transpiling.delete(dir));
    transpiling.set(dir, pending);
  }
  return pending;
}

async function transpileInto(dir: string, wasm: Uint8Array): Promise<void> {
  const { files } = await transpile(wasm, {
    name: 'component',
    instantiation: 'sync',
    noTypescript: true,
    quiet: true,
  });
  const staging = `${dir}.${process.pid}.${randomUUID()}.tmp`;
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(staging, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  writeFileSync(join(staging, WORLD_FILE), await componentWit(wasm));
  // Several processes may load the same component at once: the first rename wins.
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, WORLD_FILE))) throw error;
  }
}

/** Part of the cache key: another jco generates other bindings. */
function jcoVersion(): string {
  // jco exports no `./package.json`; its entry point is dist/api.js, next to the manifest's folder.
  const entry = createRequire(import.meta.url).resolve('@bytecodealliance/jco');
  const manifest: unknown = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  throw new Error('cannot read the version of @bytecodealliance/jco');
}

async function importInstantiate(jsPath: string): Promise<Instantiate> {
  const module: unknown = await import(pathToFileURL(jsPath).href);
  if (typeof module !== 'object' || module === null || !('instantiate' in module) || typeof module.instantiate !== 'function') {
    throw new Error(`${jsPath} does not export instantiate(): was it transpiled with --instantiation sync?`);
  }
  const instantiate = module.instantiate;
  return (getCoreModule, imports) => {
    const instance: unknown = withCheapJspiProbes(() => instantiate(getCoreModule, imports));
    if (typeof instance !== 'object' || instance === null) throw new Error(`${jsPath}: instantiate() returned no exports`);
    return instance as JcoInstance;
  };
}

const JSPI_UNAVAILABLE = new Error('JSPI is not available');

/**
 * jco's output probes JSPI about thirty times per instantiation with
 * `try { x = WebAssembly.promising(f) } catch { x = f }`. Without JSPI (Node 20) each probe throws
 * a TypeError whose message V8 builds by re-parsing the enclosing function, which here is the
 * whole 1.5 MB generated module: ~11 ms per probe, ~350 of the ~360 ms an instance took (measured).
 * The probed values are unused in sync mode, so during the (synchronous) instantiation a stand-in
 * throws a prebuilt error instead: same fallback, no re-parse, ~10 ms per instance.
 */
function withCheapJspiProbes<T>(instantiate: () => T): T {
  if (Reflect.has(WebAssembly, 'promising')) return instantiate();
  Reflect.set(WebAssembly, 'promising', () => {
    throw JSPI_UNAVAILABLE;
  });
  try {
    return instantiate();
  } finally {
    Reflect.deleteProperty(WebAssembly, 'promising');
  }
}
