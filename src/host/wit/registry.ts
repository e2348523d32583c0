// Resolves parsed WIT packages into a registry of interfaces and worlds, keyed by their
// fully qualified names (`asterai:whatsapp/whatsapp@0.3.0`), with every type looked up.
import type { InterfaceDecl, InterfacePath, PackageDecl, TypeDecl, TypeExpr, WorldDecl, WorldItem } from './ast.ts';
import { isPrimitiveKind, type WitFunction, type WitInterface, type WitType, type WitWorld } from './model.ts';
import { formatPackageName, qualifiedName } from './names.ts';

export class WitResolveError extends Error {
  override name = 'WitResolveError';
}

export class WitRegistry {
  constructor(
    readonly interfaces: ReadonlyMap<string, WitInterface>,
    readonly worlds: ReadonlyMap<string, WitWorld>,
    /** The package of the directory's root `.wit` files, e.g. `asterai:whatsapp@0.3.0`. */
    readonly rootPackage: string | undefined,
  ) {}

  /** Exact match first; otherwise the newest semver-compatible version (as wasmtime links 0.2.x names). */
  findInterface(name: string): WitInterface | undefined {
    return this.interfaces.get(name) ?? findCompatible(this.interfaces, name);
  }

  findWorld(name: string): WitWorld | undefined {
    return this.worlds.get(name) ?? findCompatible(this.worlds, name);
  }
}

/** Builds a registry from packages; declarations of the same package (several files) are merged. */
export function resolvePackages(declarations: PackageDecl[], rootPackage?: string): WitRegistry {
  const packages = new Map<string, PackageDecl>();
  for (const decl of declarations) {
    if (!decl.name) throw new WitResolveError('a WIT package has no `package` declaration');
    const key = formatPackageName(decl.name);
    const merged = packages.get(key);
    if (merged) {
      merged.interfaces.push(...decl.interfaces);
      merged.worlds.push(...decl.worlds);
      merged.interfaceAliases.push(...decl.interfaceAliases);
      merged.docs ??= decl.docs;
    } else {
      packages.set(key, { ...decl, interfaces: [...decl.interfaces], worlds: [...decl.worlds], interfaceAliases: [...decl.interfaceAliases] });
    }
  }
  return new Resolver(packages).resolveAll(rootPackage);
}

interface InterfaceScope {
  pkg: PackageDecl;
  decl: InterfaceDecl;
  qualifiedName: string;
  resolved: Map<string, WitType>;
  inProgress: Set<string>;
}

class Resolver {
  private readonly scopes = new Map<string, InterfaceScope>();
  private readonly worlds = new Map<string, WitWorld>();
  private readonly worldsInProgress = new Set<string>();

  constructor(private readonly packages: Map<string, PackageDecl>) {
    for (const pkg of packages.values()) {
      for (const decl of pkg.interfaces) {
        const name = qualifiedName(pkg.name!, decl.name);
        if (this.scopes.has(name)) throw new WitResolveError(`interface '${name}' is defined twice`);
        this.scopes.set(name, { pkg, decl, qualifiedName: name, resolved: new Map(), inProgress: new Set() });
      }
    }
  }

  resolveAll(rootPackage: string | undefined): WitRegistry {
    const interfaces = new Map<string, WitInterface>();
    for (const scope of [...this.scopes.values()]) {
      interfaces.set(scope.qualifiedName, this.resolveInterface(scope));
    }
    for (const pkg of this.packages.values()) {
      for (const world of pkg.worlds) this.resolveWorld(pkg, world);
    }
    return new WitRegistry(interfaces, this.worlds, rootPackage);
  }

  private resolveInterface(scope: InterfaceScope): WitInterface {
    const { decl, pkg } = scope;
    for (const use of decl.uses) {
      for (const { name, as } of use.names) this.typeInScope(scope, as ?? name);
    }
    for (const type of decl.types) this.typeInScope(scope, type.name);
    const functions: WitFunction[] = decl.funcs.map((func) => {
      const params = func.params.map((param) => ({ name: param.name, type: this.typeExpr(scope, param.type) }));
      const fn: WitFunction = { name: func.name, params };
      if (func.docs !== undefined) fn.docs = func.docs;
      if (func.result) fn.result = this.typeExpr(scope, func.result);
      return fn;
    });
    const iface: WitInterface = {
      qualifiedName: scope.qualifiedName,
      name: decl.name,
      packageName: formatPackageName(pkg.name!),
      types: scope.resolved,
      functions,
    };
    if (decl.docs !== undefined) iface.docs = decl.docs;
    return iface;
  }

  private typeInScope(scope: InterfaceScope, name: string): WitType {
    const done = scope.resolved.get(name);
    if (done) return done;
    if (scope.inProgress.has(name)) {
      throw new WitResolveError(`type '${name}' in '${scope.qualifiedName}' refers to itself`);
    }
    scope.inProgress.add(name);
    const type = this.lookupType(scope, name);
    scope.inProgress.delete(name);
    scope.resolved.set(name, type);
    return type;
  }

  private lookupType(scope: InterfaceScope, name: string): WitType {
    const local = scope.decl.types.find((type) => type.name === name);
    if (local) return this.typeDecl(scope, local);
    for (const use of scope.decl.uses) {
      const imported = use.names.find((entry) => (entry.as ?? entry.name) === name);
      if (!imported) continue;
      const source = this.interfaceScope(scope.pkg, use.from, scope.qualifiedName);
      if (!source.decl.types.some((type) => type.name === imported.name) && !isUsedIn(source.decl, imported.name)) {
        throw new WitResolveError(
          `'${imported.name}' is not defined in '${source.qualifiedName}' (used by '${scope.qualifiedName}')`,
        );
      }
      return this.typeInScope(source, imported.name);
    }
    throw new WitResolveError(`unknown type '${name}' in '${scope.qualifiedName}'`);
  }

  private typeDecl(scope: InterfaceScope, decl: TypeDecl): WitType {
    const docs = decl.docs === undefined ? {} : { docs: decl.docs };
    switch (decl.kind) {
      case 'record':
        return {
          kind: 'record',
          name: decl.name,
          ...docs,
          fields: decl.fields.map((field) => ({
            name: field.name,
            ...(field.docs === undefined ? {} : { docs: field.docs }),
            type: this.typeExpr(scope, field.type),
          })),
        };
      case 'variant':
        return {
          kind: 'variant',
          name: decl.name,
          ...docs,
          cases: decl.cases.map((c) => ({
            name: c.name,
            ...(c.docs === undefined ? {} : { docs: c.docs }),
            ...(c.type === undefined ? {} : { type: this.typeExpr(scope, c.type) }),
          })),
        };
      case 'enum':
        return { kind: 'enum', name: decl.name, ...docs, cases: decl.cases };
      case 'flags':
        return { kind: 'flags', name: decl.name, ...docs, flags: decl.flags };
      case 'alias':
        return { kind: 'alias', name: decl.name, ...docs, target: this.typeExpr(scope, decl.target) };
      case 'resource':
        return { kind: 'resource', name: decl.name, ...docs };
    }
  }

  private typeExpr(scope: InterfaceScope, expr: TypeExpr): WitType {
    switch (expr.kind) {
      case 'named':
        return isPrimitiveKind(expr.name) ? { kind: expr.name } : this.typeInScope(scope, expr.name);
      case 'list':
        return { kind: 'list', element: this.typeExpr(scope, expr.element) };
      case 'option':
        return { kind: 'option', inner: this.typeExpr(scope, expr.inner) };
      case 'result': {
        const result: WitType = { kind: 'result' };
        if (expr.ok) result.ok = this.typeExpr(scope, expr.ok);
        if (expr.err) result.err = this.typeExpr(scope, expr.err);
        return result;
      }
      case 'tuple':
        return { kind: 'tuple', items: expr.items.map((item) => this.typeExpr(scope, item)) };
      case 'handle':
        this.typeInScope(scope, expr.resource);
        return { kind: 'handle', mode: expr.mode, resource: expr.resource };
    }
  }

  private interfaceScope(pkg: PackageDecl, path: InterfacePath, usedBy: string): InterfaceScope {
    const name = this.interfaceName(pkg, path);
    const scope = this.scopes.get(name) ?? findCompatible(this.scopes, name);
    if (!scope) throw new WitResolveError(`unknown interface '${name}' (used by '${usedBy}')`);
    return scope;
  }

  /** The qualified name a path refers to from inside `pkg`. */
  private interfaceName(pkg: PackageDecl, path: InterfacePath): string {
    if (path.package) return qualifiedName(path.package, path.interface);
    const alias = pkg.interfaceAliases.find((entry) => entry.as === path.interface);
    if (alias) return this.interfaceName(pkg, alias.path);
    return qualifiedName(pkg.name!, path.interface);
  }

  private resolveWorld(pkg: PackageDecl, decl: WorldDecl): WitWorld {
    const name = qualifiedName(pkg.name!, decl.name);
    const done = this.worlds.get(name);
    if (done) return done;
    if (this.worldsInProgress.has(name)) throw new WitResolveError(`world '${name}' includes itself`);
    this.worldsInProgress.add(name);
    const imports: string[] = [];
    const exports: string[] = [];
    for (const path of decl.includes) {
      const included = this.worldByPath(pkg, path, name);
      imports.push(...included.imports);
      exports.push(...included.exports);
    }
    imports.push(...decl.imports.flatMap((item) => this.worldItemName(pkg, item, name)));
    exports.push(...decl.exports.flatMap((item) => this.worldItemName(pkg, item, name)));
    const world: WitWorld = { qualifiedName: name, name: decl.name, imports: unique(imports), exports: unique(exports) };
    if (decl.docs !== undefined) world.docs = decl.docs;
    this.worldsInProgress.delete(name);
    this.worlds.set(name, world);
    return world;
  }

  private worldByPath(pkg: PackageDecl, path: InterfacePath, usedBy: string): WitWorld {
    const targetPkgName = path.package ? formatPackageName(path.package) : formatPackageName(pkg.name!);
    const targetPkg = this.packages.get(targetPkgName) ?? findCompatible(this.packages, targetPkgName);
    const decl = targetPkg?.worlds.find((world) => world.name === path.interface);
    if (!targetPkg || !decl) {
      throw new WitResolveError(`unknown world '${qualifiedName(path.package ?? pkg.name!, path.interface)}' (included by '${usedBy}')`);
    }
    return this.resolveWorld(targetPkg, decl);
  }

  /** Functions and inline interfaces of a world are not interfaces of the registry. */
  private worldItemName(pkg: PackageDecl, item: WorldItem, world: string): string[] {
    if (item.kind === 'func') return [];
    if (item.kind === 'inline-interface') return [item.name];
    const name = this.interfaceName(pkg, item.path);
    const scope = this.scopes.get(name) ?? findCompatible(this.scopes, name);
    if (!scope) throw new WitResolveError(`unknown interface '${name}' (in world '${world}')`);
    return [scope.qualifiedName];
  }
}

function isUsedIn(decl: InterfaceDecl, name: string): boolean {
  return decl.uses.some((use) => use.names.some((entry) => (entry.as ?? entry.name) === name));
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/**
 * `wasi:http/types@0.2.10` finds `wasi:http/types@0.2.0` (same 0.minor, or same major when >= 1),
 * and a name without a version finds any version. Keys are `ns:pkg[/item][@version]`.
 */
export function findCompatible<T>(entries: ReadonlyMap<string, T>, wanted: string): T | undefined {
  const [wantedBase, wantedVersion] = splitVersion(wanted);
  let best: { value: T; version: number[] } | undefined;
  for (const [key, value] of entries) {
    const [base, version] = splitVersion(key);
    if (base !== wantedBase) continue;
    if (wantedVersion !== undefined && (version === undefined || !semverCompatible(wantedVersion, version))) continue;
    const parsed = parseVersion(version);
    if (!best || compareVersions(parsed, best.version) > 0) best = { value, version: parsed };
  }
  return best?.value;
}

function splitVersion(name: string): [string, string | undefined] {
  const at = name.lastIndexOf('@');
  return at === -1 ? [name, undefined] : [name.slice(0, at), name.slice(at + 1)];
}

function parseVersion(version: string | undefined): number[] {
  return (version ?? '0.0.0')
    .split(/[-+]/)[0]!
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}

function semverCompatible(a: string, b: string): boolean {
  const [aMajor, aMinor] = parseVersion(a);
  const [bMajor, bMinor] = parseVersion(b);
  if (aMajor !== bMajor) return false;
  return aMajor !== 0 || aMinor === bMinor;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
