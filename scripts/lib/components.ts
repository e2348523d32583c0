// Every component the project builds, in one table: the product, the example agent, and the
// components the tests load. `npm run build`, `npm start`, `npm run check`, the benchmarks and
// the tests' global setup all read it.
import { buildComponent, type BuildResult } from './build-component.ts';
import { ROOT } from './paths.ts';
import { assembleWit, type WitSources } from './wit-folder.ts';
import type { WitPackageBuild } from './wit-package.ts';

export interface ProjectComponent {
  /** The guest's entry file, TypeScript or JavaScript (bundled into one file first). */
  entry: string;
  /** Its WIT folder: one of the repository's as it is, or one assembled from its sources. */
  wit: { dir: string } | WitSources;
  world: string;
  /** Where the built component goes. */
  out: string;
  /** `npm run check` generates its guest types (into build/guest-types). */
  guestTypes: boolean;
  /** Its own TypeScript project, type-checked by `npm run check` (otherwise the root tsconfig.json covers it). */
  tsconfig?: string;
}

const WHATSAPP_WIT = `${ROOT}wit/whatsapp.wit`;

/** A component of the host tests: tests/host/guests/<name>.js for the world <name>-world of tests/host/wit. */
function hostTestComponent(name: string): ProjectComponent {
  return {
    entry: `${ROOT}tests/host/guests/${name}.js`,
    wit: { name: 'host-test', root: `${ROOT}tests/host/wit` },
    world: `${name}-world`,
    out: `${ROOT}build/test-components/host-${name}.wasm`,
    guestTypes: false,
  };
}

/**
 * The recorder built against an earlier asterai:whatsapp contract, a handler written before
 * this version: tests/support/recorder-<tag>/, with that contract's WIT in whatsapp-<version>.wit.
 */
function previousRecorder(tag: string, version: string): ProjectComponent {
  const dir = `${ROOT}tests/support/recorder-${tag}`;
  return {
    entry: `${dir}/recorder-${tag}.ts`,
    wit: { name: `recorder-${tag}`, root: `${dir}/recorder-${tag}.wit`, whatsapp: `${dir}/whatsapp-${version}.wit` },
    world: `recorder-${tag}`,
    out: `${ROOT}build/test-components/recorder-${tag}.wasm`,
    guestTypes: false,
  };
}

export const COMPONENTS = {
  /** asterai:whatsapp itself: what `npm run build` makes and asterai runs. */
  whatsapp: {
    entry: `${ROOT}src/guest/main.ts`,
    wit: { dir: `${ROOT}wit` },
    world: 'component',
    out: `${ROOT}build/component.wasm`,
    guestTypes: true,
    tsconfig: `${ROOT}src/guest/tsconfig.json`,
  },
  /** The example handler (examples/agent), which `npm start` runs next to the component. */
  exampleAgent: {
    entry: `${ROOT}examples/agent/src/agent.ts`,
    wit: { name: 'example-agent', root: `${ROOT}examples/agent/wit`, whatsapp: WHATSAPP_WIT },
    world: 'agent',
    out: `${ROOT}build/example-agent/agent.wasm`,
    guestTypes: true,
    tsconfig: `${ROOT}examples/agent/tsconfig.json`,
  },
  /** The end-to-end tests' handler: writes every call it receives to RECORDER_DIR, fails or sleeps on demand. */
  recorder: {
    entry: `${ROOT}tests/support/recorder/recorder.ts`,
    wit: { name: 'recorder', root: `${ROOT}tests/support/recorder/recorder.wit`, whatsapp: WHATSAPP_WIT },
    world: 'recorder',
    out: `${ROOT}build/test-components/recorder.wasm`,
    guestTypes: true,
  },
  /** The same recorder built against asterai:whatsapp@0.1.0 (the Rust component's contract). */
  recorderV01: previousRecorder('v01', '0.1.0'),
  /** The same recorder built against asterai:whatsapp@0.2.0. */
  recorderV02: previousRecorder('v02', '0.2.0'),
  /** The host tests' `host-test:probe` (tests/host): calls every asterai:host/api function on request. */
  hostProbe: hostTestComponent('probe'),
  /** The host tests' `host-test:listener`, which the probe calls. */
  hostListener: hostTestComponent('listener'),
} satisfies Record<string, ProjectComponent>;

/** The component's name in an asterai environment. */
export const COMPONENT_NAME = 'asterai:whatsapp';
/** The example agent's name in the sandbox environment (WHATSAPP_INCOMING_HANDLER_COMPONENTS). */
export const EXAMPLE_AGENT_NAME = 'example:agent';

/** The component's WIT folder (assembled first if it has to be). */
export function witDirOf(component: ProjectComponent): string {
  return 'dir' in component.wit ? component.wit.dir : assembleWit(component.wit);
}

/** A built component and its WIT folder, as an environment loads them. */
export interface ComponentFiles {
  wasm: string;
  wit: string;
}

/** Where a component of the table is once built (the tests' global setup builds them all). */
export function componentFiles(component: ProjectComponent): ComponentFiles {
  return { wasm: component.out, wit: witDirOf(component) };
}

/** Builds a component of the table; unchanged sources reuse the cached build. */
export async function buildProjectComponent(component: ProjectComponent): Promise<BuildResult & { wit: string }> {
  const wit = witDirOf(component);
  const result = await buildComponent({ entry: component.entry, witDir: wit, world: component.world, out: component.out });
  return { ...result, wit };
}

/** The component's WIT package, where the asterai CLI looks for it next to build/component.wasm (its cli/src/language/typescript.rs). */
export const WIT_PACKAGE = {
  witDir: `${ROOT}wit`,
  outWasm: `${ROOT}build/package.wasm`,
  outWit: `${ROOT}build/package.wit`,
} satisfies WitPackageBuild;
