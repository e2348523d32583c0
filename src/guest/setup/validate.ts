// wasi:cli/run, called once when the environment starts: check the setup and
// say plainly what is wrong, before the first webhook arrives.
import { ENV_VARS, configProblems, parseComponentList } from '../core/config.ts';
import type { Log } from '../ports/log.ts';

export interface Registry {
  exists(component: string): boolean;
  implementsInterface(component: string, interfaceName: string): boolean;
  /** Opens WHATSAPP_STATE_DIR's claim store; throws when the directory is not granted. */
  openStateDir(dir: string): unknown;
}

/** Handler components built against 0.1.0 keep working (asterai ignores JSON keys a record lacks). */
export const INCOMING_HANDLER_INTERFACES = [
  'asterai:whatsapp/incoming-handler@0.2.0',
  'asterai:whatsapp/incoming-handler@0.1.0',
];
export const STATUS_HANDLER_INTERFACES = ['asterai:whatsapp/status-handler@0.2.0'];

/** Returns the problems found (empty when the setup is sound); each is also logged. */
export function validateSetup(env: Readonly<Record<string, string | undefined>>, registry: Registry, log: Log): string[] {
  // Reads the handler lists on its own rather than through readConfig, so that
  // one invalid value does not hide the other problems.
  const incoming = parseComponentList(env.WHATSAPP_INCOMING_HANDLER_COMPONENTS);
  const statuses = parseComponentList(env.WHATSAPP_STATUS_HANDLER_COMPONENTS);
  const problems = configProblems(env).map((e) => e.message);
  if (incoming.length === 0) {
    log.info('no WHATSAPP_INCOMING_HANDLER_COMPONENTS: running in send-only mode, inbound messages are logged, not dispatched');
  }
  problems.push(
    ...checkHandlers(incoming, 'WHATSAPP_INCOMING_HANDLER_COMPONENTS', INCOMING_HANDLER_INTERFACES, registry),
    ...checkHandlers(statuses, 'WHATSAPP_STATUS_HANDLER_COMPONENTS', STATUS_HANDLER_INTERFACES, registry),
  );
  const stateDir = env.WHATSAPP_STATE_DIR?.trim();
  if (!stateDir) {
    log.warn('no WHATSAPP_STATE_DIR: a webhook Meta delivers again (it retries for up to 7 days) will reach the handlers twice');
  } else {
    try {
      registry.openStateDir(stateDir);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  for (const problem of problems) log.error(`setup: ${problem}`);
  if (problems.length === 0) {
    const handlers = incoming.join(', ') || 'none';
    log.info(`setup ok: ${ENV_VARS.length} variables known, incoming handlers: ${handlers}`);
  }
  return problems;
}

function checkHandlers(names: readonly string[], variable: string, interfaces: readonly string[], registry: Registry): string[] {
  const problems: string[] = [];
  for (const name of names) {
    if (!registry.exists(name)) {
      problems.push(`${variable} names "${name}", but no such component is in the environment`);
    } else if (!interfaces.some((i) => registry.implementsInterface(name, i))) {
      problems.push(`${variable} names "${name}", which does not export ${interfaces.join(' or ')}`);
    }
  }
  return problems;
}
