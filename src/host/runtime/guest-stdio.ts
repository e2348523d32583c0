// A component's stdio: stdout and stderr cut into lines and handed to a sink with the component's
// name, so the logs of several components read well side by side; stdin empty.
import { clocks, io } from '@bytecodealliance/preview2-shim';
import type { InputStream, OutputStream } from '@bytecodealliance/preview2-shim/interfaces/wasi-io-streams';

export type LineSink = (component: string, line: string) => void;

export const printStdoutLine: LineSink = (component, line) => process.stdout.write(`[${component}] ${line}\n`);
export const printStderrLine: LineSink = (component, line) => process.stderr.write(`[${component}] ${line}\n`);

export class LineWriter {
  private readonly decoder = new TextDecoder();
  private pending = '';

  constructor(
    private readonly component: string,
    private readonly sink: LineSink,
  ) {}

  write(bytes: Uint8Array): void {
    this.pending += this.decoder.decode(bytes, { stream: true });
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      this.sink(this.component, this.pending.slice(0, newline).replace(/\r$/, ''));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
  }

  /** Emits an unterminated last line. */
  flush(): void {
    this.pending += this.decoder.decode();
    if (this.pending !== '') this.sink(this.component, this.pending);
    this.pending = '';
  }
}

/** Bytes a guest may write per call, as `check-write` reports it. */
const WRITE_BUDGET = 1n << 20n;

/**
 * A `wasi:io/streams` output-stream that writes into a LineWriter. jco only accepts a value
 * that is `instanceof` the shim's OutputStream (whose constructor is private), so the object
 * is made from its prototype, the way jco itself makes resource objects, and every method
 * is its own: the prototype's methods read private fields this object does not have.
 */
export function lineOutputStream(writer: LineWriter): OutputStream {
  const stream: OutputStream = Object.create(io.streams.OutputStream.prototype);
  const write = (contents: Uint8Array) => writer.write(contents);
  return Object.assign(stream, {
    checkWrite: () => WRITE_BUDGET,
    write,
    blockingWriteAndFlush: write,
    flush: () => {},
    blockingFlush: () => {},
    subscribe: () => clocks.monotonicClock.subscribeDuration(0n),
    writeZeroes: (len: bigint) => write(new Uint8Array(Number(len))),
    blockingWriteZeroesAndFlush: (len: bigint) => write(new Uint8Array(Number(len))),
    splice: (source: { read(len: bigint): Uint8Array }, len: bigint) => spliceInto(write, source, len),
    blockingSplice: (source: { blockingRead(len: bigint): Uint8Array }, len: bigint) =>
      spliceInto(write, { read: (n) => source.blockingRead(n) }, len),
    [Symbol.dispose]: () => {},
  });
}

/**
 * An empty, closed stdin (wasmtime's default, which asterai keeps): the shim's own would block
 * the host on the process's stdin. Made like `lineOutputStream`, for the same reason.
 */
export function closedInputStream(): InputStream {
  const stream: InputStream = Object.create(io.streams.InputStream.prototype);
  const closed = () => {
    throw { tag: 'closed' };
  };
  return Object.assign(stream, {
    read: closed,
    blockingRead: closed,
    skip: closed,
    blockingSkip: closed,
    subscribe: () => clocks.monotonicClock.subscribeDuration(0n),
    [Symbol.dispose]: () => {},
  });
}

function spliceInto(write: (bytes: Uint8Array) => void, source: { read(len: bigint): Uint8Array }, len: bigint): bigint {
  const bytes = source.read(len);
  write(bytes);
  return BigInt(bytes.length);
}
