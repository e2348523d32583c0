// Where the project's components come from and go: one table, used by the
// build, `npm start`, the tests and the benchmarks.
import type { ComponentBuild } from './build-component.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;

export const COMPONENT = {
  entry: `${ROOT}src/guest/main.ts`,
  witDir: `${ROOT}wit`,
  world: 'component',
  out: `${ROOT}build/component.wasm`,
} satisfies ComponentBuild;

/** The component's name in an asterai environment. */
export const COMPONENT_NAME = 'asterai:whatsapp';
