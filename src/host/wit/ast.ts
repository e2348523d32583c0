// Syntax tree of one WIT file, before names are resolved across files and packages.

export interface PackageName {
  namespace: string;
  name: string;
  version?: string;
}

/** `types`, or `wasi:io/streams@0.2.0`. */
export interface InterfacePath {
  package?: PackageName;
  interface: string;
}

export type TypeExpr =
  | { kind: 'named'; name: string }
  | { kind: 'list'; element: TypeExpr }
  | { kind: 'option'; inner: TypeExpr }
  | { kind: 'result'; ok?: TypeExpr; err?: TypeExpr }
  | { kind: 'tuple'; items: TypeExpr[] }
  | { kind: 'handle'; mode: 'own' | 'borrow'; resource: string };

export type TypeDecl =
  | { kind: 'record'; name: string; docs?: string; fields: FieldDecl[] }
  | { kind: 'variant'; name: string; docs?: string; cases: CaseDecl[] }
  | { kind: 'enum'; name: string; docs?: string; cases: string[]; itemDocs?: ItemDocs }
  | { kind: 'flags'; name: string; docs?: string; flags: string[]; itemDocs?: ItemDocs }
  | { kind: 'alias'; name: string; docs?: string; target: TypeExpr }
  | { kind: 'resource'; name: string; docs?: string };

/** Docs of enum cases and flags, by name. */
export type ItemDocs = Record<string, string>;

export interface FieldDecl {
  name: string;
  docs?: string;
  type: TypeExpr;
}

export interface CaseDecl {
  name: string;
  docs?: string;
  type?: TypeExpr;
}

export interface FuncDecl {
  name: string;
  docs?: string;
  params: { name: string; type: TypeExpr }[];
  result?: TypeExpr;
}

export interface UseDecl {
  from: InterfacePath;
  names: { name: string; as?: string }[];
}

export interface InterfaceDecl {
  name: string;
  docs?: string;
  uses: UseDecl[];
  types: TypeDecl[];
  funcs: FuncDecl[];
}

export type WorldItem =
  | { kind: 'interface'; path: InterfacePath; docs?: string }
  | { kind: 'inline-interface'; name: string; body: InterfaceDecl }
  | { kind: 'func'; func: FuncDecl };

export interface WorldDecl {
  name: string;
  docs?: string;
  imports: WorldItem[];
  exports: WorldItem[];
  includes: InterfacePath[];
  uses: UseDecl[];
  types: TypeDecl[];
}

export interface PackageDecl {
  name?: PackageName;
  docs?: string;
  interfaces: InterfaceDecl[];
  worlds: WorldDecl[];
  /** File-level `use a:b/c@1.0.0 [as d];`: local names for interfaces of other packages. */
  interfaceAliases: { path: InterfacePath; as: string }[];
}

/** One file: its own (possibly unnamed) package plus any nested `package x:y { ... }` blocks. */
export interface WitFile {
  source: string;
  main: PackageDecl;
  nested: PackageDecl[];
}
