// The Python that runs the wasmtime host: a virtual environment under build/, made from the
// pinned requirements.txt with the machine's python3 (no global install), and made again when
// the requirements or the python3 change.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const HOST_DIR = fileURLToPath(new URL('.', import.meta.url));
const REQUIREMENTS = join(HOST_DIR, 'requirements.txt');
const VENV = fileURLToPath(new URL('../../build/wasmtime-venv', import.meta.url));
const STAMP = join(VENV, 'requirements.sha256');
const LOCK = `${VENV}.lock`;
/** A lock older than this was left by a process that died (a fresh venv takes ~15 s). */
const STALE_LOCK_MS = 10 * 60_000;

export type PythonEnv = { python: string; wasmtimeVersion: string; created: boolean } | { unavailable: string };

/** The virtual environment's python, made first if needed; or why there is none. */
export async function wasmtimePython(): Promise<PythonEnv> {
  let version: string;
  try {
    version = (await run('python3', ['--version'])).stdout.trim();
  } catch {
    return { unavailable: 'python3 is not on PATH' };
  }
  const python = join(VENV, 'bin', 'python');
  const key = createHash('sha256').update(readFileSync(REQUIREMENTS)).update(version).digest('hex');
  if (stampIs(key)) return { python, wasmtimeVersion: pinnedVersion(), created: false };

  await acquireLock();
  try {
    if (stampIs(key)) return { python, wasmtimeVersion: pinnedVersion(), created: false };
    rmSync(VENV, { recursive: true, force: true });
    try {
      await run('python3', ['-m', 'venv', VENV]);
    } catch (error) {
      return { unavailable: `python3 -m venv failed (on Debian: apt-get install python3-venv): ${firstLine(error)}` };
    }
    try {
      await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', '-r', REQUIREMENTS], {
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      return { unavailable: `pip could not install ${REQUIREMENTS}: ${firstLine(error)}` };
    }
    writeFileSync(STAMP, key);
    return { python, wasmtimeVersion: pinnedVersion(), created: true };
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function stampIs(key: string): boolean {
  try {
    return readFileSync(STAMP, 'utf8') === key;
  } catch {
    return false;
  }
}

function pinnedVersion(): string {
  const pin = /^wasmtime==(\S+)/m.exec(readFileSync(REQUIREMENTS, 'utf8'));
  if (!pin?.[1]) throw new Error(`${REQUIREMENTS} does not pin wasmtime`);
  return pin[1];
}

/** One process makes the venv at a time (test workers, a benchmark). */
async function acquireLock(): Promise<void> {
  mkdirSync(join(VENV, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function firstLine(error: unknown): string {
  const detail = (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
  return detail.split('\n').filter(Boolean).slice(-1)[0] ?? 'no detail';
}
