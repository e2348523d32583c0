// Resolved WIT types: every name is looked up, so a type can be walked without the registry.
// Named definitions keep their `name` (and docs) for display; aliases stay visible as `alias`.

export const PRIMITIVE_TYPES = [
  'bool',
  'u8',
  'u16',
  'u32',
  'u64',
  's8',
  's16',
  's32',
  's64',
  'f32',
  'f64',
  'char',
  'string',
] as const;

export type PrimitiveKind = (typeof PRIMITIVE_TYPES)[number];

export type WitType =
  | { kind: PrimitiveKind }
  | { kind: 'list'; element: WitType }
  | { kind: 'option'; inner: WitType }
  | { kind: 'result'; ok?: WitType; err?: WitType }
  | { kind: 'tuple'; items: WitType[] }
  | { kind: 'record'; name: string; docs?: string; fields: WitField[] }
  | { kind: 'variant'; name: string; docs?: string; cases: WitCase[] }
  | { kind: 'enum'; name: string; docs?: string; cases: string[] }
  | { kind: 'flags'; name: string; docs?: string; flags: string[] }
  | { kind: 'alias'; name: string; docs?: string; target: WitType }
  | { kind: 'resource'; name: string; docs?: string }
  | { kind: 'handle'; mode: 'own' | 'borrow'; resource: string };

export interface WitField {
  name: string;
  docs?: string;
  type: WitType;
}

export interface WitCase {
  name: string;
  docs?: string;
  type?: WitType;
}

export interface WitFunction {
  name: string;
  docs?: string;
  params: { name: string; type: WitType }[];
  result?: WitType;
}

export interface WitInterface {
  /** `asterai:whatsapp/types@0.3.0` */
  qualifiedName: string;
  /** `types` */
  name: string;
  packageName: string;
  docs?: string;
  types: Map<string, WitType>;
  functions: WitFunction[];
}

export interface WitWorld {
  /** `asterai:whatsapp/component@0.3.0` */
  qualifiedName: string;
  name: string;
  docs?: string;
  /** Qualified names of the interfaces the world imports (after `include`). */
  imports: string[];
  /** Qualified names of the interfaces the world exports. */
  exports: string[];
}

export function isPrimitiveKind(name: string): name is PrimitiveKind {
  return (PRIMITIVE_TYPES as readonly string[]).includes(name);
}

/** Follows aliases down to the type that decides the value's shape. */
export function unalias(type: WitType): Exclude<WitType, { kind: 'alias' }> {
  let current = type;
  while (current.kind === 'alias') current = current.target;
  return current;
}
