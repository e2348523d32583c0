// Temporary directories (state dirs, recorder dirs) and other clean-up steps of a test file,
// undone after each test, last made first undone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export function cleanupAfterEach(): { cleanup: (() => Promise<void>)[]; tempDir(prefix: string): Promise<string> } {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  return {
    cleanup,
    async tempDir(prefix) {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      return dir;
    },
  };
}
