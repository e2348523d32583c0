import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWitDirectory } from '../../../../src/host/wit/load-directory.ts';
import { parseWit } from '../../../../src/host/wit/parser.ts';
import { resolvePackages, WitResolveError } from '../../../../src/host/wit/registry.ts';
import { witTypeName } from '../../../../src/host/wit/type-name.ts';

const projectWit = new URL('../../../../wit', import.meta.url).pathname;

function registryOf(...files: string[]) {
  return resolvePackages(files.flatMap((text) => {
    const file = parseWit(text);
    return [...(file.main.name ? [file.main] : []), ...file.nested];
  }));
}

// The contract in wit/ evolves: these tests check that it loads and resolves, not what it says.
describe('loadWitDirectory on the project wit/', () => {
  const registry = loadWitDirectory(projectWit);

  it('names the root package and every interface of it and its deps', () => {
    expect(registry.rootPackage).toBe('asterai:whatsapp@0.3.0');
    expect([...registry.interfaces.keys()]).toEqual(
      expect.arrayContaining([
        'asterai:whatsapp/types@0.3.0',
        'asterai:whatsapp/api@0.3.0',
        'asterai:whatsapp/whatsapp@0.3.0',
        'asterai:whatsapp/incoming-handler@0.3.0',
        'asterai:host/api@1.0.0',
        'wasi:http/types@0.2.0',
        'wasi:http/incoming-handler@0.2.0',
        'wasi:cli/run@0.2.0',
        'wasi:io/streams@0.2.0',
      ]),
    );
  });

  it('resolves every function type of every interface down to WIT types', () => {
    for (const iface of registry.interfaces.values()) {
      for (const fn of iface.functions) {
        for (const type of [...fn.params.map((p) => p.type), ...(fn.result ? [fn.result] : [])]) {
          expect(witTypeName(type), `${iface.qualifiedName} ${fn.name}`).toMatch(/^[a-z][\w<>, -]*$/i);
        }
      }
    }
  });

  it('shares one resolved type between the interface that declares it and those that use it', () => {
    const user = registry.findInterface('asterai:whatsapp/types@0.3.0')!.types.get('user');
    const message = registry.findInterface('asterai:whatsapp/incoming-handler@0.3.0')!.types.get('message');
    expect(user).toMatchObject({ kind: 'record', name: 'user' });
    expect(message?.kind === 'record' && message.fields.find((field) => field.name === 'sender')?.type).toBe(user);
  });

  it('keeps the docs of the contract', () => {
    expect(registry.findInterface('asterai:whatsapp/whatsapp@0.3.0')?.docs).toEqual(expect.any(String));
    expect(registry.findInterface('asterai:whatsapp/types@0.3.0')?.types.get('user')).toHaveProperty('docs', expect.any(String));
  });

  it('resolves the worlds of the contract', () => {
    expect(registry.findWorld('asterai:whatsapp/component@0.3.0')?.exports).toEqual(
      expect.arrayContaining(['asterai:whatsapp/whatsapp@0.3.0', 'wasi:cli/run@0.2.0', 'wasi:http/incoming-handler@0.2.0']),
    );
    expect(registry.findWorld('asterai:whatsapp/handler@0.3.0')).toMatchObject({
      imports: expect.arrayContaining(['asterai:host/api@1.0.0']),
      exports: ['asterai:whatsapp/incoming-handler@0.3.0'],
    });
  });

  it('resolves `include` of worlds from other packages', () => {
    const command = registry.findWorld('wasi:cli/command@0.2.0')!;
    expect(command.imports).toEqual(expect.arrayContaining(['wasi:clocks/wall-clock@0.2.0', 'wasi:cli/environment@0.2.0']));
    expect(command.exports).toEqual(['wasi:cli/run@0.2.0']);
  });

  it('finds a semver-compatible interface when the exact version is missing', () => {
    expect(registry.findInterface('wasi:http/types@0.2.10')?.qualifiedName).toBe('wasi:http/types@0.2.0');
    expect(registry.findInterface('wasi:http/types@0.3.0')).toBeUndefined();
    expect(registry.findInterface('asterai:host/api@1.4.0')?.qualifiedName).toBe('asterai:host/api@1.0.0');
    expect(registry.findInterface('asterai:host/api@2.0.0')).toBeUndefined();
  });

  it('resolves resources and handles by name', () => {
    const poll = registry.findInterface('wasi:io/poll@0.2.0')!;
    expect(poll.types.get('pollable')).toEqual({ kind: 'resource', name: 'pollable' });
    expect(poll.functions[0]!.params[0]!.type).toEqual({ kind: 'list', element: { kind: 'handle', mode: 'borrow', resource: 'pollable' } });
  });
});

describe('loadWitDirectory on a package with docs', () => {
  it('keeps interface, function, type and field docs', () => {
    const registry = registryOf(`
      package demo:shop@1.0.0;
      /// Things for sale.
      interface catalog {
        /// One product.
        record product {
          /// Stock keeping unit.
          sku: string,
        }
        /// Looks a product up.
        find: func(sku: string) -> option<product>;
      }
      /// A shop.
      world shop { export catalog; }
    `);
    const catalog = registry.findInterface('demo:shop/catalog@1.0.0')!;
    expect(catalog.docs).toBe('Things for sale.');
    expect(catalog.functions[0]).toMatchObject({ name: 'find', docs: 'Looks a product up.' });
    expect(catalog.types.get('product')).toEqual({
      kind: 'record',
      name: 'product',
      docs: 'One product.',
      fields: [{ name: 'sku', docs: 'Stock keeping unit.', type: { kind: 'string' } }],
    });
    expect(registry.findWorld('demo:shop/shop@1.0.0')).toEqual({
      qualifiedName: 'demo:shop/shop@1.0.0',
      name: 'shop',
      docs: 'A shop.',
      imports: [],
      exports: ['demo:shop/catalog@1.0.0'],
    });
  });
});

describe('resolvePackages', () => {
  it('resolves aliases, renamed uses and types declared after their use', () => {
    const registry = registryOf(`
      package a:b@1.0.0;
      interface types {
        type ids = list<id>;
        type id = u64;
        record pair { left: id, right: id }
      }
      interface api {
        use types.{ids, pair as couple};
        /// Sums.
        sum: func(values: ids) -> couple;
      }
    `);
    const sum = registry.findInterface('a:b/api@1.0.0')!.functions[0]!;
    expect(sum.docs).toBe('Sums.');
    expect(sum.params[0]?.type).toEqual({
      kind: 'alias',
      name: 'ids',
      target: { kind: 'list', element: { kind: 'alias', name: 'id', target: { kind: 'u64' } } },
    });
    expect(witTypeName(sum.result!)).toBe('pair');
  });

  it('merges files of the same package and resolves foreign packages', () => {
    const registry = registryOf(
      'package a:b; interface one { record r { x: u8 } }',
      'package a:b; interface two { use one.{r}; use c:d/three.{t}; f: func(a: r, b: t); }',
      'package c:d; interface three { enum t { yes, no } }',
    );
    const f = registry.findInterface('a:b/two')!.functions[0]!;
    expect(f.params.map((p) => p.type.kind)).toEqual(['record', 'enum']);
  });

  it('resolves a file-level `use ... as` alias in worlds', () => {
    const registry = registryOf(
      'package a:b; use c:d/three as third; world w { export third; }',
      'package c:d; interface three { f: func(); }',
    );
    expect(registry.findWorld('a:b/w')?.exports).toEqual(['c:d/three']);
  });

  it.each([
    ['package a:b; interface i { f: func(x: nope); }', "unknown type 'nope' in 'a:b/i'"],
    ['package a:b; interface i { use missing.{t}; f: func(x: t); }', "unknown interface 'a:b/missing' (used by 'a:b/i')"],
    ['package a:b; interface i { use z:z/q@1.0.0.{t}; }', "unknown interface 'z:z/q@1.0.0' (used by 'a:b/i')"],
    ['package a:b; interface t { } interface i { use t.{x}; }', "'x' is not defined in 'a:b/t' (used by 'a:b/i')"],
    ['package a:b; interface i { type x = y; type y = x; }', "type 'x' in 'a:b/i' refers to itself"],
    ['package a:b; world w { export nope; }', "unknown interface 'a:b/nope' (in world 'a:b/w')"],
    ['package a:b; world w { include v; }', "unknown world 'a:b/v' (included by 'a:b/w')"],
    ['package a:b; interface i {} interface i {}', "interface 'a:b/i' is defined twice"],
  ])('rejects %s', (text, message) => {
    expect(() => registryOf(text)).toThrow(WitResolveError);
    expect(() => registryOf(text)).toThrow(message);
  });
});

describe('loadWitDirectory layouts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wit-layout-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads root files without their own package line, deps folders and single-file deps', () => {
    mkdirSync(join(dir, 'deps/lib'), { recursive: true });
    writeFileSync(join(dir, 'a.wit'), 'package app:main@0.1.0;\ninterface api { use lib:core/util@2.0.0.{x}; use lib:extra/more.{y}; f: func(a: x, b: y); }');
    writeFileSync(join(dir, 'b.wit'), '/// The world.\nworld app { export api; }');
    writeFileSync(join(dir, 'deps/lib/util.wit'), 'package lib:core@2.0.0;\ninterface util { type x = string; }');
    writeFileSync(join(dir, 'deps/extra.wit'), 'package lib:extra;\ninterface more { type y = u8; }');
    const registry = loadWitDirectory(dir);
    expect(registry.rootPackage).toBe('app:main@0.1.0');
    expect(registry.findWorld('app:main/app@0.1.0')).toMatchObject({ docs: 'The world.', exports: ['app:main/api@0.1.0'] });
    expect(registry.findInterface('app:main/api@0.1.0')?.functions[0]?.params.map((p) => witTypeName(p.type))).toEqual(['x', 'y']);
  });
});
