// Test handler component. Behaviour is chosen by env vars (one build serves
// every test; a build costs ~10 s and ~800 MB):
//   RECORDER_DIR      granted directory; each call is appended as one JSON line
//                     to <dir>/<component name with ':' as '_'>.jsonl and, to
//                     show the order across components, to <dir>/calls.jsonl
//   RECORDER_FAIL     comma-separated component names that throw after recording
//                     (an uncaught throw in an export traps the instance: `unreachable`)
//   RECORDER_FAIL_FIRST  throw on the first N calls with each event (counted in the
//                     component's own record file), then return
//   <RECORDER_DIR>/<component name with ':' as '_'>.fail  while this file exists, the
//                     component throws after recording (a handler that is down, then fixed)
//   RECORDER_SLOW_MS  delay before returning, in ms
//   RECORDER_SLOW     comma-separated component names the delay applies to (default: all)
// Its own name comes from the host registry: every component minus the others.
import { getEnvironment } from 'wasi:cli/environment@0.2.0';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.0';
import type { Descriptor } from 'wasi:filesystem/types@0.2.0';
import { listComponents, listOtherComponents } from 'asterai:host/api@1.0.0';

function env(): Record<string, string> {
  return Object.fromEntries(getEnvironment());
}

// Looked up once per instance: listing the components costs ~2 ms a call, which the load test
// (a long-lived instance taking thousands of calls) would otherwise spend on every message.
let cachedName: string | undefined;

function ownName(): string {
  cachedName ??= lookUpOwnName();
  return cachedName;
}

function lookUpOwnName(): string {
  const others = new Set(listOtherComponents().map((c) => c.name));
  return listComponents().find((c) => !others.has(c.name))?.name ?? 'unknown';
}

function recorderDir(): Descriptor {
  const dir = env().RECORDER_DIR;
  if (!dir) throw new Error('RECORDER_DIR is not set');
  const preopen = getDirectories().find(([, path]) => path === dir);
  if (!preopen) throw new Error(`RECORDER_DIR ${dir} is not a granted directory`);
  return preopen[0];
}

const fileOf = (name: string) => name.replace(/[^a-zA-Z0-9-]/g, '_');

function record(name: string, call: string, arg: unknown): void {
  const dir = recorderDir();
  const line = JSON.stringify({ component: name, call, arg }, (_key, value) =>
    value === undefined ? null : typeof value === 'bigint' ? Number(value) : value,
  );
  const bytes = new TextEncoder().encode(`${line}\n`);
  for (const fileName of [`${fileOf(name)}.jsonl`, 'calls.jsonl']) {
    const file = dir.openAt({}, fileName, { create: true }, { write: true });
    const stream = file.appendViaStream();
    for (let at = 0; at < bytes.length; at += 4096) stream.blockingWriteAndFlush(bytes.subarray(at, at + 4096));
    stream[Symbol.dispose]();
    file[Symbol.dispose]();
  }
}

function listed(names: string, name: string): boolean {
  return names.split(',').map((s) => s.trim()).includes(name);
}

/** The text of a file in the recorder dir, or undefined when there is none. */
function readRecorderFile(fileName: string): string | undefined {
  let file: Descriptor;
  try {
    file = recorderDir().openAt({}, fileName, {}, { read: true });
  } catch {
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  for (let offset = 0n; ; ) {
    const [bytes, end] = file.read(65536n, offset);
    chunks.push(bytes);
    offset += BigInt(bytes.length);
    if (end || bytes.length === 0) break;
  }
  file[Symbol.dispose]();
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

/** How many calls with the event `id` the component recorded, this one included. */
function callsWith(name: string, id: string): number {
  const needle = `"id":${JSON.stringify(id)}`;
  return (readRecorderFile(`${fileOf(name)}.jsonl`) ?? '').split('\n').filter((line) => line.includes(needle)).length;
}

/** Waits, fails or returns as the environment says; a first-calls failure counts the calls with the event `id` (records that have one). */
async function behave(name: string, id?: string): Promise<void> {
  const { RECORDER_FAIL = '', RECORDER_FAIL_FIRST = '0', RECORDER_SLOW_MS = '0', RECORDER_SLOW } = env();
  const slow = Number(RECORDER_SLOW_MS);
  if (slow > 0 && (RECORDER_SLOW === undefined || listed(RECORDER_SLOW, name))) await new Promise((resolve) => setTimeout(resolve, slow));
  if (listed(RECORDER_FAIL, name)) {
    throw new Error(`${name} was told to fail (RECORDER_FAIL)`);
  }
  if (readRecorderFile(`${fileOf(name)}.fail`) !== undefined) throw new Error(`${name} is down (${fileOf(name)}.fail exists)`);
  const failFirst = Number(RECORDER_FAIL_FIRST);
  if (failFirst > 0 && id !== undefined && callsWith(name, id) <= failFirst) throw new Error(`${name} fails the first ${failFirst} calls with an event (RECORDER_FAIL_FIRST)`);
}

/** A handler function that records its call under `call`, then behaves as told (counting calls by the record's `id`, when it has one). */
function recorded(call: string): (arg: unknown) => Promise<void> {
  return async (arg) => {
    const name = ownName();
    record(name, call, arg);
    const id = (arg as { id?: unknown }).id;
    await behave(name, typeof id === 'string' ? id : undefined);
  };
}

export const incomingHandler = { onMessage: recorded('on-message') };
export const statusHandler = { onStatus: recorded('on-status') };
export const echoHandler = { onEcho: recorded('on-echo') };
export const preferenceHandler = { onPreference: recorded('on-preference') };
export const eventHandler = { onEvent: recorded('on-event') };
