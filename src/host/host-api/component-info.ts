// `component-info` of asterai:host/api, as JSON (kebab-case keys), built the way asterai builds it
// (runtime/src/runtime/entry.rs, `build_all_component_infos`): every exported interface, WASI ones
// included, lists its functions; descriptions are the docs asterai has (see asterai-docs.ts).
import type { LoadedComponent } from '../component/loaded-component.ts';
import type { JsonValue } from '../json-abi/json-value.ts';
import type { WitType } from '../wit/model.ts';
import { shortInterfaceName } from '../wit/names.ts';
import { witTypeName, witTypeSchema } from '../wit/type-name.ts';

export function componentInfo(component: LoadedComponent): JsonValue {
  return {
    name: component.name,
    version: component.version,
    interfaces: [...component.exports],
    description: componentDescription(component),
    functions: component.exports.flatMap((name) => {
      const shortName = shortInterfaceName(name);
      return (component.interfaces.get(name)?.functions ?? []).map((fn) => ({
        name: fn.name,
        'interface-name': shortName,
        description: component.docs.functionDocs(shortName, fn.name) ?? null,
        inputs: fn.params.map((param) => ({ name: param.name, ...typeInfo(param.type) })),
        output: fn.result ? typeInfo(fn.result) : null,
      }));
    }),
  };
}

function typeInfo(type: WitType): { 'type-name': string; 'type-schema': string } {
  return { 'type-name': witTypeName(type), 'type-schema': witTypeSchema(type) };
}

/** The world's docs, then `short-name: docs` for each documented exported interface. */
function componentDescription(component: LoadedComponent): string | null {
  const parts: string[] = [];
  if (component.docs.world) parts.push(component.docs.world.trim());
  for (const name of component.exports) {
    const docs = component.docs.interfaceDocs(shortInterfaceName(name));
    if (docs) parts.push(`${shortInterfaceName(name)}: ${docs.trim()}`);
  }
  return parts.length > 0 ? parts.join('\n\n') : null;
}
