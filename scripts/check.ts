// `npm run check`: type-checks every TypeScript project of the component table (the guest with
// web globals only, no Node types; the example agent) and then the host side (host, emulator,
// scripts, tests), after generating the WIT types they need.
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { COMPONENTS, witDirOf, type ProjectComponent } from './lib/components.ts';
import { generateGuestTypes } from './lib/guest-types.ts';
import { ROOT } from './lib/paths.ts';

const components: ProjectComponent[] = Object.values(COMPONENTS);
for (const component of components) if (component.guestTypes) generateGuestTypes(witDirOf(component), component.world);

const tsc = `${ROOT}node_modules/typescript/bin/tsc`;
const projects = [...components.flatMap((c) => (c.tsconfig ? [c.tsconfig] : [])), `${ROOT}tsconfig.json`];
for (const project of projects) {
  execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit', cwd: ROOT });
  console.log(`type-checked ${relative(ROOT, project)}: no errors`);
}
