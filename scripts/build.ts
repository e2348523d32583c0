// `npm run build`: builds build/component.wasm (the asterai:whatsapp component)
// and generates the guest's WIT types into build/guest-types.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildProjectComponent, COMPONENTS } from './lib/components.ts';
import { GUEST_TYPES_DIR, generateGuestTypes } from './lib/guest-types.ts';

const result = await buildProjectComponent(COMPONENTS.whatsapp);
const gzipped = gzipSync(readFileSync(result.out)).length;
console.log(
  `built ${result.out}: ${mib(result.bytes)} MiB (${mib(gzipped)} MiB gzipped) in ${result.ms} ms` +
    (result.cached ? ' (sources unchanged: cached build reused)' : ''),
);
generateGuestTypes(result.wit, COMPONENTS.whatsapp.world);
console.log(`generated the guest's WIT types in ${GUEST_TYPES_DIR}`);

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2);
}
