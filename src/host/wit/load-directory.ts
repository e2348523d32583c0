// Loads a WIT directory laid out as wit-parser expects: root `*.wit` files form one package,
// `deps/<name>/*.wit` and `deps/<name>.wit` are the dependencies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageDecl } from './ast.ts';
import { formatPackageName } from './names.ts';
import { parseWit } from './parser.ts';
import { resolvePackages, WitResolveError, type WitRegistry } from './registry.ts';

export function loadWitDirectory(path: string): WitRegistry {
  if (statSync(path).isFile()) {
    const packages = parsePackageFiles([path]);
    return resolvePackages(packages, rootPackageName(packages, path));
  }
  const rootPackages = parsePackageFiles(witFilesIn(path));
  const depPackages: PackageDecl[] = [];
  const depsDir = join(path, 'deps');
  if (isDirectory(depsDir)) {
    for (const entry of readdirSync(depsDir).sort()) {
      const entryPath = join(depsDir, entry);
      if (isDirectory(entryPath)) depPackages.push(...parsePackageFiles(witFilesIn(entryPath)));
      else if (entry.endsWith('.wit')) depPackages.push(...parsePackageFiles([entryPath]));
    }
  }
  return resolvePackages([...rootPackages, ...depPackages], rootPackageName(rootPackages, path));
}

/** The package of a WIT directory's root `.wit` files, its files merged in name order. */
export function readRootPackage(path: string): PackageDecl {
  const packages = parsePackageFiles(witFilesIn(path));
  const name = rootPackageName(packages, path);
  const own = packages.filter((pkg) => formatPackageName(pkg.name!) === name);
  const docs = own.find((pkg) => pkg.docs !== undefined)?.docs;
  return {
    name: own[0]!.name,
    ...(docs !== undefined && { docs }),
    interfaces: own.flatMap((pkg) => pkg.interfaces),
    worlds: own.flatMap((pkg) => pkg.worlds),
    interfaceAliases: own.flatMap((pkg) => pkg.interfaceAliases),
  };
}

/** Parses the files of one package directory; files without `package` take the one another file declares. */
function parsePackageFiles(files: string[]): PackageDecl[] {
  const parsed = files.map((file) => parseWit(readFileSync(file, 'utf8'), file));
  const declared = parsed.map((file) => file.main.name).find((name) => name !== undefined);
  const packages: PackageDecl[] = [];
  for (const file of parsed) {
    const hasItems = file.main.interfaces.length + file.main.worlds.length > 0;
    if (hasItems || file.main.name) {
      const name = file.main.name ?? declared;
      if (!name) throw new WitResolveError(`${file.source}: no \`package\` declaration in this WIT package`);
      packages.push({ ...file.main, name });
    }
    packages.push(...file.nested);
  }
  return packages;
}

/** The first package declared by the root files (nested `package x { }` blocks come after). */
function rootPackageName(packages: PackageDecl[], path: string): string {
  const first = packages.find((pkg) => pkg.name !== undefined);
  if (!first?.name) throw new WitResolveError(`${path}: no WIT package found`);
  return formatPackageName(first.name);
}

/** The `.wit` files directly in `dir`, in name order (as wit-parser reads a package directory). */
export function witFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((entry) => entry.endsWith('.wit'))
    .sort()
    .map((entry) => join(dir, entry))
    .filter((file) => statSync(file).isFile());
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
