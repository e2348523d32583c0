// Where a running sandbox says it is: a small JSON file that `npm start` writes once the
// sandbox is listening and removes when it stops, and that `npm run simulate` reads.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SandboxState {
  /** The emulator's base URL: its Graph routes and its `/_emulator/` control API. */
  emulatorUrl: string;
  emulatorPid: number;
  /** The component's webhook, where the emulator delivers what users write. */
  webhookUrl: string;
  /** The process running the environment (`npm start`). */
  pid: number;
  startedAt: string;
}

const DEFAULT_PATH = fileURLToPath(new URL('../../build/sandbox.json', import.meta.url));

/** The state file: SANDBOX_STATE_FILE, or build/sandbox.json. */
export function stateFilePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.SANDBOX_STATE_FILE || DEFAULT_PATH;
}

export function writeState(path: string, state: SandboxState): void {
  mkdirSync(dirname(path), { recursive: true });
  // Whole or absent: a simulator reading it at this moment never sees half a file.
  const staging = `${path}.${process.pid}.partial`;
  writeFileSync(staging, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(staging, path);
}

/** Removes the file if it is still ours (a second sandbox may have replaced it). */
export function removeState(path: string, pid = process.pid): void {
  if (readState(path)?.pid === pid) rmSync(path, { force: true });
}

export function readState(path: string): SandboxState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const state = JSON.parse(text) as Partial<SandboxState>;
    if (typeof state.emulatorUrl !== 'string' || typeof state.webhookUrl !== 'string' || typeof state.pid !== 'number') return undefined;
    return state as SandboxState;
  } catch {
    return undefined;
  }
}

export class NoSandbox extends Error {}

/** The sandbox the state file names, once its emulator answers; a NoSandbox error says what to do otherwise. */
export async function findSandbox(path: string = stateFilePath()): Promise<SandboxState> {
  const shown = relative(process.cwd(), path) || path;
  const state = readState(path);
  if (!state) {
    throw new NoSandbox(
      `No sandbox is running (${shown} does not exist).\n` +
        'Start one in another terminal with `npm start` (with no WHATSAPP_ACCESS_TOKEN set), then run this again.',
    );
  }
  if (!processExists(state.pid)) {
    throw new NoSandbox(`The sandbox recorded in ${shown} (pid ${state.pid}) is not running any more.\nStart it again with \`npm start\`.`);
  }
  try {
    const health = await fetch(`${state.emulatorUrl}/_emulator/health`, { signal: AbortSignal.timeout(3_000) });
    if (!health.ok) throw new Error(`it answered ${health.status}`);
  } catch (error) {
    throw new NoSandbox(
      `The sandbox (pid ${state.pid}) is running, but its WhatsApp emulator at ${state.emulatorUrl} does not answer: ${(error as Error).message}.\n` +
        'Stop it (Ctrl-C in its terminal) and start it again with `npm start`.',
    );
  }
  return state;
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
