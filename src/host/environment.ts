// An asterai environment on Node: a set of components and env vars, run the way the asterai
// runtime runs them (wasmtime), so the component can be tested and benchmarked without asterai.
//
// - `run()` calls wasi:cli/run once per component that exports it, as asterai does at start.
// - `call()` is asterai:host/api call-component-function (what `asterai env call` does): a fresh
//   instance of the target serves every call.
// - asterai:host-cron/scheduler: schedules a component creates call a function of the environment
//   at the times a cron expression names, as asterai's runtime does (host-cron/cron-scheduler.ts);
//   `close()` cancels them all.
// - `listen()` serves `/{env-ns}/{env-name}/{comp-ns}/{comp-name}/...` to the component's
//   wasi:http/incoming-handler, with a fresh instance per request unless `instancePerRequest`
//   is false (one long-lived instance per component, replaced after a trap: for benchmarks).
//
// Three more options exist for benchmarks and load tests only (scripts/bench, tests/hardening):
// `instancePerCall: false`, `guestCalls` and `onHttpServed`.
import { fileURLToPath } from 'node:url';
import { exportedInterfaces, instanceFunction, LoadedComponent, type ComponentSource } from './component/loaded-component.ts';
import { loadTranspiledComponent, type ImportObject, type JcoInstance } from './component/transpiled-component.ts';
import { asteraiHostApi } from './host-api/asterai-host-api.ts';
import { CronScheduler, hostCronImports, type ScheduleInfo } from './host-cron/cron-scheduler.ts';
import type { GuardedResponseOutparam, RoutedIncomingRequest } from './http/guest-request.ts';
import { HttpGateway, type GatewayRoute, type ListeningAddress } from './http/http-gateway.ts';
import { routeRequest } from './http/routes.ts';
import { messageOf } from './runtime/error-message.ts';
import { callComponentFunction, prepareCall, type CallOutcome } from './runtime/function-call.ts';
import { environmentWasi, guestImports } from './runtime/guest-imports.ts';
import { LineWriter, printStderrLine, printStdoutLine, type LineSink } from './runtime/guest-stdio.ts';
import { RUN_INTERFACE_PREFIX, runCommand, type ComponentRunOutcome } from './runtime/run-command.ts';
import { loadWitDirectory } from './wit/load-directory.ts';
import type { WitRegistry } from './wit/registry.ts';

export type { ComponentSource } from './component/loaded-component.ts';
export type { CallError, CallErrorKind, CallOutcome } from './runtime/function-call.ts';
export type { ListeningAddress } from './http/http-gateway.ts';
export type { LineSink } from './runtime/guest-stdio.ts';
export type { ComponentRunOutcome } from './runtime/run-command.ts';
export type { ScheduleInfo } from './host-cron/cron-scheduler.ts';

export interface EnvironmentOptions {
  namespace: string;
  name: string;
  components: ComponentSource[];
  /** Env vars every instance sees through wasi:cli/environment. */
  env: Record<string, string>;
  /** Host directories granted to every instance, preopened at the same path (asterai `--allow-dir`). */
  allowDirs?: string[];
  /** A fresh instance per HTTP request, as asterai does (default true). */
  instancePerRequest?: boolean;
  /**
   * A fresh instance per call-component-function and `call()`, as asterai does (default true).
   * false: one long-lived instance per component serves its calls, replaced after a call that
   * fails with invocation-failed (a trap). For load tests, where a fresh instance per handler
   * call (~15 ms) would be most of what is measured. A component that calls itself, directly
   * or through others, would re-enter its busy instance and trap.
   */
  instancePerCall?: boolean;
  /**
   * Answers every call-component-function a guest makes, in place of the environment
   * (benchmarks: a host whose calls return at once, so a figure is the caller's alone).
   * `call()` from the host is unaffected.
   */
  guestCalls?: (component: string, functionName: string, argsJson: string) => CallOutcome;
  /** Told, after each request a component served, how long its instantiation (0 for a reused instance) and its incoming-handler took (benchmarks: time inside the guest). */
  onHttpServed?: (component: string, timing: HttpServedTiming) => void;
  /** Where transpiled components are cached (default build/host-cache). */
  cacheDir?: string;
  /** Receives each line a component writes to stdout (default: printed as `[name] line`). */
  stdout?: LineSink;
  /** Receives each line a component writes to stderr, and the host's notes about it. */
  stderr?: LineSink;
}

export interface HttpServedTiming {
  instantiateMs: number;
  handleMs: number;
}

export interface RunReport {
  outcomes: ComponentRunOutcome[];
}

const HTTP_HANDLER_INTERFACE = 'wasi:http/incoming-handler@';
const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../build/host-cache', import.meta.url));

interface ComponentSlot {
  component: LoadedComponent;
  imports: ImportObject;
  stdout: LineWriter;
  stderr: LineWriter;
  /** The long-lived instance serving HTTP when `instancePerRequest` is false. */
  httpInstance?: JcoInstance;
  /** The long-lived instance serving calls when `instancePerCall` is false. */
  callInstance?: JcoInstance;
}

/** The interfaces a built component exports, read from the component itself as `load` reads them. */
export async function exportsOf(wasm: string, cacheDir = DEFAULT_CACHE_DIR): Promise<string[]> {
  return exportedInterfaces((await loadTranspiledComponent(wasm, cacheDir)).worldWit);
}

export class Environment {
  readonly #slots = new Map<string, ComponentSlot>();
  readonly #components: LoadedComponent[];
  readonly #cron: CronScheduler;
  #gateway: HttpGateway | undefined;
  #runReport: RunReport | undefined;

  private constructor(
    readonly namespace: string,
    readonly name: string,
    components: LoadedComponent[],
    private readonly options: EnvironmentOptions,
  ) {
    this.#components = components;
    this.#cron = new CronScheduler({
      check: (component, fn, args) => {
        const prepared = prepareCall((name) => this.#slots.get(name)?.component, component, fn, args);
        return 'err' in prepared ? prepared.err.message : undefined;
      },
      call: (component, fn, args) => this.call(component, fn, args),
      report: (component, message) => this.report(component, message),
    });
    const wasi = environmentWasi(options.env, options.allowDirs ?? []);
    const hostContext = { components: () => this.#components, call: options.guestCalls ?? this.call.bind(this) };
    for (const component of components) {
      const stdout = new LineWriter(component.name, options.stdout ?? printStdoutLine);
      const stderr = new LineWriter(component.name, options.stderr ?? printStderrLine);
      const hostApi = asteraiHostApi(hostContext, component.name);
      const hostCron = hostCronImports(this.#cron, component.name);
      const imports = guestImports({ component: component.name, wasi, stdout, stderr, hostApi, hostCron });
      this.#slots.set(component.name, { component, imports, stdout, stderr });
    }
  }

  static async load(options: EnvironmentOptions): Promise<Environment> {
    const names = new Set<string>();
    for (const source of options.components) {
      if (names.has(source.name)) throw new Error(`component '${source.name}' is listed twice in ${options.namespace}/${options.name}`);
      names.add(source.name);
    }
    const registries = new Map<string, WitRegistry>();
    const registryOf = (dir: string) => {
      let registry = registries.get(dir);
      if (!registry) {
        registry = loadWitDirectory(dir);
        registries.set(dir, registry);
      }
      return registry;
    };
    const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
    const components = await Promise.all(
      options.components.map(async (source) => {
        try {
          const transpiled = await loadTranspiledComponent(source.wasm, cacheDir);
          return LoadedComponent.create(source, transpiled, registryOf(source.wit));
        } catch (error) {
          throw new Error(`cannot load component '${source.name}' (${source.wasm}, WIT ${source.wit}): ${messageOf(error)}`, {
            cause: error,
          });
        }
      }),
    );
    return new Environment(options.namespace, options.name, components, options);
  }

  get components(): readonly LoadedComponent[] {
    return this.#components;
  }

  /** The schedules the components made through asterai:host-cron/scheduler, and still run. */
  schedules(): ScheduleInfo[] {
    return this.#cron.all();
  }

  /** Calls wasi:cli/run of every component that exports it; later calls return the first report. */
  run(): RunReport {
    this.#runReport ??= {
      outcomes: this.#components.flatMap((component) => {
        const runInterface = component.exports.find((name) => name.startsWith(RUN_INTERFACE_PREFIX));
        if (!runInterface) return [];
        const outcome = runCommand(component.name, runInterface, () => this.instantiate(component));
        if (outcome.status !== 'ok') this.report(component.name, `wasi:cli/run ${outcome.status}: ${outcome.message}`);
        return [outcome];
      }),
    };
    return this.#runReport;
  }

  /** asterai:host/api call-component-function: `functionName` is `interface/function`, args a JSON array. */
  call(component: string, functionName: string, argsJson: string): CallOutcome {
    const perCall = this.options.instancePerCall ?? true;
    const outcome = callComponentFunction(
      {
        find: (name) => this.#slots.get(name)?.component,
        instantiate: (target) => (perCall ? this.instantiate(target) : this.longLivedCallInstance(target)),
      },
      component,
      functionName,
      argsJson,
    );
    // A trapped instance can never be entered again.
    if (!perCall && 'err' in outcome && outcome.err.kind === 'invocation-failed') {
      const slot = this.#slots.get(component);
      if (slot) slot.callInstance = undefined;
    }
    return outcome;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<ListeningAddress> {
    if (this.#gateway) throw new Error(`environment ${this.namespace}/${this.name} is already listening`);
    const gateway = new HttpGateway({
      route: (pathWithQuery) => this.route(pathWithQuery),
      serve: (component, request, out) => this.serveHttp(component, request, out),
      report: (component, message) => this.report(component, message),
    });
    const address = gateway.listen(port, host);
    this.#gateway = gateway;
    return address;
  }

  /** The path under which a component's HTTP handler is served. */
  httpPath(component: string): string {
    return `/${this.namespace}/${this.name}/${component.replace(':', '/')}/`;
  }

  async close(): Promise<void> {
    this.#cron.cancelAll();
    this.#gateway?.close();
    this.#gateway = undefined;
    for (const slot of this.#slots.values()) {
      slot.httpInstance = undefined;
      slot.callInstance = undefined;
      slot.stdout.flush();
      slot.stderr.flush();
    }
  }

  private instantiate(component: LoadedComponent): JcoInstance {
    const slot = this.#slots.get(component.name);
    if (!slot) throw new Error(`component '${component.name}' is not part of ${this.namespace}/${this.name}`);
    return component.instantiate(slot.imports);
  }

  private longLivedCallInstance(component: LoadedComponent): JcoInstance {
    const slot = this.#slots.get(component.name);
    if (!slot) throw new Error(`component '${component.name}' is not part of ${this.namespace}/${this.name}`);
    slot.callInstance ??= this.instantiate(component);
    return slot.callInstance;
  }

  private route(pathWithQuery: string): GatewayRoute {
    const route = routeRequest(pathWithQuery, this);
    if (!route) {
      return { notFound: `no route for ${pathWithQuery}: expected /${this.namespace}/${this.name}/{component-namespace}/{component-name}/...` };
    }
    const component = this.#slots.get(route.component)?.component;
    if (!component) return { notFound: `no component '${route.component}' in environment ${this.namespace}/${this.name}` };
    if (!this.httpHandlerInterface(component)) {
      return { notFound: `component '${route.component}' does not export wasi:http/incoming-handler` };
    }
    return route;
  }

  private serveHttp(componentName: string, request: RoutedIncomingRequest, out: GuardedResponseOutparam): void {
    const slot = this.#slots.get(componentName);
    const handlerInterface = slot && this.httpHandlerInterface(slot.component);
    if (!slot || !handlerInterface) throw new Error(`component '${componentName}' cannot serve HTTP`);
    const perRequest = this.options.instancePerRequest ?? true;
    const instantiating = performance.now();
    const instance = perRequest ? this.instantiate(slot.component) : (slot.httpInstance ??= this.instantiate(slot.component));
    const handling = performance.now();
    const handle = instanceFunction(instance, handlerInterface, 'handle');
    try {
      if (!handle) throw new Error(`${handlerInterface} has no handle function`);
      handle(request, out);
      this.options.onHttpServed?.(componentName, { instantiateMs: handling - instantiating, handleMs: performance.now() - handling });
    } catch (error) {
      // A trapped instance can never be entered again.
      if (slot.httpInstance === instance) slot.httpInstance = undefined;
      throw error;
    }
  }

  private httpHandlerInterface(component: LoadedComponent): string | undefined {
    return component.exports.find((name) => name.startsWith(HTTP_HANDLER_INTERFACE));
  }

  private report(component: string, message: string): void {
    (this.options.stderr ?? printStderrLine)(component, `host: ${message}`);
  }
}
