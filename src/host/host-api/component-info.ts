// `component-info` of asterai:host/api, as JSON (kebab-case keys), built the way asterai builds it
// (runtime/src/runtime/entry.rs, `build_all_component_infos`).
import type { LoadedComponent } from '../component/loaded-component.ts';
import type { JsonValue } from '../json-abi/json-value.ts';
import { typeSchemaText } from '../json-abi/type-schema.ts';
import { shortInterfaceName } from '../wit/names.ts';
import { witTypeName } from '../wit/type-name.ts';

export function componentInfo(component: LoadedComponent): JsonValue {
  return {
    name: component.name,
    version: component.version,
    interfaces: [...component.exports],
    description: componentDescription(component),
    functions: component.exports
      .filter((name) => !name.startsWith('wasi:'))
      .flatMap((name) => {
        const iface = component.interfaces.get(name);
        return (iface?.functions ?? []).map((fn) => ({
          name: fn.name,
          'interface-name': shortInterfaceName(name),
          description: fn.docs ?? null,
          inputs: fn.params.map((param) => ({
            name: param.name,
            'type-name': witTypeName(param.type),
            'type-schema': typeSchemaText(param.type),
          })),
          output: fn.result ? { 'type-name': witTypeName(fn.result), 'type-schema': typeSchemaText(fn.result) } : null,
        }));
      }),
  };
}

/** The world's docs, then `short-name: docs` for each documented exported interface. */
function componentDescription(component: LoadedComponent): string | null {
  const parts: string[] = [];
  if (component.world?.docs) parts.push(component.world.docs.trim());
  for (const name of component.exports) {
    const docs = component.interfaces.get(name)?.docs;
    if (docs) parts.push(`${shortInterfaceName(name)}: ${docs.trim()}`);
  }
  return parts.length > 0 ? parts.join('\n\n') : null;
}
