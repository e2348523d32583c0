// The doc comments asterai knows for a component. A compiled component carries none, so asterai
// copies them from the component's package.wasm (runtime/src/component/wit.rs,
// `apply_package_docs`): the world docs are those of the package's first documented world, and
// each exported interface gets the docs of the package's interface with the same short name
// (`incoming-handler` also matches `wasi:http/incoming-handler`), and its functions those of the
// functions with the same names there. The Node host reads the package from the component's WIT.
import { packageOfQualifiedName, versionOfQualifiedName } from '../wit/names.ts';
import type { WitRegistry } from '../wit/registry.ts';

interface InterfaceDocs {
  docs?: string;
  functions: ReadonlyMap<string, string>;
}

export class AsteraiDocs {
  private constructor(
    readonly world: string | undefined,
    private readonly interfaces: ReadonlyMap<string, InterfaceDocs>,
  ) {}

  /** The docs of the registry's root package, as package.wasm would carry them. */
  static ofPackage(registry: WitRegistry): AsteraiDocs {
    const own = <T extends { qualifiedName: string }>(items: Iterable<T>) =>
      [...items].filter((item) => packageOf(item.qualifiedName) === registry.rootPackage);
    const world = own(registry.worlds.values()).find((candidate) => candidate.docs !== undefined)?.docs;
    const interfaces = new Map<string, InterfaceDocs>();
    for (const iface of own(registry.interfaces.values())) {
      const functions = new Map(iface.functions.flatMap((fn) => (fn.docs === undefined ? [] : [[fn.name, fn.docs] as const])));
      interfaces.set(iface.name, iface.docs === undefined ? { functions } : { docs: iface.docs, functions });
    }
    return new AsteraiDocs(world, interfaces);
  }

  /** Docs of the exported interface with this short name (`whatsapp`). */
  interfaceDocs(shortName: string): string | undefined {
    return this.interfaces.get(shortName)?.docs;
  }

  functionDocs(shortInterfaceName: string, functionName: string): string | undefined {
    return this.interfaces.get(shortInterfaceName)?.functions.get(functionName);
  }
}

/** `asterai:whatsapp/api@0.3.0` → `asterai:whatsapp@0.3.0` */
function packageOf(qualified: string): string {
  const version = versionOfQualifiedName(qualified);
  return `${packageOfQualifiedName(qualified)}${version === undefined ? '' : `@${version}`}`;
}
