// asterai.toml is the component's manifest; the config reader and the README
// must say the same about every environment variable.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from '../../src/guest/core/config.ts';

const root = new URL('../../', import.meta.url);
const manifest = parse(readFileSync(new URL('asterai.toml', root), 'utf8')) as {
  component: Record<string, string>;
  env: { name: string; required: boolean; default?: string; description: string }[];
};
const readme = readFileSync(new URL('README.md', root), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
const wit = readFileSync(new URL('wit/whatsapp.wit', root), 'utf8');

function readmeTable(): { name: string; required: boolean; default?: string; description: string }[] {
  const section = readme.split('<!-- env-table:start')[1]?.split('<!-- env-table:end -->')[0];
  if (!section) throw new Error('README has no env-table markers');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [name, required, def, description] = line.slice(1, -1).split(' | ').map((c) => c.trim());
      return {
        name: name!.replaceAll('`', ''),
        required: required === 'yes',
        ...(def ? { default: def.replaceAll('`', '') } : {}),
        description: description!,
      };
    });
}

describe('asterai.toml', () => {
  it('lists the env vars the config reader reads, with the same requiredness, defaults and descriptions', () => {
    expect(manifest.env).toEqual(ENV_VARS.map((v) => ({ ...v })));
  });

  it('agrees with the README table, row for row', () => {
    expect(readmeTable()).toEqual(manifest.env);
  });

  it('names the package, version and world that the WIT and package.json declare', () => {
    expect(wit).toContain(`package ${manifest.component.package}@${manifest.component.version};`);
    expect(packageJson.version).toBe(manifest.component.version);
    expect(wit).toMatch(new RegExp(`world ${manifest.component.world} \\{`));
  });
});
