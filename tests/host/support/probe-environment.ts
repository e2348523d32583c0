// An environment of the two test-only components, with their output captured.
import { Environment, type EnvironmentOptions } from '../../../src/host/environment.ts';
import { COMPONENTS, componentFiles } from '../../../scripts/lib/components.ts';

export const PROBE = 'host-test:probe';
export const LISTENER = 'host-test:listener';

export interface CapturedLine {
  component: string;
  line: string;
}

export interface ProbeEnvironment {
  environment: Environment;
  stdout: CapturedLine[];
  stderr: CapturedLine[];
}

export async function loadProbeEnvironment(options: Partial<EnvironmentOptions> = {}): Promise<ProbeEnvironment> {
  const stdout: CapturedLine[] = [];
  const stderr: CapturedLine[] = [];
  const environment = await Environment.load({
    namespace: 'acme',
    name: 'lab',
    env: { GREETING: 'hello from the environment' },
    components: [
      { name: PROBE, ...componentFiles(COMPONENTS.hostProbe) },
      { name: LISTENER, ...componentFiles(COMPONENTS.hostListener) },
    ],
    stdout: (component, line) => stdout.push({ component, line }),
    stderr: (component, line) => stderr.push({ component, line }),
    ...options,
  });
  return { environment, stdout, stderr };
}

/** The parsed JSON of a successful call, or a failure that shows the call-error. */
export function okJson(outcome: { ok: string } | { err: { kind: string; message: string } }): unknown {
  if ('err' in outcome) throw new Error(`call failed: ${outcome.err.kind}: ${outcome.err.message}`);
  return JSON.parse(outcome.ok);
}
