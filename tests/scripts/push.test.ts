// `npm run push` builds, then hands build/ to `asterai component push`; without the asterai CLI
// it says how to get it, in one line, and fails.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const bin = mkdtempSync(join(tmpdir(), 'fake-asterai-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** npm run push with PATH holding node and npm, plus `extra` first. */
function push(extra: string[], args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = [...extra, dirname(process.execPath), '/usr/bin', '/bin'].join(':');
  return new Promise((resolve) => {
    execFile('npm', ['run', 'push', '--', ...args], { cwd: root, env: { PATH: path, HOME: process.env.HOME ?? '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run push', () => {
  it('builds, then runs `asterai component push` in the project with the arguments given', async () => {
    const record = join(bin, 'calls.txt');
    writeFileSync(join(bin, 'asterai'), `#!/bin/sh\necho "$PWD|$*|$(test -f build/package.wasm && echo package)|$(test -f build/component.wasm && echo component)" >> ${record}\n`);
    chmodSync(join(bin, 'asterai'), 0o755);
    const result = await push([bin], ['--public']);
    expect(result.stderr).not.toContain('Error');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote');
    expect(readFileSync(record, 'utf8')).toBe(`${root.replace(/\/$/, '')}|component push --public|package|component\n`);
  });

  it('says in one line how to get the asterai CLI when it is missing, and fails', async () => {
    const result = await push([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^npm run push: the asterai CLI is not on PATH\. .*build\/component\.wasm and build\/package\.wasm are ready\.$/m);
  });
});
