// Where the repository is, and what is installed in it.
import { readFileSync } from 'node:fs';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** The version of an installed package, from its package.json (not every package exports it). */
export function installedVersion(name: string): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8'));
    if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') return manifest.version;
  } catch {}
  return undefined;
}
