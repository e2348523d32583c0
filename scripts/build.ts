// `npm run build`: builds build/component.wasm (the asterai:whatsapp component),
// build/package.wasm and build/package.wit (its WIT package, which the asterai CLI reads
// next to it), and generates the guest's WIT types into build/guest-types.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildProjectComponent, COMPONENTS, WIT_PACKAGE } from './lib/components.ts';
import { GUEST_TYPES_DIR, generateGuestTypes } from './lib/guest-types.ts';
import { buildWitPackage } from './lib/wit-package.ts';

const result = await buildProjectComponent(COMPONENTS.whatsapp);
const gzipped = gzipSync(readFileSync(result.out)).length;
console.log(
  `built ${result.out}: ${mib(result.bytes)} MiB (${mib(gzipped)} MiB gzipped) in ${result.ms} ms` +
    (result.cached ? ' (sources unchanged: cached build reused)' : ''),
);
const pkg = await buildWitPackage(WIT_PACKAGE);
console.log(
  `wrote ${WIT_PACKAGE.outWasm} (${pkg.name}: interfaces ${pkg.interfaces.join(', ')}; worlds ${pkg.worlds.join(', ')}; ` +
    `${(pkg.bytes / 1024).toFixed(1)} KiB, decoded back as a WIT package) and ${WIT_PACKAGE.outWit}`,
);
generateGuestTypes(result.wit, COMPONENTS.whatsapp.world);
console.log(`generated the guest's WIT types in ${GUEST_TYPES_DIR}`);

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2);
}
