// vitest global setup: build the components the end-to-end tests run, once.
import { buildTestComponents } from './components.ts';

export default async function setup(): Promise<void> {
  const started = performance.now();
  await buildTestComponents();
  console.log(`test components ready in ${Math.round(performance.now() - started)} ms`);
}
