import type { WitType } from './model.ts';

/**
 * The display name asterai gives a type in `param-info.type-name` (runtime/src/component/wit.rs,
 * `type_display`): a named type shows its name (`user`, `field-key`), an anonymous one its
 * structure (`option<string>`, `list<user>`, `result<_, send-error>`, `tuple<u32, string>`).
 */
export function witTypeName(type: WitType): string {
  switch (type.kind) {
    case 'record':
    case 'variant':
    case 'enum':
    case 'flags':
    case 'alias':
    case 'resource':
      return type.name;
    case 'list':
      return `list<${witTypeName(type.element)}>`;
    case 'option':
      return `option<${witTypeName(type.inner)}>`;
    case 'result':
      return `result<${type.ok ? witTypeName(type.ok) : '_'}, ${type.err ? witTypeName(type.err) : '_'}>`;
    case 'tuple':
      return `tuple<${type.items.map(witTypeName).join(', ')}>`;
    case 'handle':
      return `${type.mode}<${type.resource}>`;
    default:
      return type.kind;
  }
}
