// A host process of the cold-start benchmark (cold-start.ts starts new ones per sample): loads
// the component in a process that has never run it, served with a fresh instance per request
// (`fresh`, the asterai model) or one long-lived instance (`warm`, the baseline), and reports
// on stdout, one JSON line each: when it is ready (with how long the load took), then every
// request served (instantiation and handler time). Exits when its stdin closes. The two modes
// run in separate processes, so that neither warms up the other's compiled code.
import { countingCalls, startBenchEnvironment } from './bench-environment.ts';

const [wasm, mode] = process.argv.slice(2);
if (!wasm || (mode !== 'fresh' && mode !== 'warm')) throw new Error('usage: cold-host.ts <component.wasm> fresh|warm');
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const { guestCalls } = countingCalls();

const started = performance.now();
const environment = await startBenchEnvironment({
  wasm,
  instancePerRequest: mode === 'fresh',
  guestCalls,
  onHttpServed: (_component, timing) => print({ served: timing }),
});
print({ ready: { origin: environment.origin, webhookPath: environment.webhookPath, loadMs: performance.now() - started } });
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
