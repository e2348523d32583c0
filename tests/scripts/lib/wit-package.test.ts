// build/package.wasm: encoded from wit/ and decoded back by wit-parser (jco-transpile's
// unpackWit), it must be the same package, docs included, in the form asterai's wit-parser reads.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWitPackage, missingDocComments } from '../../../scripts/lib/wit-package.ts';
import { readCustomSections } from '../../../scripts/lib/wasm-custom-sections.ts';
import { WIT_PACKAGE } from '../../../scripts/lib/components.ts';
import type { PackageDecl, WorldItem } from '../../../src/host/wit/ast.ts';
import { readRootPackage } from '../../../src/host/wit/load-directory.ts';
import { formatPackageName } from '../../../src/host/wit/names.ts';
import { decodeWitPackage } from '../../../src/host/wit/package-wasm.ts';
import { parseWit } from '../../../src/host/wit/parser.ts';

const root = new URL('../../../', import.meta.url).pathname;
const fixtures = join(root, 'tests/fixtures/wit-packages');
const scratch = mkdtempSync(join(tmpdir(), 'wit-package-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function encode(witDir: string, name = 'package') {
  const out = { witDir, outWasm: join(scratch, `${name}.wasm`), outWit: join(scratch, `${name}.wit`) };
  const result = await buildWitPackage(out);
  return { ...result, wasm: readFileSync(out.outWasm), wit: readFileSync(out.outWit, 'utf8') };
}

/** What a package says, in a form where two parses of the same package compare equal. */
function shape(pkg: PackageDecl) {
  const path = (item: WorldItem) => (item.kind === 'interface' ? `${item.path.package ? formatPackageName(item.path.package) + '/' : ''}${item.path.interface}` : item.kind);
  return {
    name: formatPackageName(pkg.name!),
    docs: pkg.docs,
    interfaces: Object.fromEntries(pkg.interfaces.map((iface) => [iface.name, iface])),
    worlds: Object.fromEntries(pkg.worlds.map((world) => [world.name, { docs: world.docs, exports: world.exports.map(path), imports: world.imports.map(path) }])),
  };
}

/** The source package next to the decoded one: the same, except that a decoded world lists every import it needs. */
function expectSamePackage(decoded: PackageDecl, source: PackageDecl) {
  const got = shape(decoded);
  const want = shape(source);
  expect({ ...got, worlds: undefined }).toEqual({ ...want, worlds: undefined });
  expect(Object.keys(got.worlds)).toEqual(Object.keys(want.worlds));
  for (const [name, world] of Object.entries(want.worlds)) {
    expect(got.worlds[name]!.docs, `world ${name} docs`).toBe(world.docs);
    expect(got.worlds[name]!.exports, `world ${name} exports`).toEqual(world.exports);
    expect(got.worlds[name]!.imports, `world ${name} imports`).toEqual(expect.arrayContaining(world.imports));
  }
}

describe('build/package.wasm of the project', () => {
  let project: Awaited<ReturnType<typeof encode>>;
  let decoded: string;
  beforeAll(async () => {
    project = await encode(WIT_PACKAGE.witDir);
    decoded = (await decodeWitPackage(project.wasm, project.name)).main;
  });

  it('is the package of asterai.toml and package.json, at their version', () => {
    const manifest = parse(readFileSync(join(root, 'asterai.toml'), 'utf8')) as { component: { package: string; version: string } };
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(project.name).toBe(`${manifest.component.package}@${manifest.component.version}`);
    expect(manifest.component.version).toBe(packageJson.version);
    expect(decoded.split('\n')[0]).toBe(`package ${project.name};`);
  });

  it('decodes to the interfaces, functions, types, worlds and doc comments of wit/', () => {
    expectSamePackage(parseWit(decoded, 'decoded').main, readRootPackage(WIT_PACKAGE.witDir));
    expect(missingDocComments(readFileSync(join(WIT_PACKAGE.witDir, 'whatsapp.wit'), 'utf8'), decoded)).toEqual([]);
  });

  it('carries docs only in the fields asterai\'s wit-parser (0.244) reads', () => {
    const section = readCustomSections(project.wasm).find((s) => s.name === 'package-docs')!;
    expect(section.data[0]).toBe(1);
    const docs = JSON.parse(new TextDecoder().decode(section.data.subarray(1))) as Record<string, unknown>;
    const keysOf = (value: unknown): string[] =>
      value && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]) : [];
    const structural = new Set(['docs', 'worlds', 'interfaces', 'funcs', 'types', 'items']);
    const names = new Set(readFileSync(join(WIT_PACKAGE.witDir, 'whatsapp.wit'), 'utf8').match(/[a-z][a-z0-9-]*/g));
    expect(keysOf(docs).filter((key) => !structural.has(key) && !names.has(key))).toEqual([]);
    expect(JSON.stringify(docs)).not.toMatch(/interface_(import|export)_(docs|stability)|"stability"/);
  });

  it('is the file npm run build wrote, and build/package.wit its WIT', () => {
    expect(readFileSync(WIT_PACKAGE.outWasm).equals(project.wasm), 'build/package.wasm is stale: npm run build').toBe(true);
    expect(readFileSync(WIT_PACKAGE.outWit, 'utf8')).toBe(project.wit);
  });
});

describe('buildWitPackage on a package with every kind of item', () => {
  it('decodes to the same package: docs of the package, interfaces, functions, types, fields, cases and flags, in dependency order', async () => {
    const dir = join(fixtures, 'every-kind');
    const result = await encode(dir, 'every-kind');
    expect(result).toMatchObject({ name: 'test:every-kind@1.2.3', interfaces: ['shapes', 'consumer'], worlds: ['painter', 'bare'] });
    const decoded = (await decodeWitPackage(result.wasm, result.name)).main;
    expectSamePackage(parseWit(decoded, 'decoded').main, readRootPackage(dir));
    const consumer = parseWit(decoded).main.interfaces.find((iface) => iface.name === 'consumer')!;
    expect(consumer.funcs[0]!.docs).toBe('Draws `shape` in `color` at `at`.\n\n  Indented lines keep their extra indentation.');
  });

  it('writes package.wit as one file: the package, then its dependencies as nested packages', async () => {
    const { wit } = await encode(join(fixtures, 'every-kind'), 'nested');
    const file = parseWit(wit);
    expect(formatPackageName(file.main.name!)).toBe('test:every-kind@1.2.3');
    expect(file.nested.map((pkg) => formatPackageName(pkg.name!))).toEqual(['test:units@0.1.0']);
  });

  it('says which package it decoded when the name is not the expected one', async () => {
    const { wasm } = await encode(join(fixtures, 'every-kind'), 'mismatch');
    await expect(decodeWitPackage(wasm, 'test:other@1.2.3')).rejects.toThrow(/not a WIT package named test:other@1.2.3.*test:every-kind@1.2.3/);
    await expect(decodeWitPackage(readFileSync(join(root, 'build/component.wasm')))).rejects.toThrow(/not a WIT package/);
  });
});

describe('buildWitPackage refuses what would not reach asterai', () => {
  function variant(edit: (text: string) => string): string {
    const dir = mkdtempSync(join(scratch, 'variant-'));
    cpSync(join(fixtures, 'every-kind'), dir, { recursive: true });
    const file = join(dir, 'b-shapes.wit');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return dir;
  }

  it('a doc comment on a world import, which wit-parser 0.244 cannot read back', async () => {
    const dir = variant((text) => text.replace('  import shapes;', '  /// Shapes come from here.\n  import shapes;'));
    await expect(encode(dir, 'world-item-docs')).rejects.toThrow(/world painter: the doc comment on its import\/export 'shapes'.*make it a \/\/ comment/);
  });

  it('a doc comment the encoder does not carry (a resource method), named in the error', async () => {
    const dir = variant((text) => text.replace('  /// A name for a count.', '  resource counter {\n    /// Adds one.\n    bump: func();\n  }\n\n  /// A name for a count.'));
    await expect(encode(dir, 'resource-method-docs')).rejects.toThrow(/doc comments that did not reach package.wasm.*\nAdds one\./s);
  });
});
