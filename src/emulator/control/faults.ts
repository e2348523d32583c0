// Scripted failures: a queue of FaultSpecs; each Graph request uses up the first one that
// matches it. A fault either answers the request itself or (delay only) lets it through late.
import { sleep, type EmulatorRequest, type Reply } from '../exchange.ts';
import { graphError, graphErrorReply } from '../graph/errors.ts';
import { isObject } from '../graph/params.ts';
import type { FaultSpec, GraphErrorSpec, PendingFault } from '../types.ts';

interface QueuedFault extends PendingFault {
  pattern?: RegExp;
  bodyPattern?: RegExp;
}

export class FaultQueue {
  #queue: QueuedFault[] = [];

  add(faults: FaultSpec[]): void {
    for (const fault of faults) {
      const pattern = fault.match?.pathPattern;
      const bodyPattern = fault.match?.bodyPattern;
      this.#queue.push({
        fault,
        remaining: fault.times ?? 1,
        ...(pattern === undefined ? {} : { pattern: new RegExp(pattern) }),
        ...(bodyPattern === undefined ? {} : { bodyPattern: new RegExp(bodyPattern) }),
      });
    }
  }

  clear(): number {
    const count = this.#queue.length;
    this.#queue = [];
    return count;
  }

  pending(): PendingFault[] {
    return this.#queue.map(({ fault, remaining }) => ({ fault, remaining }));
  }

  /** The first fault matching the request, counted as used. `body` is read only by a bodyPattern. */
  take(method: string, path: string, body: () => string = () => ''): FaultSpec | undefined {
    const index = this.#queue.findIndex(({ fault, pattern, bodyPattern }) => {
      const wanted = fault.match?.method;
      return (
        (wanted === undefined || wanted.toUpperCase() === method) &&
        (pattern === undefined || pattern.test(path)) &&
        (bodyPattern === undefined || bodyPattern.test(body()))
      );
    });
    const queued = this.#queue[index];
    if (!queued) return undefined;
    if (queued.remaining !== 'always') {
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.#queue.splice(index, 1);
    }
    return queued.fault;
  }
}

/** A body that breaks JSON parsers the way a proxy's error page does. */
const GARBAGE = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>{"error":';

/** The reply the fault dictates, or undefined to carry on normally (after its delay; `failStatus` acts later). */
export async function applyFault(fault: FaultSpec, request: EmulatorRequest): Promise<Reply | undefined> {
  if (fault.delayMs !== undefined && fault.delayMs > 0) {
    if (!(await sleep(fault.delayMs, request.signal))) return { kind: 'drop' };
  }
  if (fault.hang) return { kind: 'hang' };
  if (fault.drop) return { kind: 'drop' };
  const headers = fault.headers ?? {};
  if (fault.garbage) {
    return { kind: 'respond', status: fault.status ?? 200, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body: GARBAGE };
  }
  if (fault.graphError !== undefined || fault.echoAuthorization) {
    const spec = echoed(fault.graphError ?? 190, fault.echoAuthorization ? request.headers['authorization'] : undefined);
    return graphErrorReply(fault.status === undefined ? spec : { ...asObject(spec), status: fault.status }, headers);
  }
  if (fault.status !== undefined || fault.body !== undefined) {
    const isText = typeof fault.body === 'string';
    return {
      kind: 'respond',
      status: fault.status ?? 200,
      headers: { 'content-type': isText ? 'text/plain; charset=UTF-8' : 'application/json; charset=UTF-8', ...headers },
      body: isText ? (fault.body as string) : fault.body === undefined ? '' : JSON.stringify(fault.body),
    };
  }
  return undefined;
}

function asObject(spec: GraphErrorSpec): Exclude<GraphErrorSpec, number> {
  return typeof spec === 'number' ? { code: spec } : spec;
}

/** Graph has been seen quoting the token back ("Malformed access token EAAG..."). */
function echoed(spec: GraphErrorSpec, authorization: string | undefined): GraphErrorSpec {
  if (authorization === undefined) return spec;
  const base = asObject(spec);
  const message = base.message ?? graphError(base).body.error.message;
  const details = base.details ?? graphError(base).body.error.error_data?.details;
  return {
    ...base,
    message: `${message} (request Authorization: ${authorization})`,
    details: `${details ?? 'Request rejected'} (request Authorization: ${authorization})`,
  };
}

/** Checks a `POST /_emulator/faults` body: one fault or a list. Returns the faults or a complaint. */
export function parseFaults(value: unknown): FaultSpec[] | string {
  const list = Array.isArray(value) ? value : [value];
  const faults: FaultSpec[] = [];
  for (const [index, item] of list.entries()) {
    const problem = faultProblem(item);
    if (problem) return `fault ${index}: ${problem}`;
    faults.push(item as FaultSpec);
  }
  return faults;
}

const KNOWN_KEYS = new Set(['match', 'times', 'delayMs', 'status', 'body', 'headers', 'graphError', 'echoAuthorization', 'hang', 'garbage', 'drop', 'failStatus']);

function faultProblem(item: unknown): string | undefined {
  if (!isObject(item)) return 'must be a JSON object';
  const unknown = Object.keys(item).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) return `unknown field(s) ${unknown.join(', ')}`;
  const { match, times, delayMs, status, headers, graphError: error } = item;
  if (match !== undefined) {
    if (!isObject(match)) return 'match must be an object';
    if (match['method'] !== undefined && typeof match['method'] !== 'string') return 'match.method must be a string';
    for (const key of ['pathPattern', 'bodyPattern']) {
      if (match[key] === undefined) continue;
      if (typeof match[key] !== 'string') return `match.${key} must be a string`;
      try {
        new RegExp(match[key]);
      } catch (error) {
        return `match.${key} is not a valid regular expression: ${(error as Error).message}`;
      }
    }
  }
  if (times !== undefined && times !== 'always' && !(Number.isInteger(times) && (times as number) > 0)) {
    return 'times must be a positive integer or "always"';
  }
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0)) return 'delayMs must be a number >= 0';
  if (item['failStatus'] !== undefined && !Number.isInteger(item['failStatus'])) return 'failStatus must be a Graph error code';
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
    return 'status must be an HTTP status code';
  }
  if (headers !== undefined && !(isObject(headers) && Object.values(headers).every((v) => typeof v === 'string'))) {
    return 'headers must map names to strings';
  }
  if (error !== undefined && !Number.isInteger(error) && !(isObject(error) && Number.isInteger(error['code']))) {
    return 'graphError must be a Graph error code or { code, message?, details?, subcode?, type?, status? }';
  }
  return undefined;
}
