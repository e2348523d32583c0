import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;
const cli = ['--import', 'tsx', join(repoRoot, 'src/host/cli.ts')];

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...cli, ...args], { cwd: repoRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('host CLI', () => {
  const probe = componentFiles(COMPONENTS.hostProbe);
  const listener = componentFiles(COMPONENTS.hostListener);
  const componentArgs = ['--component', `host-test:probe=${probe.wasm}:${probe.wit}`, '--component', `host-test:listener=${listener.wasm}:${listener.wit}`];
  const dir = mkdtempSync(join(tmpdir(), 'host-cli-'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('call prints the JSON result, with env vars from --env-file and --var', async () => {
    const envFile = join(dir, 'test.env');
    writeFileSync(envFile, 'GREETING="from the file"\nOTHER=1\n');
    const result = await runCli(['call', '--env', 'acme/lab', ...componentArgs, '--env-file', envFile, '--var', 'OTHER=2', 'host-test:probe', 'probe/env-var', '["GREETING"]']);
    expect(result).toMatchObject({ code: 0, stdout: '"from the file"\n' });
    const other = await runCli(['call', '--env', 'acme/lab', ...componentArgs, '--env-file', envFile, '--var', 'OTHER=2', 'host-test:probe', 'probe/env-var', '["OTHER"]']);
    expect(other.stdout).toBe('"2"\n');
  });

  it('call prints the call-error and exits 1', async () => {
    const result = await runCli(['call', '--env', 'acme/lab', ...componentArgs, 'host-test:probe', 'probe/nope', '[]']);
    expect(result).toMatchObject({ code: 1, stderr: "function-not-found: function 'probe/nope' not found on 'host-test:probe'\n" });
  });

  it('rejects bad usage with exit code 2', async () => {
    const result = await runCli(['call', '--env', 'acme', ...componentArgs, 'a:b', 'c/d', '[]']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--env must be <namespace>/<name>');
  });

  it('serve runs `run`, prints each component URL, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [...cli, 'serve', '--env', 'acme/lab', ...componentArgs, '--var', 'PROBE_RUN=ok'], {
      cwd: repoRoot,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const probeUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${stdout}`)), 30_000);
        child.stdout.on('data', () => {
          const match = /host-test:probe@0\.1\.0 {2}(http:\S+)/.exec(stdout);
          if (match?.[1] && stdout.includes('host-test:listener@')) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(stdout).toContain('[host-test:probe] probe run: ok');
      expect(stdout).toContain('run host-test:probe: ok');
      expect(stdout).toContain('host-test:listener@0.1.0  (no wasi:http/incoming-handler)');
      expect(probeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/acme\/lab\/host-test\/probe\/$/);
      const response = await fetch(`${probeUrl}hello`);
      expect(((await response.json()) as { pathWithQuery: string }).pathWithQuery).toBe('/hello');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('stopped');
  });
});
