import { describe, expect, it } from 'vitest';
import { WitSyntaxError } from '../../../../src/host/wit/lexer.ts';
import { parseWit } from '../../../../src/host/wit/parser.ts';

describe('parseWit', () => {
  it('reads the package, interfaces, worlds and doc comments', () => {
    const file = parseWit(`
      /// The package docs.
      package demo:shop@1.2.3;

      /// Things for sale.
      interface catalog {
        /// One product.
        record product {
          /// Stock keeping unit.
          sku: string,
          price-cents: u32,
        }
        // plain comments are dropped
        /** Looks a product up. */
        find: func(sku: string) -> option<product>;
      }

      world shop {
        import wasi:cli/environment@0.2.0;
        export catalog;
      }
    `);
    expect(file.main.name).toEqual({ namespace: 'demo', name: 'shop', version: '1.2.3' });
    expect(file.main.docs).toBe('The package docs.');
    const [catalog] = file.main.interfaces;
    expect(catalog?.docs).toBe('Things for sale.');
    expect(catalog?.types[0]).toEqual({
      kind: 'record',
      name: 'product',
      docs: 'One product.',
      fields: [
        { name: 'sku', docs: 'Stock keeping unit.', type: { kind: 'named', name: 'string' } },
        { name: 'price-cents', docs: undefined, type: { kind: 'named', name: 'u32' } },
      ],
    });
    expect(catalog?.funcs[0]).toEqual({
      name: 'find',
      docs: 'Looks a product up.',
      params: [{ name: 'sku', type: { kind: 'named', name: 'string' } }],
      result: { kind: 'option', inner: { kind: 'named', name: 'product' } },
    });
    expect(file.main.worlds[0]).toMatchObject({
      name: 'shop',
      imports: [{ kind: 'interface', path: { package: { namespace: 'wasi', name: 'cli', version: '0.2.0' }, interface: 'environment' } }],
      exports: [{ kind: 'interface', path: { interface: 'catalog' } }],
    });
  });

  it.each([
    ['list<u8>', { kind: 'list', element: { kind: 'named', name: 'u8' } }],
    ['option<string>', { kind: 'option', inner: { kind: 'named', name: 'string' } }],
    ['result<u32, string>', { kind: 'result', ok: { kind: 'named', name: 'u32' }, err: { kind: 'named', name: 'string' } }],
    ['result<_, string>', { kind: 'result', err: { kind: 'named', name: 'string' } }],
    ['result<u32>', { kind: 'result', ok: { kind: 'named', name: 'u32' } }],
    ['result', { kind: 'result' }],
    ['tuple<string, u32>', { kind: 'tuple', items: [{ kind: 'named', name: 'string' }, { kind: 'named', name: 'u32' }] }],
    ['borrow<pollable>', { kind: 'handle', mode: 'borrow', resource: 'pollable' }],
    ['own<pollable>', { kind: 'handle', mode: 'own', resource: 'pollable' }],
    ['list<option<result<_, u8>>>', { kind: 'list', element: { kind: 'option', inner: { kind: 'result', err: { kind: 'named', name: 'u8' } } } }],
  ])('parses the type %s', (text, expected) => {
    const file = parseWit(`package a:b; interface i { f: func() -> ${text}; }`);
    expect(file.main.interfaces[0]?.funcs[0]?.result).toEqual(expected);
  });

  it('parses enums, flags, variants, aliases and resources (name only)', () => {
    const [iface] = parseWit(`
      package a:b;
      interface i {
        enum color { red, dark-blue, }
        flags perms { read, write }
        variant shape { circle(u32), empty }
        type ids = list<u64>;
        resource stream-handle {
          constructor(size: u32);
          read: func(len: u64) -> result<list<u8>>;
          from: static func(x: u8) -> stream-handle;
        }
        resource plain;
      }
    `).main.interfaces;
    expect(iface?.types).toEqual([
      { kind: 'enum', name: 'color', docs: undefined, cases: ['red', 'dark-blue'] },
      { kind: 'flags', name: 'perms', docs: undefined, flags: ['read', 'write'] },
      {
        kind: 'variant',
        name: 'shape',
        docs: undefined,
        cases: [
          { name: 'circle', docs: undefined, type: { kind: 'named', name: 'u32' } },
          { name: 'empty', docs: undefined },
        ],
      },
      { kind: 'alias', name: 'ids', docs: undefined, target: { kind: 'list', element: { kind: 'named', name: 'u64' } } },
      { kind: 'resource', name: 'stream-handle', docs: undefined },
      { kind: 'resource', name: 'plain', docs: undefined },
    ]);
    expect(iface?.funcs).toEqual([]);
  });

  it('reads local and foreign `use` with renames', () => {
    const [iface] = parseWit(`
      package a:b;
      interface i {
        use types.{user, send-error as failure};
        use wasi:io/streams@0.2.0.{input-stream};
      }
    `).main.interfaces;
    expect(iface?.uses).toEqual([
      { from: { interface: 'types' }, names: [{ name: 'user' }, { name: 'send-error', as: 'failure' }] },
      {
        from: { package: { namespace: 'wasi', name: 'io', version: '0.2.0' }, interface: 'streams' },
        names: [{ name: 'input-stream' }],
      },
    ]);
  });

  it('skips feature gates and keeps the docs around them', () => {
    const [iface] = parseWit(`
      package wasi:clocks@0.2.3;
      /// Monotonic time.
      @since(version = 0.2.0)
      interface monotonic-clock {
        @since(version = 0.2.0)
        type instant = u64;
        /// Now.
        @unstable(feature = clocks-now)
        now: func() -> instant;
        @deprecated(version = 0.2.2)
        old: func();
      }
    `).main.interfaces;
    expect(iface?.docs).toBe('Monotonic time.');
    expect(iface?.funcs.map((f) => [f.name, f.docs])).toEqual([
      ['now', 'Now.'],
      ['old', undefined],
    ]);
  });

  it('reads %-escaped keywords as plain names', () => {
    const [iface] = parseWit(`
      package a:b;
      interface i {
        record r { %type: string, %flags: u8 }
        %stream: func() -> r;
      }
    `).main.interfaces;
    expect(iface?.types[0]).toMatchObject({ fields: [{ name: 'type' }, { name: 'flags' }] });
    expect(iface?.funcs[0]?.name).toBe('stream');
  });

  it('reads world items: inline interfaces, functions, include, use', () => {
    const [world] = parseWit(`
      package a:b;
      world w {
        include wasi:cli/imports@0.2.0;
        include other with { x as y };
        use types.{user};
        import log: func(line: string);
        export tools: interface { ping: func() -> string; }
        export run: func() -> result;
      }
    `).main.worlds;
    expect(world?.includes).toEqual([
      { package: { namespace: 'wasi', name: 'cli', version: '0.2.0' }, interface: 'imports' },
      { interface: 'other' },
    ]);
    expect(world?.imports).toEqual([
      { kind: 'func', func: { name: 'log', docs: undefined, params: [{ name: 'line', type: { kind: 'named', name: 'string' } }] } },
    ]);
    expect(world?.exports.map((item) => item.kind)).toEqual(['inline-interface', 'func']);
    expect(world?.uses).toHaveLength(1);
  });

  it('reads nested package blocks and file-level use', () => {
    const file = parseWit(`
      package root:app;
      use wasi:io/streams@0.2.0 as streams;
      interface api { f: func(); }
      package other:lib@0.1.0 {
        interface util { g: func(); }
      }
    `);
    expect(file.main.interfaceAliases).toEqual([
      { path: { package: { namespace: 'wasi', name: 'io', version: '0.2.0' }, interface: 'streams' }, as: 'streams' },
    ]);
    expect(file.nested).toHaveLength(1);
    expect(file.nested[0]?.name).toEqual({ namespace: 'other', name: 'lib', version: '0.1.0' });
    expect(file.nested[0]?.interfaces[0]?.name).toBe('util');
  });

  it('reads a file made only of nested packages', () => {
    const file = parseWit(`package x:y@1.0.0 { interface a { f: func(); } } package x:z { world w { export x:y/a@1.0.0; } }`);
    expect(file.main.name).toBeUndefined();
    expect(file.nested.map((pkg) => pkg.name?.name)).toEqual(['y', 'z']);
  });

  it('reads versions with pre-release and build parts', () => {
    const file = parseWit(`package a:b@0.2.0-rc.2+build.7; interface i { use c:d/e@1.0.0-alpha.{t}; }`);
    expect(file.main.name?.version).toBe('0.2.0-rc.2+build.7');
    expect(file.main.interfaces[0]?.uses[0]?.from.package?.version).toBe('1.0.0-alpha');
  });

  it.each([
    ['package a:b; interface i { f: func() -> (a: u32); }', /named results are not supported/],
    ['package a:b; interface i { f: func(x: u32 }', /expected '\)', found '}'/],
    ['package a:b; interface i { record r { a: u8 }', /expected a name, found end of file/],
    ['package a:b; thing x {}', /expected 'interface', 'world', 'use' or 'package', found 'thing'/],
    ['package a:b; interface i { f: func() -> stream<u8>; }', /'stream' types \(WASI 0.3\) are not supported/],
    ['package a:b; /* never closed', /unterminated block comment/],
    ['package a:b; interface i { f: func() -> u8 # }', /unexpected character '#'/],
  ])('rejects %s with a specific message', (text, message) => {
    expect(() => parseWit(text, 'bad.wit')).toThrow(WitSyntaxError);
    expect(() => parseWit(text, 'bad.wit')).toThrow(message);
  });

  it('reports the file, line and column of a syntax error', () => {
    expect(() => parseWit('package a:b;\ninterface i {\n  f: func(x: u32;\n}', 'shop.wit')).toThrow(/^shop\.wit:3:17: /);
  });
});
