// The component in an environment of the Node host, serving on loopback, configured with a set
// of Meta credentials and its handlers: what the tests (tests/support/harness.ts) and the
// benchmarks (scripts/bench/lib/bench-environment.ts) run it in.
import { Environment, type ComponentSource, type EnvironmentOptions } from '../../src/host/environment.ts';
import { credentialsEnv, type MetaCredentials } from '../../src/sandbox/credentials.ts';
import { webhookUnder } from '../../src/sandbox/webhook-route.ts';
import { COMPONENT_NAME, COMPONENTS, componentFiles } from './components.ts';

export interface ComponentEnvironmentOptions extends Omit<EnvironmentOptions, 'components' | 'env'> {
  credentials: MetaCredentials;
  /** WHATSAPP_INCOMING_HANDLER_COMPONENTS. */
  handlers: string[];
  /** Env vars on top of (and overriding) the credentials and handlers; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** The built component (default: where `npm run build` puts it). */
  wasm?: string;
  /** Components to load next to it. */
  components?: ComponentSource[];
}

export interface ComponentEnvironment {
  environment: Environment;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The component's route prefix, ending in `/`: `/acme/support/asterai/whatsapp/`. */
  route: string;
  /** The webhook's path under `origin`. */
  webhookPath: string;
}

export async function startComponentEnvironment(options: ComponentEnvironmentOptions): Promise<ComponentEnvironment> {
  const { credentials, handlers, env: extra, wasm, components, ...host } = options;
  const env: Record<string, string> = {};
  const merged: Record<string, string | undefined> = {
    ...credentialsEnv(credentials),
    WHATSAPP_INCOMING_HANDLER_COMPONENTS: handlers.join(','),
    ...extra,
  };
  for (const [name, value] of Object.entries(merged)) if (value !== undefined) env[name] = value;
  const product = { ...componentFiles(COMPONENTS.whatsapp), ...(wasm ? { wasm } : {}) };
  const environment = await Environment.load({ ...host, components: [{ name: COMPONENT_NAME, ...product }, ...(components ?? [])], env });
  const { url } = await environment.listen(0, '127.0.0.1');
  const route = environment.httpPath(COMPONENT_NAME);
  return { environment, origin: url.replace(/\/$/, ''), route, webhookPath: webhookUnder(route) };
}
