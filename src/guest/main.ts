// The asterai:whatsapp component: what it exports, and which core function and
// port serves each export. Every export catches: an uncaught throw would trap
// and kill the instance (TOOLCHAIN.md).
import type { IncomingRequest, ResponseOutparam } from 'wasi:http/types@0.2.0';
import type { SendError as WitSendError, User } from 'asterai:whatsapp/types@0.2.0';
import { readConfig, type Config } from './core/config.ts';
import { toFailure } from './core/errors.ts';
import { parseWebhook } from './core/webhook.ts';
import { dispatchToHandlers } from './inbound/dispatch.ts';
import { answerWebhook } from './inbound/webhook-endpoint.ts';
import { readEnvironment } from './ports/environment.ts';
import { openClaimStore, type ClaimStore } from './ports/claim-store.ts';
import { callFunction, componentExists, implementsInterface } from './ports/host-api.ts';
import { adaptRequest, respond } from './ports/http-incoming.ts';
import { createLog, type Log } from './ports/log.ts';
import { GraphClient } from './send/graph-client.ts';
import { validateSetup } from './setup/validate.ts';

interface Context {
  env: Record<string, string>;
  config: Config;
  log: Log;
}

// One per instance: asterai serves every request and call with a fresh
// instance, so this lives as long as one request; it is built lazily because
// top-level code runs at build time.
let context: Context | undefined;
let graph: GraphClient | undefined;

function current(): Context {
  if (context) return context;
  const env = readEnvironment();
  context = { env, config: readConfig(env), log: logFor(env) };
  return context;
}

function logFor(env: Record<string, string>): Log {
  return createLog([env.WHATSAPP_ACCESS_TOKEN, env.WHATSAPP_APP_SECRET, env.WHATSAPP_WEBHOOK_VERIFY_TOKEN]);
}

function graphClient(): GraphClient {
  graph ??= new GraphClient(current().config);
  return graph;
}

/** Runs a send export: a failure becomes the WIT send-error, never a trap. */
async function sending<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (e) {
    const failure = toFailure(e);
    safeLog((log) => log.error(`${what} failed: ${failure.kind} (code ${failure.code}): ${failure.message}`));
    const error: WitSendError = { ...failure };
    throw error;
  }
}

function safeLog(write: (log: Log) => void): void {
  try {
    write(current().log);
  } catch {
    // Configuration cannot even be read; the caller reports the failure itself.
  }
}

export const types = {};

export const whatsapp = {
  getSelf: (): Promise<User> => sending('get-self', async () => asUser(await graphClient().getSelf())),
  sendText: (to: string, body: string, replyTo: string | undefined): Promise<string[]> =>
    sending('send-text', () => graphClient().sendText(to, body, replyTo)),
};

/** Drop-in for the reference asterai:whatsapp@0.1.0 `api`: strings instead of typed errors. */
export const api = {
  async getSelf(): Promise<User> {
    try {
      return asUser(await graphClient().getSelf());
    } catch (e) {
      const failure = toFailure(e);
      safeLog((log) => log.error(`get-self failed: ${failure.kind}: ${failure.message}`));
      return asUser({ name: '', phone: safePhoneNumberId() });
    }
  },
  async sendMessage(content: string, to: string): Promise<string> {
    try {
      const [first] = await graphClient().sendText(to, content, undefined);
      return first ?? 'error: nothing was sent';
    } catch (e) {
      const failure = toFailure(e);
      safeLog((log) => log.error(`send-message failed: ${failure.kind}: ${failure.message}`));
      return `error: ${failure.message}`;
    }
  },
};

export const run = {
  run(): void {
    let problems: string[];
    try {
      const env = readEnvironment();
      problems = validateSetup(env, { exists: componentExists, implementsInterface, openStateDir: openClaimStore }, logFor(env));
    } catch (e) {
      problems = [e instanceof Error ? e.message : String(e)];
      console.error(`error: setup: ${problems[0]}`);
    }
    // wasi:cli/run's `result` error carries no payload; the log lines say what is wrong.
    if (problems.length > 0) throw undefined;
  },
};

export const incomingHandler = {
  async handle(request: IncomingRequest, responseOut: ResponseOutparam): Promise<void> {
    let responded = false;
    try {
      const { config, log } = current();
      const outcome = await answerWebhook(adaptRequest(request), config, log);
      respond(responseOut, outcome.response);
      responded = true;
      if (outcome.payload === undefined) return;
      const { events, notes } = parseWebhook(outcome.payload);
      for (const note of notes) log[note.level](note.text);
      const claims = config.stateDir ? openClaims(config.stateDir, log) : undefined;
      await dispatchToHandlers(events, config, callFunction, log, claims);
      claims?.prune(Date.now());
    } catch (e) {
      console.error(`error: webhook: ${describe(e)}`);
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

/** Without a usable state dir events are still dispatched (perhaps twice), never dropped. */
function openClaims(dir: string, log: Log): ClaimStore | undefined {
  try {
    return openClaimStore(dir);
  } catch (e) {
    log.error(`${describe(e)}; events are dispatched without duplicate protection`);
    return undefined;
  }
}

/** A thrown value as text; WASI errors arrive as an Error whose `payload` is the WIT error value. */
function describe(e: unknown): string {
  const payload = (e as { payload?: unknown } | null)?.payload;
  if (payload !== undefined) return `${e instanceof Error ? e.message : String(e)}: ${JSON.stringify(payload)}`;
  return e instanceof Error ? e.message : String(e);
}

function asUser(profile: { name: string; phone: string }): User {
  return { ...profile, userId: undefined, username: undefined };
}

function safePhoneNumberId(): string {
  try {
    return current().config.phoneNumberId ?? '';
  } catch {
    return '';
  }
}
