// The asterai:whatsapp component: what it exports, and which core function and
// port serves each export (the send exports, `whatsapp` and `api`, in send/exports.ts).
// Every export catches: an exception that escapes an export traps, and a trapped
// instance can never be entered again.
import type { IncomingRequest, ResponseOutparam } from 'wasi:http/types@0.2.0';
import type { DeadLetter, ReplayReport } from 'asterai:whatsapp/inbox@0.3.0';
import { readConfig, readSettings, type Config } from './core/config.ts';
import { describeError } from './core/failure.ts';
import { parseWebhook } from './core/webhook/parse.ts';
import { dispatchOnce } from './inbound/dispatch.ts';
import type { InboxPorts } from './inbound/inbox-pass.ts';
import {
  deadLetterViews,
  dispatchAfterDelivery,
  journalDelivery,
  openInbox,
  redispatchDeadLetters,
  replayAtStart,
  replayDue,
  type JournaledDelivery,
} from './inbound/inbox.ts';
import { routeEvents } from './inbound/routing.ts';
import { answerWebhook } from './inbound/webhook-endpoint.ts';
import { current, currentConfig, logError } from './instance.ts';
import { hmacSha256 } from './ports/hmac.ts';
import { callFunction, componentExists, implementsInterface, ownName } from './ports/host-api.ts';
import { adaptRequest, respond, type HttpResponse } from './ports/http-incoming.ts';
import type { Log } from './ports/log.ts';
import { hostScheduler } from './ports/scheduler.ts';
import { openStateDir, StateDirError } from './ports/state-dir.ts';
import { ensureReplaySchedule } from './setup/replay-schedule.ts';
import { validateSetup } from './setup/validate.ts';

export { api, whatsapp } from './send/exports.ts';

export const types = {};

export const run = {
  async run(): Promise<void> {
    const startedAt = Date.now();
    let problems: string[];
    try {
      const { env, log } = current();
      const settings = readSettings(env);
      problems = validateSetup(settings, { exists: componentExists, implementsInterface, openStateDir: inboxIn }, log);
      if (settings.values.stateDir !== undefined) await startInbox(startedAt, log);
    } catch (e) {
      problems = [describeError(e)];
      console.error(`error: setup: ${problems[0]}`);
    }
    // wasi:cli/run's `result` error carries no payload; the log lines say what is wrong.
    if (problems.length > 0) throw undefined;
  },
};

/** At start, with a state dir: the replay schedule, then what the inbox holds from before. validateSetup has reported a state dir that cannot be used. */
async function startInbox(startedAt: number, log: Log): Promise<void> {
  let ports: InboxPorts;
  try {
    ports = inboxOf(currentConfig());
  } catch (e) {
    if (!(e instanceof StateDirError)) log.error(`inbox at start: ${describeError(e)}`);
    return;
  }
  ensureReplaySchedule(hostScheduler, ownName(), currentConfig().replaySchedule, log);
  await replayAtStart(ports, startedAt);
}

export const incomingHandler = {
  async handle(request: IncomingRequest, responseOut: ResponseOutparam): Promise<void> {
    let responded = false;
    const answer = (response: HttpResponse) => {
      respond(responseOut, response);
      responded = true;
    };
    try {
      const { log } = current();
      const config = currentConfig();
      const outcome = await answerWebhook(adaptRequest(request), config, log, hmacSha256);
      if (outcome.payload === undefined) return answer(outcome.response);
      if (!config.stateDir) {
        answer(outcome.response);
        dispatchOnce(routeEvents(parsed(outcome.payload, log), config, implementsInterface), callFunction, log);
        return;
      }
      // With a state dir, the 200 says the delivery is on disk: journaled first, then acknowledged.
      const events = routeEvents(parsed(outcome.payload, log), config, implementsInterface);
      if (!events.some((event) => event.deliveries.length > 0)) {
        answer(outcome.response);
        dispatchOnce(events, callFunction, log);
        return;
      }
      let ports: InboxPorts;
      let own: JournaledDelivery;
      try {
        ports = inboxOf(config);
        own = journalDelivery(ports, events, randomBytes);
      } catch (e) {
        log.error(`webhook: the delivery could not be journaled (${describeError(e)}); answered 503, so Meta delivers it again later`);
        return answer({ status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '60' }, body: 'the delivery could not be stored; try again later' });
      }
      answer(outcome.response);
      await dispatchAfterDelivery(ports, own);
    } catch (e) {
      logError(`webhook: ${describeError(e)}`);
      if (!responded) {
        try {
          respond(responseOut, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' });
        } catch {
          // The response was half set; nothing more can be said to the client.
        }
      }
    }
  },
};

/** The events of a verified payload; what parsing skipped is logged. */
function parsed(payload: unknown, log: Log) {
  const { events, notes } = parseWebhook(payload);
  for (const note of notes) log[note.level](note.text);
  return events;
}

/** Dead letters, re-dispatch and replay (WHATSAPP_STATE_DIR): an error is the WIT error string, logged too. */
export const inbox = {
  listDeadLetters: (): Promise<DeadLetter[]> => inboxCall('list-dead-letters', (ports) => deadLetterViews(ports)),
  redispatch: (id: string | undefined): Promise<ReplayReport> =>
    inboxCall('redispatch', (ports) => redispatchDeadLetters(ports, id === '' ? undefined : id, randomBytes)),
  replay: (): Promise<ReplayReport> => inboxCall('replay', (ports) => replayDue(ports)),
};

async function inboxCall<T>(what: string, action: (ports: InboxPorts) => T | Promise<T>): Promise<T> {
  try {
    return await action(inboxOf(currentConfig()));
  } catch (e) {
    let message = describeError(e);
    try {
      message = current().redact.text(message);
    } catch {
      // The environment cannot even be read, so no secret from it can be in the message.
    }
    logError(`inbox/${what} failed: ${message}`);
    throw message;
  }
}

/** The inbox in WHATSAPP_STATE_DIR; throws when it is not set or not granted (a StateDirError). */
function inboxOf(config: Config): InboxPorts {
  if (!config.stateDir) throw new Error('WHATSAPP_STATE_DIR is not set: the inbox (journal, retries, dead letters) needs a directory granted to the component');
  return inboxIn(config.stateDir, config);
}

/** The inbox in `dir`, with the retry settings of `config` (their defaults when it has none). */
function inboxIn(dir: string, config: Partial<Config> = {}): InboxPorts {
  const retries = { ...readConfig({}), ...config };
  return openInbox(openStateDir(dir), retries, { call: callFunction, log: current().log, now: Date.now, random: randomBytes });
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}
