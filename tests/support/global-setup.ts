// vitest global setup: build every component of the table (scripts/lib/components.ts) once,
// before any test file, so that test files only read the results. The sandbox tests start
// `npm start`, which builds the component and the example agent too: a cache hit there.
import { buildProjectComponent, COMPONENTS } from '../../scripts/lib/components.ts';

export default async function setup(): Promise<void> {
  const started = performance.now();
  await Promise.all(Object.values(COMPONENTS).map((component) => buildProjectComponent(component)));
  console.log(`components ready in ${Math.round(performance.now() - started)} ms`);
}
