// vitest global setup: build every component of the table (scripts/lib/components.ts) once,
// before any test file, so that test files only read the results. The sandbox tests start
// `npm start`, which builds the component and the example agent too: a cache hit there.
// Then make the wasmtime host ready (tests/engines) when python3 is there.
import type { TestProject } from 'vitest/node';
import { buildProjectComponent, COMPONENTS } from '../../scripts/lib/components.ts';
import { describeReadiness, prepareWasmtime, type Readiness } from '../../src/wasmtime-host/readiness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    wasmtime: Readiness;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const started = performance.now();
  await Promise.all(Object.values(COMPONENTS).map((component) => buildProjectComponent(component)));
  console.log(`components ready in ${Math.round(performance.now() - started)} ms`);

  const wasmtime = await prepareWasmtime(COMPONENTS.whatsapp.out);
  // CI sets WASMTIME_REQUIRED=1: there the wasmtime tests must run, not be left out.
  if (!wasmtime.ready && process.env.WASMTIME_REQUIRED === '1') throw new Error(`${describeReadiness(wasmtime)}, and WASMTIME_REQUIRED=1`);
  console.log(wasmtime.ready ? describeReadiness(wasmtime) : `${describeReadiness(wasmtime)}: the tests of tests/engines are skipped`);
  project.provide('wasmtime', wasmtime);
}
