// Test handler component. Behaviour is chosen by env vars (one build serves
// every test; a build costs ~10 s and ~800 MB):
//   RECORDER_DIR      granted directory; each call is appended as one JSON line
//                     to <dir>/<component name with ':' as '_'>.jsonl and, to
//                     show the order across components, to <dir>/calls.jsonl
//   RECORDER_FAIL     comma-separated component names that throw after recording
//                     (an uncaught throw in an export traps the instance: `unreachable`)
//   RECORDER_SLOW_MS  delay before returning, in ms
//   RECORDER_SLOW     comma-separated component names the delay applies to (default: all)
// Its own name comes from the host registry: every component minus the others.
import { getEnvironment } from 'wasi:cli/environment@0.2.0';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.0';
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

function record(name: string, call: string, arg: unknown): void {
  const dir = env().RECORDER_DIR;
  if (!dir) throw new Error('RECORDER_DIR is not set');
  const preopen = getDirectories().find(([, path]) => path === dir);
  if (!preopen) throw new Error(`RECORDER_DIR ${dir} is not a granted directory`);
  const line = JSON.stringify({ component: name, call, arg }, (_key, value) =>
    value === undefined ? null : typeof value === 'bigint' ? Number(value) : value,
  );
  const bytes = new TextEncoder().encode(`${line}\n`);
  for (const fileName of [`${name.replace(/[^a-zA-Z0-9-]/g, '_')}.jsonl`, 'calls.jsonl']) {
    const file = preopen[0].openAt({}, fileName, { create: true }, { write: true });
    const stream = file.appendViaStream();
    for (let at = 0; at < bytes.length; at += 4096) stream.blockingWriteAndFlush(bytes.subarray(at, at + 4096));
    stream[Symbol.dispose]();
    file[Symbol.dispose]();
  }
}

function listed(names: string, name: string): boolean {
  return names.split(',').map((s) => s.trim()).includes(name);
}

async function behave(name: string): Promise<void> {
  const { RECORDER_FAIL = '', RECORDER_SLOW_MS = '0', RECORDER_SLOW } = env();
  const slow = Number(RECORDER_SLOW_MS);
  if (slow > 0 && (RECORDER_SLOW === undefined || listed(RECORDER_SLOW, name))) await new Promise((resolve) => setTimeout(resolve, slow));
  if (listed(RECORDER_FAIL, name)) {
    throw new Error(`${name} was told to fail (RECORDER_FAIL)`);
  }
}

export const incomingHandler = {
  async onMessage(message: unknown): Promise<void> {
    const name = ownName();
    record(name, 'on-message', message);
    await behave(name);
  },
};

export const statusHandler = {
  async onStatus(status: unknown): Promise<void> {
    const name = ownName();
    record(name, 'on-status', status);
    await behave(name);
  },
};
