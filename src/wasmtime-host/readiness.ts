// Makes the wasmtime host ready before tests or benchmarks start: its virtual environment, and
// the component compiled into the cache (~5.5 s once), so that no process pays the compilation
// again and parallel test files do not compile it side by side.
import { wasmtimePython } from './python-env.ts';
import { WasmtimeProcess, type LoadReport } from './wasmtime-process.ts';

export type Readiness =
  | { ready: true; python: string; wasmtimeVersion: string; venvCreated: boolean; compile: LoadReport }
  | { ready: false; reason: string };

export async function prepareWasmtime(wasm: string): Promise<Readiness> {
  const env = await wasmtimePython();
  if ('unavailable' in env) return { ready: false, reason: env.unavailable };
  const host = await WasmtimeProcess.start({
    python: env.python,
    onOutput: () => {},
    onHostCall: () => Promise.reject(new Error('no host calls while compiling')),
  });
  try {
    const compile = await host.load({ component: 'precompile:component', wasm, env: {}, dirs: [] });
    return { ready: true, python: env.python, wasmtimeVersion: host.wasmtimeVersion, venvCreated: env.created, compile };
  } finally {
    await host.stop();
  }
}

/** One line for a log: what is ready, or why the wasmtime lane cannot run. */
export function describeReadiness(readiness: Readiness): string {
  if (!readiness.ready) return `wasmtime: not available (${readiness.reason})`;
  const venv = readiness.venvCreated ? 'virtualenv created in build/wasmtime-venv' : 'build/wasmtime-venv';
  const compiled = readiness.compile.cache === 'hit' ? 'component compiled earlier (build/wasmtime-cache)' : `component compiled in ${((readiness.compile.compileMs ?? 0) / 1000).toFixed(1)} s`;
  return `wasmtime ${readiness.wasmtimeVersion} (wasmtime-py): ${venv}, ${compiled}`;
}
