// `npm start`: builds the component if its sources changed, then serves it the
// way asterai would, on 127.0.0.1, with the process environment (and a .env
// file, if there is one) as the environment's variables.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { Environment } from '../src/host/environment.ts';
import { buildComponent } from './lib/build-component.ts';
import { COMPONENT, COMPONENT_NAME, ROOT } from './lib/paths.ts';

const ENV_NAMESPACE = 'local';
const ENV_NAME = 'whatsapp';

const dotenvPath = `${ROOT}.env`;
const fromFile = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
const vars: Record<string, string> = {};
for (const [key, value] of Object.entries({ ...fromFile, ...process.env })) if (value !== undefined) vars[key] = value;

const build = await buildComponent(COMPONENT);
console.log(`component: ${build.out} (${build.cached ? 'up to date' : `built in ${build.ms} ms`})`);

// asterai grants directories with --allow-dir; the state dir must be one of them.
const allowDirs: string[] = [];
if (vars.WHATSAPP_STATE_DIR) {
  mkdirSync(vars.WHATSAPP_STATE_DIR, { recursive: true });
  allowDirs.push(vars.WHATSAPP_STATE_DIR);
}

const environment = await Environment.load({
  namespace: ENV_NAMESPACE,
  name: ENV_NAME,
  components: [{ name: COMPONENT_NAME, wasm: COMPONENT.out, wit: COMPONENT.witDir }],
  env: vars,
  allowDirs,
});
const [run] = environment.run().outcomes;
console.log(`setup check (wasi:cli/run): ${run?.status === 'ok' ? 'ok' : 'problems above; fix them before pointing Meta at the webhook'}`);

const port = Number(vars.PORT ?? 8080);
const { url } = await environment.listen(port, '127.0.0.1');
console.log(`webhook: ${new URL(`${environment.httpPath(COMPONENT_NAME)}webhook`, url).href}`);
console.log('Expose it with a tunnel and register that URL in your Meta app (see README). Ctrl-C stops.');

await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
await environment.close();
console.log('stopped');
