// `npm run push`: builds, then publishes the component with the asterai CLI, which reads
// build/component.wasm and build/package.wasm (`asterai component push`; the version is the WIT
// package's). Arguments after `--` go to it: `npm run push -- --public`.
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib/paths.ts';

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const push = spawnSync('asterai', ['component', 'push', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
if ((push.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
  console.error(
    'npm run push: the asterai CLI is not on PATH. Install it (https://github.com/asterai-io/asterai#installation), ' +
      'log in with `asterai auth login <api-key>`, and run npm run push again; build/component.wasm and build/package.wasm are ready.',
  );
  process.exit(1);
}
process.exit(push.status ?? 1);
