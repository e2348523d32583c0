// Test handler component. Behaviour is chosen by env vars (one build serves
// every test; a build costs ~10 s and ~800 MB):
//   RECORDER_DIR      granted directory; each call is appended as one JSON line
//                     to <dir>/<component name with ':' as '_'>.jsonl and, to
//                     show the order across components, to <dir>/calls.jsonl
//   RECORDER_FAIL     comma-separated component names that throw after recording
//   RECORDER_SLOW_MS  delay before returning, in ms
// Its own name comes from the host registry: every component minus the others.
import { getEnvironment } from 'wasi:cli/environment@0.2.0';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.0';
import { listComponents, listOtherComponents } from 'asterai:host/api@1.0.0';

function env(): Record<string, string> {
  return Object.fromEntries(getEnvironment());
}

function ownName(): string {
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

async function behave(name: string): Promise<void> {
  const { RECORDER_FAIL = '', RECORDER_SLOW_MS = '0' } = env();
  const slow = Number(RECORDER_SLOW_MS);
  if (slow > 0) await new Promise((resolve) => setTimeout(resolve, slow));
  if (RECORDER_FAIL.split(',').map((s) => s.trim()).includes(name)) {
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
