// The doc comments of wit/ are what an LLM reads about the component: asterai copies them from
// build/package.wasm into the function infos, and asterai:mcp-server makes them the MCP tools'
// descriptions. So every interface and function of the package has one, whatever the package
// defines, and the component's world is the one asterai takes the component's description from.
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../scripts/lib/components.ts';
import { readRootPackage } from '../../src/host/wit/load-directory.ts';

const COMPONENT = { witDir: COMPONENTS.whatsapp.wit.dir, world: COMPONENTS.whatsapp.world };

const pkg = readRootPackage(COMPONENT.witDir);

describe('doc comments of the WIT package', () => {
  it('every interface has one', () => {
    expect(pkg.interfaces.filter((iface) => !iface.docs?.trim()).map((iface) => iface.name)).toEqual([]);
  });

  it('every function of every interface has one', () => {
    const undocumented = pkg.interfaces.flatMap((iface) => iface.funcs.filter((fn) => !fn.docs?.trim()).map((fn) => `${iface.name}/${fn.name}`));
    expect(undocumented).toEqual([]);
  });

  it('every type of every interface has one', () => {
    const undocumented = pkg.interfaces.flatMap((iface) => iface.types.filter((type) => !type.docs?.trim()).map((type) => `${iface.name}.${type.name}`));
    expect(undocumented).toEqual([]);
  });

  it('a function that returns a result says what comes back when it fails', () => {
    const silent = pkg.interfaces.flatMap((iface) =>
      iface.funcs.filter((fn) => fn.result?.kind === 'result' && !/on failure/i.test(fn.docs ?? '')).map((fn) => `${iface.name}/${fn.name}`),
    );
    expect(silent).toEqual([]);
  });

  it("the component's world is the package's first documented world, whose docs asterai shows as the component's", () => {
    // asterai's apply_package_docs takes the first world of package.wasm that has docs.
    expect(pkg.worlds.find((world) => world.docs !== undefined)?.name).toBe(COMPONENT.world);
  });
});
