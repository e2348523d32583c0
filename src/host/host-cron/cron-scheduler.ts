// asterai:host-cron/scheduler@0.1.0 over the components of an environment, as the asterai
// runtime implements it (runtime/src/runtime/cron.rs, cron_entry.rs):
// - `create-schedule` normalises the expression to the 7 fields of Rust's `cron` crate (5 fields
//   get `0` seconds first and `*` years last; 6 get `*` years), checks it, checks that the
//   component, the function and the JSON arguments make a call, and numbers schedules from 1.
// - At every time the expression matches (UTC; day of week 1 = Sunday to 7 = Saturday, and
//   day of month AND day of week, as the `cron` crate reads them), the function is called on a
//   fresh instance, as call-component-function does. A call that fails is reported; the next
//   time is computed when a call has finished, so a slow call skips the times it overran.
// - Each schedule belongs to the component that created it: `list-schedules` and
//   `cancel-schedule` see only the caller's (another's id is "not found").
// - Nothing survives the environment: `cancelAll` (on close) stops every schedule, as asterai's
//   schedules end with its process.
import { Cron } from 'croner';
import { fileURLToPath } from 'node:url';
import { bindImports } from '../host-api/bind-imports.ts';
import { jsonString as text, type JsonValue } from '../json-abi/json-value.ts';
import { messageOf } from '../runtime/error-message.ts';
import type { CallOutcome } from '../runtime/function-call.ts';
import { loadWitDirectory } from '../wit/load-directory.ts';
import type { WitInterface } from '../wit/model.ts';

export const HOST_CRON_API = 'asterai:host-cron/scheduler@0.1.0';
/** jco keys imports by unversioned interface name. */
export const HOST_CRON_IMPORT = 'asterai:host-cron/scheduler';

/** The project's vendored copy of asterai's cron interface. */
const CRON_WIT = fileURLToPath(new URL('../../../wit/deps/asterai-host-cron/scheduler.wit', import.meta.url));

export interface ScheduleInfo {
  id: number;
  cron: string;
  componentName: string;
  functionName: string;
  argsJson: string;
  /** The component that created it. */
  owner: string;
}

export interface CronContext {
  /** Why the call could not be made (asterai's resolve_call message), or undefined when it can. */
  check(componentName: string, functionName: string, argsJson: string): string | undefined;
  /** call-component-function on a fresh instance. */
  call(componentName: string, functionName: string, argsJson: string): CallOutcome | Promise<CallOutcome>;
  /** A note about a schedule of `owner`'s, for the owner's stderr. */
  report(owner: string, message: string): void;
}

export type CronResult<T> = { ok: T } | { err: string };

export class CronScheduler {
  #nextId = 1;
  readonly #schedules = new Map<number, { info: ScheduleInfo; job: Cron }>();

  constructor(private readonly context: CronContext) {}

  create(owner: string, cron: string, componentName: string, functionName: string, argsJson: string): CronResult<number> {
    const normalized = normalizeCronExpression(cron);
    if ('err' in normalized) return normalized;
    const info: ScheduleInfo = { id: 0, cron, componentName, functionName, argsJson, owner };
    let job: Cron;
    try {
      job = new Cron(normalized.ok, { ...CRON_CRATE_READING, paused: true, protect: true, unref: true }, () => this.fire(info));
    } catch (error) {
      return { err: `invalid cron expression: ${messageOf(error)}` };
    }
    const unusable = this.context.check(componentName, functionName, argsJson);
    if (unusable !== undefined) {
      job.stop();
      return { err: unusable };
    }
    info.id = this.#nextId++;
    this.#schedules.set(info.id, { info, job });
    job.resume();
    return { ok: info.id };
  }

  cancel(owner: string, id: number): CronResult<null> {
    const schedule = this.#schedules.get(id);
    if (!schedule || schedule.info.owner !== owner) return { err: `schedule ${id} not found` };
    schedule.job.stop();
    this.#schedules.delete(id);
    return { ok: null };
  }

  list(owner: string): ScheduleInfo[] {
    return [...this.#schedules.values()].filter(({ info }) => info.owner === owner).map(({ info }) => ({ ...info }));
  }

  /** Every schedule of every component. */
  all(): ScheduleInfo[] {
    return [...this.#schedules.values()].map(({ info }) => ({ ...info }));
  }

  cancelAll(): void {
    for (const { job } of this.#schedules.values()) job.stop();
    this.#schedules.clear();
  }

  private async fire(info: ScheduleInfo): Promise<void> {
    let outcome: CallOutcome;
    try {
      outcome = await this.context.call(info.componentName, info.functionName, info.argsJson);
    } catch (error) {
      outcome = { err: { kind: 'invocation-failed', message: messageOf(error) } };
    }
    // asterai logs a successful call at info level, which its default log level hides.
    if ('err' in outcome) this.context.report(info.owner, `cron schedule ${info.id} call failed: ${outcome.err.message}`);
  }
}

/** How Rust's `cron` crate reads a 7-field expression, in croner's options. */
const CRON_CRATE_READING = { mode: '7-part', timezone: 'Etc/UTC', alternativeWeekdays: true, domAndDow: true } as const;

/** asterai's normalize_cron_expr: 5 or 6 fields made into the 7 of the `cron` crate. */
export function normalizeCronExpression(expression: string): CronResult<string> {
  const fields = expression.split(/\s+/).filter((field) => field !== '');
  const joined = fields.join(' ');
  if (fields.length === 5) return { ok: `0 ${joined} *` };
  if (fields.length === 6) return { ok: `${joined} *` };
  if (fields.length === 7) return { ok: joined };
  return { err: `expected 5, 6, or 7 cron fields, got ${fields.length}` };
}

let cronInterface: WitInterface | undefined;

export function hostCronInterface(): WitInterface {
  cronInterface ??= loadWitDirectory(CRON_WIT).findInterface(HOST_CRON_API);
  if (!cronInterface) throw new Error(`${CRON_WIT} does not define ${HOST_CRON_API}`);
  return cronInterface;
}

/** The import object for `asterai:host-cron/scheduler`, as seen by the component named `caller`. */
export function hostCronImports(scheduler: CronScheduler, caller: string): Record<string, (...args: unknown[]) => unknown> {
  const answer = <T extends JsonValue>(result: CronResult<T>): JsonValue => ('ok' in result ? result.ok : { error: result.err });
  return bindImports(hostCronInterface(), {
    'create-schedule': (cron, component, fn, args) => answer(scheduler.create(caller, text(cron), text(component), text(fn), text(args))),
    'cancel-schedule': (id) => answer(scheduler.cancel(caller, Number(id))),
    'list-schedules': () =>
      scheduler.list(caller).map((info) => ({
        id: info.id,
        cron: info.cron,
        'component-name': info.componentName,
        'function-name': info.functionName,
        'args-json': info.argsJson,
      })),
  });
}
