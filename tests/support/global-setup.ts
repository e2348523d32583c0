// vitest global setup: build the components the end-to-end tests run, once.
import { buildExampleAgent } from '../../scripts/lib/example-agent.ts';
import { buildTestComponents } from './components.ts';

export default async function setup(): Promise<void> {
  const started = performance.now();
  // The sandbox tests start `npm start`, which builds the example agent too: built here first,
  // it is a cache hit there.
  await Promise.all([buildTestComponents(), buildExampleAgent()]);
  console.log(`test components ready in ${Math.round(performance.now() - started)} ms`);
}
