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

/** A WIT folder whose root package is `rootWit`, with our package and all of wit/deps as dependencies. */
async function assembleWit(name: string, rootWit: string): Promise<string> {
  const dir = join(BUILD, 'test-wit', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'deps', 'asterai-whatsapp'), { recursive: true });
  await cp(rootWit, join(dir, `${name}.wit`));
  await cp(join(ROOT, 'wit', 'whatsapp.wit'), join(dir, 'deps', 'asterai-whatsapp', 'whatsapp.wit'));
  await cp(join(ROOT, 'wit', 'deps'), join(dir, 'deps'), { recursive: true });
  return dir;
}

const RECORDER_SRC = join(ROOT, 'tests', 'support', 'recorder');

/** The WIT folders of the test components, for `npm run check` to generate their types. */
export async function assembleTestWits(): Promise<{ dir: string; world: string }[]> {
  return [{ dir: await assembleWit('recorder', join(RECORDER_SRC, 'recorder.wit')), world: 'recorder' }];
}

export async function buildRecorder(): Promise<TestComponent> {
  const wit = await assembleWit('recorder', join(RECORDER_SRC, 'recorder.wit'));
  const { out } = await buildComponent({
    entry: join(RECORDER_SRC, 'recorder.ts'),
    witDir: wit,
    world: 'recorder',
    out: join(BUILD, 'test-components', 'recorder.wasm'),
    cacheDir: join(BUILD, 'cache'),
  });
  return { wasm: out, wit };
}

export async function buildProductComponent(): Promise<TestComponent> {
  const { out } = await buildComponent(COMPONENT);
  return { wasm: out, wit: COMPONENT.witDir };
}
