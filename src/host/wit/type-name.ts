// How asterai shows a WIT type in the function infos of asterai:host/api (runtime/src/component/
// wit.rs): `type-name` is `type_display`, `type-schema` is `type_schema_display`. Both are WIT-like
// text, not JSON. A resource used as a value is an anonymous `own` handle in wit-parser, which
// asterai shows as `unknown`, like borrows.
import type { WitType } from './model.ts';

/**
 * `param-info.type-name`: a named type shows its name (`user`, `field-key`), an anonymous one its
 * structure (`option<string>`, `list<user>`, `result<_, send-error>`, `tuple<u32, string>`).
 */
export function witTypeName(type: WitType): string {
  switch (type.kind) {
    case 'record':
    case 'variant':
    case 'enum':
    case 'flags':
    case 'alias':
      return type.name;
    case 'list':
      return `list<${witTypeName(type.element)}>`;
    case 'option':
      return `option<${witTypeName(type.inner)}>`;
    case 'result':
      return `result<${type.ok ? witTypeName(type.ok) : '_'}, ${type.err ? witTypeName(type.err) : '_'}>`;
    case 'tuple':
      return `tuple<${type.items.map(witTypeName).join(', ')}>`;
    case 'resource':
    case 'handle':
      return 'unknown';
    default:
      return type.kind;
  }
}

/**
 * `param-info.type-schema`: the structure with every named type expanded, e.g.
 * `list<record { id: string, title: string }>`, `enum { image, audio }`,
 * `variant { circle(f64), dot }`, `result<string, record { kind: enum { ... }, ... }>`.
 */
export function witTypeSchema(type: WitType): string {
  switch (type.kind) {
    case 'list':
      return `list<${witTypeSchema(type.element)}>`;
    case 'option':
      return `option<${witTypeSchema(type.inner)}>`;
    case 'result':
      return `result<${type.ok ? witTypeSchema(type.ok) : '_'}, ${type.err ? witTypeSchema(type.err) : '_'}>`;
    case 'tuple':
      return `tuple<${type.items.map(witTypeSchema).join(', ')}>`;
    case 'record':
      return `record { ${type.fields.map((field) => `${field.name}: ${witTypeSchema(field.type)}`).join(', ')} }`;
    case 'variant':
      return `variant { ${type.cases.map((c) => (c.type ? `${c.name}(${witTypeSchema(c.type)})` : c.name)).join(', ')} }`;
    case 'enum':
      return `enum { ${type.cases.join(', ')} }`;
    case 'flags':
      return `flags { ${type.flags.join(', ')} }`;
    case 'alias':
      return witTypeSchema(type.target);
    case 'resource':
    case 'handle':
      return 'unknown';
    default:
      return type.kind;
  }
}
