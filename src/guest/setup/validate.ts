// wasi:cli/run, called once when the environment starts: check the setup and
// say plainly what is wrong, before the first webhook arrives.
import type { SettingsReading } from '../core/config.ts';
import { describeError } from '../core/failure.ts';
import { SETTINGS, SETTING_ROWS } from '../core/settings.ts';
import { EVENT_TYPES, ROUTES } from '../inbound/routing.ts';
import type { Log } from '../ports/log.ts';

export interface Registry {
  exists(component: string): boolean;
  implementsInterface(component: string, interfaceName: string): boolean;
  /** Opens WHATSAPP_STATE_DIR's inbox; throws when the directory is not granted. */
  openStateDir(dir: string): unknown;
}

/**
 * Returns the problems found (empty when the setup is sound); each is also logged.
 * Works from every setting that could be read, so that one invalid value does not
 * hide the other problems.
 */
export function validateSetup(settings: SettingsReading, registry: Registry, log: Log): string[] {
  const { values } = settings;
  const incoming = values.incomingHandlerComponents ?? [];
  const problems = settings.problems.map((e) => e.message);
  if (incoming.length === 0) {
    log.info(`no ${SETTINGS.incomingHandlerComponents.variable}: running in send-only mode, inbound messages are logged, not dispatched`);
  }
  for (const type of EVENT_TYPES) {
    const { setting, interfaces } = ROUTES[type];
    problems.push(...checkHandlers(values[setting] ?? [], SETTINGS[setting].variable, interfaces, registry));
  }
  if (values.stateDir === undefined) {
    log.warn(
      `no ${SETTINGS.stateDir.variable}: a webhook Meta delivers again (it retries for up to 7 days) will reach the handlers twice, ` +
        'a crash or restart while a delivery is dispatched loses the events not yet handed over, and a handler that fails is not retried',
    );
  } else {
    try {
      registry.openStateDir(values.stateDir);
    } catch (e) {
      problems.push(describeError(e));
    }
  }
  for (const problem of problems) log.error(`setup: ${problem}`);
  if (problems.length === 0) {
    log.info(`setup ok: ${SETTING_ROWS.length} variables known, incoming handlers: ${incoming.join(', ') || 'none'}`);
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
