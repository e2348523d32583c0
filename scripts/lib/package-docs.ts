// The `package-docs` custom section of a binary WIT package: the doc comments, which the
// component binary format has no place for. Its layout is wit-parser's `PackageMetadata`
// (crates/wit-parser/src/metadata.rs): a version byte (1), then JSON
//   { docs?, worlds?: { name: { docs? } },
//     interfaces?: { name: { docs?, funcs?: { name: { docs } }, types?: { name: { docs?, items? } } } } }
// where `items` are the docs of record fields, variant and enum cases and flags. wit-parser
// reads it with `deny_unknown_fields`, so only fields that asterai's wit-parser (0.244, in its
// Cargo.lock) knows are written: docs on a world's `import`/`export` of a named interface
// (`interface_import_docs`, added in wit-parser 0.252) are refused here rather than dropped.
import type { InterfaceDecl, PackageDecl, TypeDecl, WorldDecl, WorldItem } from '../../src/host/wit/ast.ts';

const FORMAT_VERSION = 1;

type Docs = Record<string, string>;
interface TypeDocs {
  docs?: string;
  items?: Docs;
}
interface InterfaceDocs {
  docs?: string;
  funcs?: Record<string, { docs: string }>;
  types?: Record<string, TypeDocs>;
}
interface PackageDocs {
  docs?: string;
  worlds?: Record<string, { docs: string }>;
  interfaces?: Record<string, InterfaceDocs>;
}

/** The section's bytes for one package (all its files merged). */
export function packageDocsSection(pkg: PackageDecl): Uint8Array {
  const json = JSON.stringify(packageDocs(pkg));
  return Uint8Array.from([FORMAT_VERSION, ...new TextEncoder().encode(json)]);
}

export function packageDocs(pkg: PackageDecl): PackageDocs {
  const worlds = entries(pkg.worlds.map((world) => [world.name, worldDocs(world)]));
  const interfaces = entries(pkg.interfaces.map((iface) => [iface.name, interfaceDocs(iface)]));
  return {
    ...(pkg.docs !== undefined && { docs: pkg.docs }),
    ...(worlds && { worlds }),
    ...(interfaces && { interfaces }),
  };
}

function worldDocs(world: WorldDecl): { docs: string } | undefined {
  for (const item of [...world.imports, ...world.exports]) refuseItemDocs(world, item);
  for (const type of world.types) {
    if (type.docs !== undefined) throw new Error(`world ${world.name}: docs on its type '${type.name}' are not encoded; use a // comment`);
  }
  return world.docs === undefined ? undefined : { docs: world.docs };
}

function refuseItemDocs(world: WorldDecl, item: WorldItem): void {
  const name = item.kind === 'interface' ? item.path.interface : item.kind === 'func' ? item.func.name : item.name;
  const docs = item.kind === 'interface' ? item.docs : item.kind === 'func' ? item.func.docs : item.body.docs;
  if (docs !== undefined) {
    throw new Error(
      `world ${world.name}: the doc comment on its import/export '${name}' cannot go into package.wasm ` +
        `(asterai's wit-parser 0.244 refuses the field that carries it); make it a // comment`,
    );
  }
}

function interfaceDocs(iface: InterfaceDecl): InterfaceDocs | undefined {
  const funcs = entries(iface.funcs.map((func) => [func.name, func.docs === undefined ? undefined : { docs: func.docs }]));
  const types = entries(iface.types.map((type) => [type.name, typeDocs(type)]));
  const docs: InterfaceDocs = {
    ...(iface.docs !== undefined && { docs: iface.docs }),
    ...(funcs && { funcs }),
    ...(types && { types }),
  };
  return Object.keys(docs).length > 0 ? docs : undefined;
}

function typeDocs(type: TypeDecl): TypeDocs | undefined {
  const items = entries(Object.entries(itemDocs(type)));
  const docs: TypeDocs = { ...(type.docs !== undefined && { docs: type.docs }), ...(items && { items }) };
  return Object.keys(docs).length > 0 ? docs : undefined;
}

function itemDocs(type: TypeDecl): Docs {
  switch (type.kind) {
    case 'record':
      return documented(type.fields);
    case 'variant':
      return documented(type.cases);
    case 'enum':
    case 'flags':
      return type.itemDocs ?? {};
    default:
      return {};
  }
}

function documented(items: { name: string; docs?: string }[]): Docs {
  return Object.fromEntries(items.flatMap((item) => (item.docs === undefined ? [] : [[item.name, item.docs]])));
}

/** The defined entries as an object, or undefined when there are none (wit-parser skips empty maps). */
function entries<T>(pairs: [string, T | undefined][]): Record<string, T> | undefined {
  const defined = pairs.filter((pair): pair is [string, T] => pair[1] !== undefined);
  return defined.length > 0 ? Object.fromEntries(defined) : undefined;
}
