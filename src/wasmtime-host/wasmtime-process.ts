// The wasmtime host process (host.py) and its JSON-lines protocol, seen from Node: requests with
// an id and their replies, the guests' output, and the guests' asterai:host/api calls, which
// are answered here while the guest waits (see host.py for the messages).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { WireValue } from './wire-values.ts';

const HOST_SCRIPT = fileURLToPath(new URL('./host.py', import.meta.url));
/** Compiled components, by the wasm's hash and the wasmtime version. */
export const WASMTIME_CACHE_DIR = fileURLToPath(new URL('../../build/wasmtime-cache', import.meta.url));
const STDERR_KEEP = 64 * 1024;

export interface LoadRequest {
  component: string;
  wasm: string;
  env: Record<string, string>;
  /** Host directories preopened at the same path (asterai --allow-dir). */
  dirs: readonly string[];
}

export interface LoadReport {
  cache: 'hit' | 'miss';
  /** Compilation (on a cache miss). */
  compileMs?: number;
  loadMs: number;
}

export interface CallRequest {
  component: string;
  /** `asterai:whatsapp/whatsapp@0.3.0` */
  interface: string;
  function: string;
  args: WireValue[];
  /** One long-lived instance instead of a fresh one (benchmarks). */
  longLived?: boolean;
}

export interface CallReply {
  result: WireValue;
  instantiateMs: number;
  callMs: number;
}

/** Why a call gave no value: the instance could not be made, the export is missing, the guest trapped, or the host failed. */
export interface CallFailure {
  stage: 'instantiate' | 'export' | 'trap' | 'host';
  message: string;
}

export interface WasmtimeProcessOptions {
  python: string;
  /** Bytes a guest wrote to its stdout or stderr. */
  onOutput(component: string, stream: 'stdout' | 'stderr', bytes: Uint8Array): void;
  /** A guest's call of an asterai host interface (`interface` versioned): its result as a wire value, or a throw (the guest then traps). */
  onHostCall(caller: string, iface: string, fn: string, args: WireValue[]): Promise<WireValue>;
}

type Message = Record<string, unknown>;

export class WasmtimeProcess {
  #nextId = 0;
  readonly #pending = new Map<number, { op: unknown; resolve: (reply: Message) => void; reject: (error: Error) => void }>();
  #stderr = '';
  #exited: Error | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: WasmtimeProcessOptions,
    /** The wasmtime-py version the host reported. */
    readonly wasmtimeVersion: string,
  ) {}

  static async start(options: WasmtimeProcessOptions): Promise<WasmtimeProcess> {
    const child = spawn(options.python, [HOST_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    const lines = createInterface({ input: child.stdout! });
    const ready = await new Promise<Message>((resolve, reject) => {
      lines.once('line', (line) => resolve(JSON.parse(line) as Message));
      child.once('exit', (code) => reject(new Error(`the wasmtime host exited (code ${code}) before it was ready; its stderr:\n${stderr}`)));
      child.once('error', reject);
    });
    const host = new WasmtimeProcess(child, options, String(ready.wasmtime));
    host.#stderr = stderr;
    child.stderr?.on('data', (chunk: string) => {
      host.#stderr = (host.#stderr + chunk).slice(-STDERR_KEEP);
    });
    lines.on('line', (line) => host.receive(JSON.parse(line) as Message));
    child.once('exit', (code, signal) => host.fail(new Error(`the wasmtime host exited (code ${code}, signal ${signal}); its stderr:\n${host.#stderr}`)));
    return host;
  }

  async load(request: LoadRequest): Promise<LoadReport> {
    return (await this.request({
      op: 'load',
      component: request.component,
      wasm: request.wasm,
      cacheDir: WASMTIME_CACHE_DIR,
      env: Object.entries(request.env),
      dirs: request.dirs,
    })) as unknown as LoadReport;
  }

  call(request: CallRequest): Promise<CallReply | { err: CallFailure }> {
    return this.request({ op: 'call', ...request }) as Promise<CallReply | { err: CallFailure }>;
  }

  /** A fresh instance, timed inside the host (benchmarks). */
  async instantiate(component: string): Promise<number> {
    return (await this.request({ op: 'instantiate', component })).instantiateMs as number;
  }

  /** One compilation of the wasm, without the cache, timed inside the host (benchmarks). */
  async compile(wasm: string): Promise<number> {
    return (await this.request({ op: 'compile', wasm })).compileMs as number;
  }

  /** What the host wrote on stderr (its own errors, not the guests'). */
  stderr(): string {
    return this.#stderr;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    // End of input is the host's signal to exit; a guest that never returns needs the kill.
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  }

  /** Sends a request; resolves with its `ok` payload, or `{ err }` for a call whose guest failed. */
  private request(message: Message): Promise<Message> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = ++this.#nextId;
    const reply = new Promise<Message>((resolve, reject) => this.#pending.set(id, { op: message.op, resolve, reject }));
    this.write({ ...message, id });
    return reply;
  }

  private receive(message: Message): void {
    if (message.event === 'output') {
      this.options.onOutput(String(message.component), message.stream === 'stdout' ? 'stdout' : 'stderr', Buffer.from(String(message.data), 'base64'));
      return;
    }
    if (message.event === 'host-call') {
      const seq = message.seq;
      this.options
        .onHostCall(String(message.component), String(message.interface), String(message.function), message.args as WireValue[])
        .then(
          (ok) => this.write({ op: 'reply', seq, ok }),
          (error: unknown) => this.write({ op: 'reply', seq, err: error instanceof Error ? error.message : String(error) }),
        );
      return;
    }
    const pending = this.#pending.get(message.id as number);
    if (!pending) return;
    this.#pending.delete(message.id as number);
    const failure = message.err as CallFailure | undefined;
    if (!failure) pending.resolve(message.ok as Message);
    else if (pending.op === 'call' && failure.stage !== 'host') pending.resolve({ err: failure });
    else pending.reject(new Error(`the wasmtime host failed (${failure.stage}): ${failure.message}; its stderr:\n${this.#stderr}`));
  }

  private write(message: Message): void {
    this.child.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  private fail(error: Error): void {
    this.#exited = error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
