// `npm run check`: type-checks the guest (web globals only, no Node types) and
// the host side (host, emulator, scripts, tests), after generating the WIT types
// both need.
import { execFileSync } from 'node:child_process';
import { generateGuestTypes } from './lib/guest-types.ts';
import { COMPONENT, ROOT } from './lib/paths.ts';
import { assembleTestWits } from '../tests/support/components.ts';
import { exampleAgentWit } from './lib/example-agent.ts';

generateGuestTypes(COMPONENT.witDir, COMPONENT.world);
for (const { dir, world } of [...(await assembleTestWits()), await exampleAgentWit()]) generateGuestTypes(dir, world);

const tsc = `${ROOT}node_modules/typescript/bin/tsc`;
for (const project of ['src/guest/tsconfig.json', 'examples/agent/tsconfig.json', 'tsconfig.json']) {
  execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit', cwd: ROOT });
  console.log(`type-checked ${project}: no errors`);
}
