// An asterai environment whose components run on wasmtime (wasmtime-py, the engine asterai
// embeds) instead of V8: the same components, env vars, allowed directories and JSON rules as
// the Node host's Environment, so a test can run one case on both engines and compare.
//
// - The environment is also loaded on the Node host (`node`): it is the registry every component
//   sees through asterai:host/api (component-info, component-implements, ...), built by the same
//   code, and it runs the components that are not on wasmtime (test handlers, recorders), so a
//   guest's call-component-function to them is served in this process, as on the Node host.
// - `call()` checks and converts the JSON args with the Node host's steps (prepareCall), sends
//   typed values to the wasmtime host (one Python process, host.py), which serves every call with
//   a fresh Store and instance as asterai does, and serialises the result with the same steps.
// - `run()` calls wasi:cli/run of the components on wasmtime.
// - asterai:host-cron/scheduler for the components on wasmtime: the Node host's scheduler
//   (src/host/host-cron), whose schedules call the component here, on wasmtime.
// - wasmtime-py cannot make a wasi:http incoming-request (its C API has no constructor for
//   one: a host-made resource is refused with "mismatched resource types"), so HTTP is not
//   served here; the webhook export is run on the Node host only.
import { Environment, type CallOutcome, type ComponentRunOutcome, type EnvironmentOptions, type RunReport } from '../host/environment.ts';
import { ASTERAI_HOST_API, asteraiHostApi, asteraiHostInterface } from '../host/host-api/asterai-host-api.ts';
import { CronScheduler, HOST_CRON_API, hostCronImports, hostCronInterface } from '../host/host-cron/cron-scheduler.ts';
import { callResult, failure, prepareCall, type Returned } from '../host/runtime/function-call.ts';
import type { WitInterface } from '../host/wit/model.ts';
import { LineWriter, printStderrLine, printStdoutLine } from '../host/runtime/guest-stdio.ts';
import { RUN_INTERFACE_PREFIX } from '../host/runtime/run-command.ts';
import { unalias, type WitType } from '../host/wit/model.ts';
import { jsName } from '../host/wit/names.ts';
import { wasmtimePython } from './python-env.ts';
import { fromWire, toWire, type WireValue } from './wire-values.ts';
import { WasmtimeProcess, type CallFailure, type LoadReport } from './wasmtime-process.ts';

export interface WasmtimeEnvironmentOptions extends Omit<EnvironmentOptions, 'instancePerRequest' | 'onHttpServed'> {
  /** The components that run on wasmtime (default: the first); the others run on the Node host. */
  onWasmtime?: string[];
  /** Told, after each call a wasmtime component served, how long instantiation (0 for a reused instance) and the call took inside the engine. */
  onCallServed?: (component: string, timing: CallTiming) => void;
}

export interface CallTiming {
  instantiateMs: number;
  callMs: number;
}

type HostFunction = (...args: unknown[]) => unknown;

export class WasmtimeEnvironment {
  readonly #writers = new Map<string, LineWriter>();
  readonly #hostApis = new Map<string, Record<string, HostFunction>>();
  readonly #cronApis = new Map<string, Record<string, HostFunction>>();
  readonly #cron = new CronScheduler({
    check: (component, fn, args) => {
      const prepared = prepareCall((name) => this.node.components.find((c) => c.name === name), component, fn, args);
      return 'err' in prepared ? prepared.err.message : undefined;
    },
    call: (component, fn, args) => this.call(component, fn, args),
    report: (component, message) => this.report(component, message),
  });
  #process: WasmtimeProcess | undefined;
  #runReport: RunReport | undefined;

  private constructor(
    /** The same environment on the Node host (see the head of this file). */
    readonly node: Environment,
    /** Names of the components on wasmtime. */
    readonly onWasmtime: ReadonlySet<string>,
    private readonly options: WasmtimeEnvironmentOptions,
    /** How each wasmtime component was loaded: compiled, or from the cache. */
    readonly loads: Map<string, LoadReport> = new Map(),
  ) {}

  static async load(options: WasmtimeEnvironmentOptions): Promise<WasmtimeEnvironment> {
    const python = await wasmtimePython();
    if ('unavailable' in python) throw new Error(`cannot run wasmtime: ${python.unavailable}`);
    const onWasmtime = new Set(options.onWasmtime ?? options.components.slice(0, 1).map((c) => c.name));
    const node = await Environment.load(options);
    const environment = new WasmtimeEnvironment(node, onWasmtime, options);
    try {
      environment.#process = await WasmtimeProcess.start({
        python: python.python,
        onOutput: (component, stream, bytes) => environment.writer(component, stream).write(bytes),
        onHostCall: (caller, iface, fn, args) => environment.hostCall(caller, iface, fn, args),
      });
      for (const source of options.components.filter((c) => onWasmtime.has(c.name))) {
        const report = await environment.#process.load({ component: source.name, wasm: source.wasm, env: options.env, dirs: options.allowDirs ?? [] });
        environment.loads.set(source.name, report);
      }
    } catch (error) {
      await environment.close();
      throw error;
    }
    return environment;
  }

  /** The wasmtime host process (benchmarks time instantiation and compilation with it). */
  get process(): WasmtimeProcess {
    if (!this.#process) throw new Error('the wasmtime host is not running');
    return this.#process;
  }

  /** asterai:host/api call-component-function: `functionName` is `interface/function`, args a JSON array. */
  async call(component: string, functionName: string, argsJson: string): Promise<CallOutcome> {
    if (!this.onWasmtime.has(component)) return this.node.call(component, functionName, argsJson);
    const prepared = prepareCall((name) => this.node.components.find((c) => c.name === name), component, functionName, argsJson);
    if ('err' in prepared) return prepared;
    const { fn, args } = prepared;
    const reply = await this.process.call({
      component,
      interface: fn.interfaceName,
      function: fn.signature.name,
      args: fn.signature.params.map((param, index) => toWire(param.type, args[index])),
      longLived: this.options.instancePerCall === false,
    });
    if ('err' in reply) return failure('invocation-failed', invocationMessage(reply.err));
    this.options.onCallServed?.(component, { instantiateMs: reply.instantiateMs, callMs: reply.callMs });
    return callResult(fn, returnedOf(fn.signature.result, reply.result));
  }

  /** Calls wasi:cli/run of every component on wasmtime that exports it; later calls return the first report. */
  async run(): Promise<RunReport> {
    if (this.#runReport) return this.#runReport;
    const outcomes: ComponentRunOutcome[] = [];
    for (const component of this.node.components.filter((c) => this.onWasmtime.has(c.name))) {
      const runInterface = component.exports.find((name) => name.startsWith(RUN_INTERFACE_PREFIX));
      if (!runInterface) continue;
      const reply = await this.process.call({ component: component.name, interface: runInterface, function: 'run', args: [] });
      const outcome: ComponentRunOutcome =
        'err' in reply
          ? { component: component.name, status: 'trapped', message: invocationMessage(reply.err) }
          : (reply.result as { tag: string }).tag === 'ok'
            ? { component: component.name, status: 'ok' }
            : { component: component.name, status: 'err', message: 'wasi:cli/run returned an error' };
      if (outcome.status !== 'ok') this.report(component.name, `wasi:cli/run ${outcome.status}: ${outcome.message}`);
      outcomes.push(outcome);
    }
    this.#runReport = { outcomes };
    return this.#runReport;
  }

  /** The schedules the components on wasmtime made through asterai:host-cron/scheduler. */
  schedules() {
    return this.#cron.all();
  }

  async close(): Promise<void> {
    this.#cron.cancelAll();
    await this.#process?.stop();
    for (const writer of this.#writers.values()) writer.flush();
    await this.node.close();
  }

  /**
   * A guest on wasmtime called asterai:host/api or asterai:host-cron/scheduler: answered by the
   * Node host's implementations, as seen by `caller`.
   */
  private async hostCall(caller: string, iface: string, functionName: string, wireArgs: WireValue[]): Promise<WireValue> {
    const hostInterfaces: Record<string, [WitInterface, () => Record<string, HostFunction>]> = {
      [ASTERAI_HOST_API]: [asteraiHostInterface(), () => this.hostApi(caller)],
      [HOST_CRON_API]: [hostCronInterface(), () => this.cronApi(caller)],
    };
    const [witInterface, implementations] = hostInterfaces[iface] ?? [];
    const fn = witInterface?.functions.find((f) => f.name === functionName);
    if (!witInterface || !implementations || !fn) throw new Error(`${iface} has no '${functionName}'`);
    const args = fn.params.map((param, index) => fromWire(param.type, wireArgs[index] ?? null));
    const [target, targetFunction, argsJson] = args as [string, string, string];
    let result: unknown;
    if (iface === ASTERAI_HOST_API && functionName === 'call-component-function' && this.onWasmtime.has(target)) {
      // Another call into the wasmtime host, which serves it while the caller waits.
      const outcome = await this.call(target, targetFunction, argsJson);
      result = 'ok' in outcome ? { tag: 'ok', val: outcome.ok } : { tag: 'err', val: outcome.err };
    } else {
      const implementation = implementations()[jsName(functionName)];
      if (!implementation) throw new Error(`no implementation of '${functionName}'`);
      result = implementation(...args);
    }
    return fn.result ? toWire(fn.result, result) : null;
  }

  private hostApi(caller: string): Record<string, HostFunction> {
    let api = this.#hostApis.get(caller);
    if (!api) {
      api = asteraiHostApi(
        {
          components: () => this.node.components,
          call: this.options.guestCalls ?? ((component, fn, argsJson) => this.node.call(component, fn, argsJson)),
          runtimeVersion: `0.1.0-wasmtime-py-${this.process.wasmtimeVersion}`,
        },
        caller,
      );
      this.#hostApis.set(caller, api);
    }
    return api;
  }

  private cronApi(caller: string): Record<string, HostFunction> {
    let api = this.#cronApis.get(caller);
    if (!api) {
      api = hostCronImports(this.#cron, caller);
      this.#cronApis.set(caller, api);
    }
    return api;
  }

  private writer(component: string, stream: 'stdout' | 'stderr'): LineWriter {
    const key = `${stream}:${component}`;
    let writer = this.#writers.get(key);
    if (!writer) {
      const sink = stream === 'stdout' ? (this.options.stdout ?? printStdoutLine) : (this.options.stderr ?? printStderrLine);
      writer = new LineWriter(component, sink);
      this.#writers.set(key, writer);
    }
    return writer;
  }

  private report(component: string, message: string): void {
    (this.options.stderr ?? printStderrLine)(component, `host: ${message}`);
  }
}

/** The messages the Node host gives for the same failures (src/host/runtime/function-call.ts). */
function invocationMessage(failure: CallFailure): string {
  if (failure.stage === 'instantiate') return `failed to instantiate component: ${failure.message}`;
  if (failure.stage === 'export') return `failed to get function: ${failure.message}`;
  return failure.message;
}

/** A top-level `result` splits into its ok value or its err, as jco returns and throws them. */
function returnedOf(resultType: WitType | undefined, wire: WireValue): Returned {
  if (!resultType) return { ok: undefined };
  const value = fromWire(resultType, wire);
  if (unalias(resultType).kind !== 'result') return { ok: value };
  const { tag, val } = value as { tag: string; val?: unknown };
  return tag === 'err' ? { err: val } : { ok: val };
}
