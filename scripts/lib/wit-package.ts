// build/package.wasm and build/package.wit: the component's WIT package, as the asterai CLI
// wants it next to build/component.wasm (`asterai component call .` and `asterai component
// push` decode it with wit-parser as a *package*: its name and version name the component, and
// its doc comments, which a compiled component does not carry, become the function
// descriptions asterai:mcp-server shows to an LLM).
//
// The encoding is wit-component's `encode(resolve, package)` (crates/wit-component/src/encoding/
// wit.rs): a component that exports, under each item's plain name, one component type per
// interface (its dependencies imported as instances, then the interface exported as an instance
// under its qualified name) and one per world (a wrapper exporting the world's component type
// under the world's qualified name), plus the `package-docs` custom section. No npm package
// exposes that encoder, so this module assembles it from parts made by wit-component itself,
// through jco's bundled wasm-tools: `componentEmbed` encodes a world's component type (the same
// `encode_world` the package encoder uses); an interface's type is the type of a world that only
// exports it. Those types are printed as WAT, put together, and assembled with `parse`.
// wit-parser (jco-transpile's `unpackWit`, see src/host/wit/package-wasm.ts) then decodes the
// result as the check that it is the package, docs included, and prints build/package.wit.
import { componentEmbed, parse, print } from '@bytecodealliance/jco';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { InterfaceDecl, PackageDecl } from '../../src/host/wit/ast.ts';
import { readRootPackage, witFilesIn } from '../../src/host/wit/load-directory.ts';
import { tokenize } from '../../src/host/wit/lexer.ts';
import { formatPackageName } from '../../src/host/wit/names.ts';
import { decodeWitPackage } from '../../src/host/wit/package-wasm.ts';
import { docText } from '../../src/host/wit/parser.ts';
import { packageDocsSection } from './package-docs.ts';
import { appendCustomSection, readCustomSections } from './wasm-custom-sections.ts';
import { childForms, formHead, onlyForm } from './wat-forms.ts';

export interface WitPackageBuild {
  /** The WIT folder (root files = the package, deps/ its dependencies). */
  witDir: string;
  outWasm: string;
  outWit: string;
}

export interface WitPackageResult {
  /** `asterai:whatsapp@0.3.0` */
  name: string;
  interfaces: string[];
  worlds: string[];
  bytes: number;
}

/** The name componentEmbed gives the custom section holding a world's encoding. */
const WORLD_TYPE_SECTION = 'component-type';
/** Worlds added to a scratch copy of the WIT, one per interface, named after it. */
const EXPORT_ONLY_WORLD_PREFIX = 'package-interface-';

export async function buildWitPackage(spec: WitPackageBuild): Promise<WitPackageResult> {
  const pkg = readRootPackage(spec.witDir);
  const name = formatPackageName(pkg.name!);
  const interfaces = dependencyOrder(pkg);
  const scratch = mkdtempSync(join(tmpdir(), 'wit-package-'));
  try {
    cpSync(spec.witDir, scratch, { recursive: true });
    writeFileSync(
      join(scratch, `zz-${EXPORT_ONLY_WORLD_PREFIX}worlds.wit`),
      `package ${name};\n\n` +
        interfaces.map((iface) => `world ${EXPORT_ONLY_WORLD_PREFIX}${iface.name} {\n  export ${iface.name};\n}\n`).join('\n'),
    );
    const items: string[] = [];
    for (const [index, iface] of interfaces.entries()) {
      const wrapper = await worldTypeWat(scratch, `${EXPORT_ONLY_WORLD_PREFIX}${iface.name}`);
      items.push(packageItem(`$interface${index}`, iface.name, innerWorldType(wrapper)));
    }
    for (const [index, world] of pkg.worlds.entries()) {
      items.push(packageItem(`$world${index}`, world.name, await worldTypeWat(scratch, world.name)));
    }
    const types = await parse(`(component\n${items.join('\n')}\n)`);
    const wasm = appendCustomSection(types, 'package-docs', packageDocsSection(pkg));
    const decoded = await decodeWitPackage(wasm, name);
    const source = witFilesIn(spec.witDir).map((file) => readFileSync(file, 'utf8')).join('\n');
    const lost = missingDocComments(source, decoded.main);
    if (lost.length > 0) throw new Error(`doc comments that did not reach package.wasm (on nothing wit-parser keeps docs for?):\n${lost.join('\n---\n')}`);
    writeAtomically(spec.outWasm, wasm);
    writeAtomically(spec.outWit, decoded.witText);
    return { name, interfaces: interfaces.map((iface) => iface.name), worlds: pkg.worlds.map((world) => world.name), bytes: wasm.length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The package's interfaces with each one after those it `use`s, otherwise in declaration order:
 * the order wit-parser gives a package's interfaces, and so the order wit-component writes them.
 */
function dependencyOrder(pkg: PackageDecl): InterfaceDecl[] {
  const byName = new Map(pkg.interfaces.map((iface) => [iface.name, iface]));
  const ordered: InterfaceDecl[] = [];
  const visit = (iface: InterfaceDecl, path: string[]) => {
    if (ordered.includes(iface)) return;
    if (path.includes(iface.name)) throw new Error(`interfaces use each other in a cycle: ${[...path, iface.name].join(' -> ')}`);
    for (const use of iface.uses) {
      const own = !use.from.package || formatPackageName(use.from.package) === formatPackageName(pkg.name!);
      const dependency = own ? byName.get(use.from.interface) : undefined;
      if (dependency) visit(dependency, [...path, iface.name]);
    }
    ordered.push(iface);
  };
  for (const iface of pkg.interfaces) visit(iface, []);
  return ordered;
}

/** `(component ...)`: the wrapper type wit-component makes for `world`, as WAT. */
async function worldTypeWat(witDir: string, world: string): Promise<string> {
  const module = await componentEmbed({ dummy: true, witPath: witDir, world });
  const section = readCustomSections(module).find((s) => s.name.startsWith(WORLD_TYPE_SECTION));
  if (!section) throw new Error(`componentEmbed wrote no ${WORLD_TYPE_SECTION} section for world ${world}`);
  // The section is a component: (component (type (component <the world's type> (export ...))) (export ...)).
  const wat = await print(section.data);
  const root = onlyForm(wat, 0, wat.length);
  const type = childForms(wat, root).find((form) => formHead(wat, form) === 'type');
  const wrapper = type && childForms(wat, type).find((form) => formHead(wat, form) === 'component');
  if (!wrapper) throw new Error(`unexpected encoding of world ${world}:\n${wat.slice(0, 400)}`);
  return wat.slice(wrapper.start, wrapper.end);
}

/** The world's own component type inside wit-component's wrapper: for an export-only world, the interface's type. */
function innerWorldType(wrapper: string): string {
  const root = onlyForm(wrapper, 0, wrapper.length);
  const type = childForms(wrapper, root).find((form) => formHead(wrapper, form) === 'type');
  const inner = type && childForms(wrapper, type).find((form) => formHead(wrapper, form) === 'component');
  if (!inner) throw new Error(`unexpected world wrapper:\n${wrapper.slice(0, 400)}`);
  return wrapper.slice(inner.start, inner.end);
}

function packageItem(id: string, name: string, componentType: string): string {
  return `(type ${id} ${componentType})\n(export ${JSON.stringify(name)} (type ${id}))`;
}

/** The doc comments of `source` (each run of `///` lines, as wit-parser joins them) that `decoded` lacks. */
export function missingDocComments(source: string, decoded: string): string[] {
  const remaining = docComments(decoded);
  return docComments(source).filter((docs) => {
    const at = remaining.indexOf(docs);
    if (at === -1) return true;
    remaining.splice(at, 1);
    return false;
  });
}

function docComments(text: string): string[] {
  const blocks: string[] = [];
  let run: string[] = [];
  for (const token of tokenize(text, 'wit')) {
    if (token.kind === 'doc') {
      run.push(...token.text.split('\n'));
    } else if (run.length > 0) {
      blocks.push(docText(run));
      run = [];
    }
  }
  return blocks;
}

function writeAtomically(path: string, content: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.partial`, content);
  renameSync(`${path}.partial`, path);
}
