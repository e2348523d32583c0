// The settings table (src/guest/core/settings.ts) is the source; asterai.toml, the
// component's manifest, and the README's table write it out, and must say the same
// about every environment variable.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { SETTING_ROWS } from '../../src/guest/core/settings.ts';

const root = new URL('../../', import.meta.url);

interface EnvEntry {
  name: string;
  required: boolean;
  default?: string;
  secret?: boolean;
  description: string;
}

const manifest = parse(readFileSync(new URL('asterai.toml', root), 'utf8')) as unknown as { component: Record<string, string>; env: EnvEntry[] };
const readme = readFileSync(new URL('README.md', root), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
const wit = readFileSync(new URL('wit/whatsapp.wit', root), 'utf8');

/** The table as asterai.toml writes it: `default` and `secret = true` only where they apply. */
const expected: EnvEntry[] = SETTING_ROWS.map((row) => ({
  name: row.variable,
  required: row.required,
  ...(row.default === undefined ? {} : { default: row.default }),
  ...(row.secret ? { secret: true } : {}),
  description: row.description,
}));

function readmeTable(): EnvEntry[] {
  const section = readme.split('<!-- env-table:start')[1]?.split('<!-- env-table:end -->')[0];
  if (!section) throw new Error('README has no env-table markers');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [name, required, def, secret, description] = line.slice(1, -1).split(' | ').map((c) => c.trim());
      return {
        name: name!.replaceAll('`', ''),
        required: required === 'yes',
        ...(def ? { default: def.replaceAll('`', '') } : {}),
        ...(secret === 'yes' ? { secret: true } : {}),
        description: description!,
      };
    });
}

describe('the settings table, written out', () => {
  it('asterai.toml lists every variable of the table, in order, with the same requiredness, default, secrecy and description', () => {
    expect(manifest.env).toEqual(expected);
  });

  it('the README table says the same, row for row', () => {
    expect(readmeTable()).toEqual(expected);
  });
});

describe('asterai.toml', () => {
  it('names the package, version and world that the WIT and package.json declare', () => {
    expect(wit).toContain(`package ${manifest.component.package}@${manifest.component.version};`);
    expect(packageJson.version).toBe(manifest.component.version);
    expect(wit).toMatch(new RegExp(`world ${manifest.component.world} \\{`));
  });
});
