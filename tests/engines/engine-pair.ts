// The built component in the same environment on both engines: the Node host (jco + V8,
// src/host) and wasmtime (src/wasmtime-host), each with its own Graph API emulator, so that a
// call runs on both at once (the Node host blocks this thread while its guest works; wasmtime
// works in its own process meanwhile) and the answers, log lines and Graph requests can be
// compared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import type { RecordedRequest } from '../../src/emulator/types.ts';
import { Environment, type CallOutcome, type ComponentRunOutcome, type ComponentSource, type EnvironmentOptions } from '../../src/host/environment.ts';
import { WasmtimeEnvironment } from '../../src/wasmtime-host/wasmtime-environment.ts';
import { COMPONENT_NAME, COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import { credentialsEnv } from '../../src/sandbox/credentials.ts';
import { ENV_NAME, ENV_NS, HANDLER_A, HANDLER_B, SECRETS } from '../support/harness.ts';

export const ENGINES = ['node', 'wasmtime'] as const;
export type EngineName = (typeof ENGINES)[number];
export const PRODUCT = COMPONENT_NAME;

export interface EngineAnswer<T> {
  value: T;
  /** What the components logged meanwhile, as `component: line`. */
  logs: string[];
  /** The Graph requests it made meanwhile. */
  requests: RecordedRequest[];
}

export type Both<T> = Record<EngineName, T>;

export interface PairOptions {
  /** Env vars on top of a complete setup; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** Start a Graph API emulator per engine and point WHATSAPP_API_BASE_URL at it. */
  graph?: boolean;
  allowDirs?: string[];
  /** Components besides the product and the two recorder handlers. */
  components?: ComponentSource[];
  /** The components run on wasmtime in the wasmtime environment (default: the product). */
  onWasmtime?: string[];
  /** Env vars and granted directories of one engine's environment only (each engine its own state dir). */
  perEngine?: Partial<Both<{ env?: Record<string, string>; allowDirs?: string[] }>>;
}

class Engine {
  readonly logs: string[] = [];
  constructor(
    readonly name: EngineName,
    readonly graph: RunningEmulator | undefined,
  ) {}

  sink = (component: string, line: string) => {
    this.logs.push(component === PRODUCT ? line : `${component}: ${line}`);
    if (process.env.SHOW_COMPONENT_LOGS) process.stdout.write(`[${this.name} ${component}] ${line}\n`);
  };
}

export class EnginePair {
  private constructor(
    private readonly engines: Both<Engine>,
    private readonly node: Environment,
    private readonly wasmtime: WasmtimeEnvironment,
    private readonly recorderDir: string,
  ) {}

  static async start(options: PairOptions = {}): Promise<EnginePair> {
    const recorderDir = await mkdtemp(join(tmpdir(), 'whatsapp-engines-'));
    const graphs = options.graph
      ? await Promise.all(ENGINES.map(() => startEmulator({ accessToken: SECRETS.accessToken, phoneNumberId: SECRETS.phoneNumberId, statusDelayMs: -1 })))
      : [undefined, undefined];
    const engines: Both<Engine> = { node: new Engine('node', graphs[0]), wasmtime: new Engine('wasmtime', graphs[1]) };
    const recorder = componentFiles(COMPONENTS.recorder);
    const environment = (engine: Engine): EnvironmentOptions => {
      const merged: Record<string, string | undefined> = {
        ...credentialsEnv(SECRETS),
        WHATSAPP_INCOMING_HANDLER_COMPONENTS: `${HANDLER_A},${HANDLER_B}`,
        RECORDER_DIR: recorderDir,
        ...(engine.graph ? { WHATSAPP_API_BASE_URL: engine.graph.url } : {}),
        ...options.env,
        ...options.perEngine?.[engine.name]?.env,
      };
      return {
        namespace: ENV_NS,
        name: ENV_NAME,
        components: [
          { name: PRODUCT, ...componentFiles(COMPONENTS.whatsapp) },
          { name: HANDLER_A, ...recorder },
          { name: HANDLER_B, ...recorder },
          ...(options.components ?? []),
        ],
        env: Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined)),
        allowDirs: [recorderDir, ...(options.allowDirs ?? []), ...(options.perEngine?.[engine.name]?.allowDirs ?? [])],
        stdout: engine.sink,
        stderr: engine.sink,
      };
    };
    const node = await Environment.load(environment(engines.node));
    const wasmtime = await WasmtimeEnvironment.load({ ...environment(engines.wasmtime), onWasmtime: options.onWasmtime ?? [PRODUCT] });
    return new EnginePair(engines, node, wasmtime, recorderDir);
  }

  graph(engine: EngineName): RunningEmulator {
    const graph = this.engines[engine].graph;
    if (!graph) throw new Error('started without a Graph emulator');
    return graph;
  }

  /** call-component-function on a component (default the product), on both engines at once. */
  call(functionName: string, args: Both<unknown[]>, component = PRODUCT): Promise<Both<EngineAnswer<CallOutcome>>> {
    return this.onBoth(
      (argsOf) => this.wasmtime.call(component, functionName, JSON.stringify(argsOf)),
      (argsOf) => this.node.call(component, functionName, JSON.stringify(argsOf)),
      args,
    );
  }

  /** wasi:cli/run of the product, on both engines. */
  run(): Promise<Both<EngineAnswer<ComponentRunOutcome | undefined>>> {
    const runOf = (outcomes: ComponentRunOutcome[]) => outcomes.find((o) => o.component === PRODUCT);
    return this.onBoth(
      async () => runOf((await this.wasmtime.run()).outcomes),
      () => runOf(this.node.run().outcomes),
      { node: undefined, wasmtime: undefined },
    );
  }

  async stop(): Promise<void> {
    await this.wasmtime.close();
    await this.node.close();
    await Promise.all(ENGINES.map((engine) => this.engines[engine].graph?.stop()));
    await rm(this.recorderDir, { recursive: true, force: true });
  }

  /** Starts the wasmtime side first (it runs in its own process), then the Node side, which holds this thread until it is done. */
  private async onBoth<T, A>(onWasmtime: (arg: A) => Promise<T>, onNode: (arg: A) => T, args: Both<A>): Promise<Both<EngineAnswer<T>>> {
    const marks = { node: this.engines.node.logs.length, wasmtime: this.engines.wasmtime.logs.length };
    await Promise.all(ENGINES.map((engine) => this.engines[engine].graph?.clearRequests()));
    const wasmtimeValue = onWasmtime(args.wasmtime);
    const nodeValue = onNode(args.node);
    const values = { node: nodeValue, wasmtime: await wasmtimeValue };
    const answer = async (engine: EngineName): Promise<EngineAnswer<T>> => ({
      value: values[engine],
      logs: this.engines[engine].logs.slice(marks[engine]),
      requests: (await this.engines[engine].graph?.requests()) ?? [],
    });
    return { node: await answer('node'), wasmtime: await answer('wasmtime') };
  }
}
