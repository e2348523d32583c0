// One component of an environment: its transpiled code, what it exports (read from the
// component itself) and the WIT types of those exports (read from the WIT it was built from).
import type { WitFunction, WitInterface } from '../wit/model.ts';
import { jsName, packageOfQualifiedName, qualifiedName, shortInterfaceName, versionOfQualifiedName } from '../wit/names.ts';
import { parseWit } from '../wit/parser.ts';
import type { WitRegistry } from '../wit/registry.ts';
import { AsteraiDocs } from './asterai-docs.ts';
import type { JcoInstance, TranspiledComponent } from './transpiled-component.ts';

export interface ComponentSource {
  /** `namespace:name`, e.g. `asterai:whatsapp`. */
  name: string;
  /** Path of the component's `.wasm`. */
  wasm: string;
  /** The WIT directory it was built from (root `.wit` files and `deps/`). */
  wit: string;
  /** Defaults to the version of the component's own WIT package. */
  version?: string;
}

/** An exported function, found by asterai's `interface/function` name (`whatsapp/send-text`). */
export interface ExportedFunction {
  /** `asterai:whatsapp/whatsapp@0.3.0` */
  interfaceName: string;
  signature: WitFunction;
}

const COMPONENT_NAME = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;

export class LoadedComponent {
  private constructor(
    readonly name: string,
    readonly version: string,
    /** Fully qualified names of the exported interfaces, in the component's order. */
    readonly exports: readonly string[],
    readonly interfaces: ReadonlyMap<string, WitInterface>,
    /** The doc comments asterai would show for it (from its package, see asterai-docs.ts). */
    readonly docs: AsteraiDocs,
    private readonly transpiled: TranspiledComponent,
  ) {}

  static create(source: ComponentSource, transpiled: TranspiledComponent, registry: WitRegistry): LoadedComponent {
    if (!COMPONENT_NAME.test(source.name)) {
      throw new Error(`invalid component name '${source.name}': expected 'namespace:name', e.g. 'asterai:whatsapp'`);
    }
    const exports = exportedInterfaces(transpiled.worldWit);
    const interfaces = new Map<string, WitInterface>();
    for (const name of exports) {
      const iface = registry.findInterface(name);
      if (!iface) {
        throw new Error(`component '${source.name}' (${source.wasm}) exports '${name}', which ${source.wit} does not define`);
      }
      interfaces.set(name, iface);
    }
    const version = source.version ?? ownPackageVersion(source.name, exports, registry);
    return new LoadedComponent(source.name, version, exports, interfaces, AsteraiDocs.ofPackage(registry), transpiled);
  }

  /** A fresh instance: no state survives from any other instance. */
  instantiate(imports: Record<string, unknown>): JcoInstance {
    return this.transpiled.instantiate(imports);
  }

  exportsInterface(qualified: string): boolean {
    return this.exports.includes(qualified);
  }

  /** `interface/function` as asterai names it; the first exported interface with that short name wins. */
  findFunction(functionName: string): ExportedFunction | undefined {
    const slash = functionName.indexOf('/');
    if (slash === -1) return undefined;
    const shortName = functionName.slice(0, slash);
    const name = functionName.slice(slash + 1);
    for (const interfaceName of this.exports) {
      if (shortInterfaceName(interfaceName) !== shortName) continue;
      const signature = this.interfaces.get(interfaceName)?.functions.find((fn) => fn.name === name);
      if (signature) return { interfaceName, signature };
    }
    return undefined;
  }
}

/** The JS function jco exposes for `functionName` (WIT name) of an exported interface, if any. */
export function instanceFunction(
  instance: JcoInstance,
  interfaceName: string,
  functionName: string,
): ((...args: unknown[]) => unknown) | undefined {
  const exported = instance[interfaceName];
  if (typeof exported !== 'object' || exported === null) return undefined;
  const callable: unknown = Reflect.get(exported, jsName(functionName));
  return typeof callable === 'function' ? (...args: unknown[]) => Reflect.apply(callable, exported, args) : undefined;
}

export function exportedInterfaces(worldWit: string): string[] {
  const file = parseWit(worldWit, 'component world (jco wit)');
  const world = file.main.worlds[0];
  if (!world) throw new Error('the component has no world');
  return world.exports.flatMap((item) =>
    item.kind === 'interface' && item.path.package ? [qualifiedName(item.path.package, item.path.interface)] : [],
  );
}

/** The version of the component's own package if it exports one of its interfaces, else of its WIT root. */
function ownPackageVersion(name: string, exports: readonly string[], registry: WitRegistry): string {
  const own = exports.find((exported) => packageOfQualifiedName(exported) === name);
  const versioned = own ?? registry.rootPackage;
  return (versioned && versionOfQualifiedName(versioned)) ?? '0.0.0';
}
