// Turns JSON-speaking implementations into jco import functions for a WIT interface: arguments
// arrive converted to JSON (by ../json-abi) and results go back through the same rules, so the
// implementation follows the vendored WIT without hand-copied TypeScript types.
import { jcoToJson } from '../json-abi/from-jco.ts';
import type { JsonValue } from '../json-abi/json-value.ts';
import { jsonToJco } from '../json-abi/to-jco.ts';
import type { WitInterface } from '../wit/model.ts';
import { jsName } from '../wit/names.ts';

/**
 * Keyed by WIT function name. A function returning `result` answers with the ok value or
 * `{"error": e}`, as call-component-function results are written.
 */
export type JsonImplementation = Record<string, (...args: JsonValue[]) => JsonValue>;

export function bindImports(iface: WitInterface, implementation: JsonImplementation): Record<string, (...args: unknown[]) => unknown> {
  const imports: Record<string, (...args: unknown[]) => unknown> = {};
  for (const fn of iface.functions) {
    const implement = implementation[fn.name];
    if (!implement) throw new Error(`no implementation of '${fn.name}' for ${iface.qualifiedName}`);
    imports[jsName(fn.name)] = (...args: unknown[]) => {
      const jsonArgs = fn.params.map((param, index) => jcoToJson(param.type, args[index]));
      const result = implement(...jsonArgs);
      // A `result` comes back as jco's `{ tag: 'ok' | 'err', val }`, which jco's import
      // trampolines take as the result itself (the alternative is throwing `{ payload }`).
      return fn.result ? jsonToJco(fn.result, result) : undefined;
    };
  }
  return imports;
}
