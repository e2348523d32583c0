// Builds the components the end-to-end tests run: the product component
// (same build as `npm run build`) and the test handler components, each with a
// WIT folder assembled under build/test-wit/<name>. Builds are cached by
// content hash, so a repeated `npm test` rebuilds nothing that did not change.
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildComponent } from '../../scripts/lib/build-component.ts';
import { COMPONENT, ROOT } from '../../scripts/lib/paths.ts';

export interface TestComponent {
  wasm: string;
  wit: string;
}

const BUILD = join(ROOT, 'build');

/**
 * A WIT folder whose root package is `rootWit`, with all of wit/deps and the
 * `asterai:whatsapp` package (ours, or the file given) as dependencies.
 */
async function assembleWit(name: string, rootWit: string, whatsappWit = join(ROOT, 'wit', 'whatsapp.wit')): Promise<string> {
  const dir = join(BUILD, 'test-wit', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'deps', 'asterai-whatsapp'), { recursive: true });
  await cp(rootWit, join(dir, `${name}.wit`));
  await cp(whatsappWit, join(dir, 'deps', 'asterai-whatsapp', 'whatsapp.wit'));
  await cp(join(ROOT, 'wit', 'deps'), join(dir, 'deps'), { recursive: true });
  return dir;
}

const SUPPORT = join(ROOT, 'tests', 'support');

interface TestComponentSpec {
  name: string;
  whatsappWit?: string;
}

/** The recorder handler (incoming and status handler, @0.2.0) and its twin built against @0.1.0. */
const RECORDER: TestComponentSpec = { name: 'recorder' };
const RECORDER_V01: TestComponentSpec = { name: 'recorder-v01', whatsappWit: join(SUPPORT, 'recorder-v01', 'whatsapp-0.1.0.wit') };

function witOf(spec: TestComponentSpec): Promise<string> {
  return assembleWit(spec.name, join(SUPPORT, spec.name, `${spec.name}.wit`), spec.whatsappWit);
}

/** The WIT folders of the test components, for `npm run check` to generate their types. */
export async function assembleTestWits(): Promise<{ dir: string; world: string }[]> {
  return [{ dir: await witOf(RECORDER), world: RECORDER.name }];
}

async function buildTestComponent(spec: TestComponentSpec): Promise<TestComponent> {
  const wit = await witOf(spec);
  const { out } = await buildComponent({
    entry: join(SUPPORT, spec.name, `${spec.name}.ts`),
    witDir: wit,
    world: spec.name,
    out: join(BUILD, 'test-components', `${spec.name}.wasm`),
    cacheDir: join(BUILD, 'cache'),
  });
  return { wasm: out, wit };
}

/**
 * Builds every component the end-to-end tests load. Runs once, in vitest's
 * global setup, before any test file: test files only read the results, so that
 * parallel workers never assemble the same WIT folder at once.
 */
export async function buildTestComponents(): Promise<void> {
  await Promise.all([buildComponent(COMPONENT), buildTestComponent(RECORDER), buildTestComponent(RECORDER_V01)]);
}

/** Where buildTestComponents put a test component. */
export function testComponent(name: 'recorder' | 'recorder-v01'): TestComponent {
  return { wasm: join(BUILD, 'test-components', `${name}.wasm`), wit: join(BUILD, 'test-wit', name) };
}

export const productComponent: TestComponent = { wasm: COMPONENT.out, wit: COMPONENT.witDir };
