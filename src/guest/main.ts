// The asterai:whatsapp component: what it exports, and which core function and
// port serves each export. Every export catches: an uncaught throw would trap
// and kill the instance (TOOLCHAIN.md).
import type { IncomingRequest, ResponseOutparam } from 'wasi:http/types@0.2.0';
import type { SendError as WitSendError, User } from 'asterai:whatsapp/types@0.2.0';
import type { Button, ListSection, MediaFile, MediaKind, TemplateParam } from 'asterai:whatsapp/whatsapp@0.2.0';
import { readConfig, type Config } from './core/config.ts';
import { redactFailure, redactableSecrets, toFailure, type SendFailure } from './core/errors.ts';
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
  secrets: (string | undefined)[];
}

// One per instance: asterai serves every request and call with a fresh
// instance, so this lives as long as one request; it is built lazily because
// top-level code runs at build time.
let context: Context | undefined;
let graph: GraphClient | undefined;
let legacyGraph: GraphClient | undefined;

function current(): Context {
  if (context) return context;
  const env = readEnvironment();
  context = { env, config: readConfig(env), log: logFor(env), secrets: secretsOf(env) };
  return context;
}

function secretsOf(env: Record<string, string>): (string | undefined)[] {
  return [env.WHATSAPP_ACCESS_TOKEN, env.WHATSAPP_APP_SECRET, env.WHATSAPP_WEBHOOK_VERIFY_TOKEN];
}

function logFor(env: Record<string, string>): Log {
  return createLog(secretsOf(env));
}

function graphClient(): GraphClient {
  const { config, log } = current();
  graph ??= new GraphClient(config, undefined, {
    onRetry: ({ attempts, waitMs, failure }) =>
      log.warn(`Graph call failed (${failure.kind}, code ${failure.code}: ${failure.message}); try ${attempts + 1} in ${waitMs} ms`),
  });
  return graph;
}

/** The 0.1.0 `api` sends exactly as it always did: one request per message, no retries. */
function legacyGraphClient(): GraphClient {
  legacyGraph ??= new GraphClient({ ...current().config, sendRetryBudgetMs: 0 });
  return legacyGraph;
}

/** Any thrown value as a failure whose message holds no configured secret. */
function publicFailure(e: unknown): SendFailure {
  const failure = toFailure(e);
  try {
    return redactFailure(failure, redactableSecrets(current().secrets));
  } catch {
    // Configuration cannot even be read, so no secret from it can be in the message.
    return failure;
  }
}

/** Runs a send export: a failure becomes the WIT send-error, never a trap. */
async function sending<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (e) {
    const failure = publicFailure(e);
    safeLog((log) => log.error(`${what} failed: ${failure.kind} (code ${failure.code}): ${failure.message}`));
    const error: WitSendError = { ...failure };
    throw error;
  }
}

/** Logs through the redacting log; false when the configuration cannot even be read. */
function safeLog(write: (log: Log) => void): boolean {
  try {
    write(current().log);
    return true;
  } catch {
    return false;
  }
}

export const types = {};

type Opt = string | undefined;

export const whatsapp = {
  getSelf: (): Promise<User> => sending('get-self', async () => asUser(await graphClient().getSelf())),
  sendText: (to: string, body: string, replyTo: Opt): Promise<string[]> =>
    sending('send-text', () => graphClient().sendText(to, body, replyTo)),
  sendMedia: (to: string, kind: MediaKind, source: string, caption: Opt, filename: Opt, replyTo: Opt): Promise<string> =>
    sending('send-media', () => graphClient().sendMedia(to, kind, source, { caption, filename, replyTo })),
  sendLocation: (to: string, latitude: number, longitude: number, name: Opt, address: Opt, replyTo: Opt): Promise<string> =>
    sending('send-location', () => graphClient().sendLocation(to, latitude, longitude, { name, address, replyTo })),
  sendReaction: (to: string, messageId: string, emoji: string): Promise<string> =>
    sending('send-reaction', () => graphClient().sendReaction(to, messageId, emoji)),
  sendButtons: (to: string, body: string, buttons: Button[], replyTo: Opt): Promise<string> =>
    sending('send-buttons', () => graphClient().sendButtons(to, body, buttons, replyTo)),
  sendList: (to: string, body: string, buttonLabel: string, sections: ListSection[], replyTo: Opt): Promise<string> =>
    sending('send-list', () => graphClient().sendList(to, body, buttonLabel, sections, replyTo)),
  sendTemplate: (to: string, name: string, language: string, bodyParams: TemplateParam[], headerParams: TemplateParam[]): Promise<string> =>
    sending('send-template', () => graphClient().sendTemplate(to, name, language, bodyParams, headerParams)),
  markRead: (messageId: string, typing: boolean): Promise<void> =>
    sending('mark-read', () => graphClient().markRead(messageId, typing)),
  downloadMedia: (mediaId: string): Promise<MediaFile> =>
    sending('download-media', async () => {
      const file = await graphClient().downloadMedia(mediaId);
      return { mimeType: file.mimeType, sha256: file.sha256, data: file.data };
    }),
  uploadMedia: (data: Uint8Array, mimeType: string, filename: Opt): Promise<string> =>
    sending('upload-media', () => graphClient().uploadMedia(data, mimeType, filename)),
};

/** Drop-in for the reference asterai:whatsapp@0.1.0 `api`: strings instead of typed errors. */
export const api = {
  async getSelf(): Promise<User> {
    try {
      return asUser(await legacyGraphClient().getSelf());
    } catch (e) {
      const failure = publicFailure(e);
      safeLog((log) => log.error(`get-self failed: ${failure.kind}: ${failure.message}`));
      return asUser({ name: '', phone: safePhoneNumberId() });
    }
  },
  async sendMessage(content: string, to: string): Promise<string> {
    try {
      const [first] = await legacyGraphClient().sendText(to, content, undefined);
      return first ?? 'error: nothing was sent';
    } catch (e) {
      const failure = publicFailure(e);
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
      const text = `webhook: ${describe(e)}`;
      if (!safeLog((log) => log.error(text))) console.error(`error: ${text}`);
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
