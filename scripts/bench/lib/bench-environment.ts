// The component in a Node-host environment, set up for measuring: built if needed, its
// log lines counted instead of printed, and the host options the benchmarks use.
import { startComponentEnvironment } from '../../lib/component-environment.ts';
import { buildProjectComponent, COMPONENTS } from '../../lib/components.ts';
import type { CallOutcome, ComponentSource, Environment, HttpServedTiming } from '../../../src/host/environment.ts';
import { BENCH_SECRETS } from './payloads.ts';

/** Handler names in WHATSAPP_INCOMING_HANDLER_COMPONENTS when the host answers calls itself. */
export const BENCH_HANDLER = 'bench:handler';

export interface BenchEnvironmentOptions {
  instancePerRequest: boolean;
  /** Default true (a fresh instance per call-component-function, as asterai). */
  instancePerCall?: boolean;
  /** The built component (default: build it if needed, as `npm run build` does). */
  wasm?: string;
  /** Answers every call-component-function a guest makes (a host whose calls return at once). */
  guestCalls?: (component: string, functionName: string, argsJson: string) => CallOutcome;
  onHttpServed?: (component: string, timing: HttpServedTiming) => void;
  env?: Record<string, string>;
  components?: ComponentSource[];
  /** Host directories granted to the component (asterai --allow-dir), like WHATSAPP_STATE_DIR. */
  allowDirs?: string[];
}

export interface BenchEnvironment {
  environment: Environment;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The webhook path under the host's route prefix. */
  webhookPath: string;
  /** Lines the components logged to stderr (errors, warnings), kept for the report. */
  errors: string[];
  close(): Promise<void>;
}

export async function ensureComponentBuilt(): Promise<string> {
  return (await buildProjectComponent(COMPONENTS.whatsapp)).out;
}

export async function startBenchEnvironment(options: BenchEnvironmentOptions): Promise<BenchEnvironment> {
  const wasm = options.wasm ?? (await ensureComponentBuilt());
  const errors: string[] = [];
  const { environment, origin, webhookPath } = await startComponentEnvironment({
    namespace: 'bench',
    name: 'env',
    credentials: BENCH_SECRETS,
    handlers: [BENCH_HANDLER],
    wasm,
    components: options.components,
    env: options.env,
    instancePerRequest: options.instancePerRequest,
    instancePerCall: options.instancePerCall,
    allowDirs: options.allowDirs,
    guestCalls: options.guestCalls,
    onHttpServed: options.onHttpServed,
    stdout: () => {},
    stderr: (component, line) => {
      if (errors.length < 50) errors.push(`[${component}] ${line}`);
    },
  });
  return { environment, origin, webhookPath, errors, close: () => environment.close() };
}

/** A call-component-function that returns at once, counting what it was asked. */
export function countingCalls(): { calls: () => number; reset: () => void; guestCalls: (c: string, f: string, a: string) => CallOutcome } {
  let calls = 0;
  return {
    calls: () => calls,
    reset: () => {
      calls = 0;
    },
    guestCalls: () => {
      calls++;
      return { ok: 'null' };
    },
  };
}
