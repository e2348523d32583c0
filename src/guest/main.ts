// The asterai:whatsapp component: what it exports, and which core function and
// port serves each export. Every export catches: an exception that escapes an
// export traps, and a trapped instance can never be entered again.
import type { IncomingRequest, ResponseOutparam } from 'wasi:http/types@0.2.0';
import type { DeadLetter, ReplayReport } from 'asterai:whatsapp/inbox@0.3.0';
import type { Contact, SendError as WitSendError, User } from 'asterai:whatsapp/types@0.3.0';
import type {
  Button,
  Flow,
  InteractiveText,
  ListSection,
  MediaFile,
  Place,
  ProductSection,
  SendOptions,
  TemplateParams,
  UrlButton,
} from 'asterai:whatsapp/whatsapp@0.3.0';
import { readConfig, readSettings, type Config } from './core/config.ts';
import { describeError, toFailure, type SendFailure } from './core/failure.ts';
import { buildAudioMessage } from './core/messages/audio.ts';
import { buildCatalogMessage } from './core/messages/catalog.ts';
import { buildContactInfoRequestMessage } from './core/messages/contact-info-request.ts';
import { buildContactsMessage } from './core/messages/contacts.ts';
import { buildCtaUrlMessage } from './core/messages/cta-url.ts';
import { buildFlowMessage } from './core/messages/flow.ts';
import { buildButtonsMessage } from './core/messages/interactive-buttons.ts';
import { buildListMessage } from './core/messages/interactive-list.ts';
import { buildLocationRequestMessage } from './core/messages/location-request.ts';
import { buildLocationMessage } from './core/messages/location.ts';
import { buildMediaMessage } from './core/messages/media.ts';
import { buildProductListMessage } from './core/messages/product-list.ts';
import { buildProductMessage } from './core/messages/product.ts';
import { buildReactionMessage } from './core/messages/reaction.ts';
import { buildTemplateMessage } from './core/messages/template.ts';
import { buildTextMessages } from './core/messages/text.ts';
import { buildVerificationCodeMessage } from './core/messages/verification-code.ts';
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
import { current, currentConfig, graphClient, legacyGraphClient } from './instance.ts';
import { hmacSha256 } from './ports/hmac.ts';
import { callFunction, componentExists, implementsInterface, ownName } from './ports/host-api.ts';
import { adaptRequest, respond, type HttpResponse } from './ports/http-incoming.ts';
import type { Log } from './ports/log.ts';
import { hostScheduler } from './ports/scheduler.ts';
import { openStateDir, StateDirError } from './ports/state-dir.ts';
import { ensureReplaySchedule } from './setup/replay-schedule.ts';
import { validateSetup } from './setup/validate.ts';

/** Logs that `what` failed, and gives the failure to return: any thrown value, with no configured secret in it. */
function reportFailure(what: string, e: unknown): SendFailure {
  let failure = toFailure(e);
  try {
    failure = current().redact.failure(failure);
  } catch {
    // The environment cannot even be read, so no secret from it can be in the failure.
  }
  logError(`${what} failed: ${failure.kind} (code ${failure.code}): ${failure.message}`);
  return failure;
}

/** Runs a send export: a failure becomes the WIT send-error, never a trap. */
async function sending<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (e) {
    const error: WitSendError = reportFailure(what, e);
    throw error;
  }
}

export const types = {};

type Opt = string | undefined;
type Options = SendOptions | undefined;

export const whatsapp = {
  getSelf: (): Promise<User> => sending('get-self', () => graphClient().getSelf()),
  sendText: (to: string, body: string, linkPreview: boolean, options: Options): Promise<string[]> =>
    sending('send-text', () => graphClient().sendTexts(buildTextMessages(to, body, linkPreview, options))),
  sendImage: (to: string, source: string, caption: Opt, options: Options): Promise<string> =>
    sending('send-image', () => graphClient().sendMedia(buildMediaMessage(to, 'image', source, { caption }, options))),
  sendVideo: (to: string, source: string, caption: Opt, options: Options): Promise<string> =>
    sending('send-video', () => graphClient().sendMedia(buildMediaMessage(to, 'video', source, { caption }, options))),
  sendDocument: (to: string, source: string, caption: Opt, filename: Opt, options: Options): Promise<string> =>
    sending('send-document', () => graphClient().sendMedia(buildMediaMessage(to, 'document', source, { caption, filename }, options))),
  sendAudio: (to: string, source: string, voice: boolean, options: Options): Promise<string> =>
    sending('send-audio', () => graphClient().sendAudio(buildAudioMessage(to, source, voice, options))),
  sendSticker: (to: string, source: string, options: Options): Promise<string> =>
    sending('send-sticker', () => graphClient().sendMedia(buildMediaMessage(to, 'sticker', source, {}, options))),
  sendLocation: (to: string, place: Place, options: Options): Promise<string> =>
    sending('send-location', () => graphClient().send(buildLocationMessage(to, place, options))),
  sendReaction: (to: string, messageId: string, emoji: string, options: Options): Promise<string> =>
    sending('send-reaction', () => graphClient().send(buildReactionMessage(to, messageId, emoji, options))),
  sendContacts: (to: string, contacts: Contact[], options: Options): Promise<string> =>
    sending('send-contacts', () => graphClient().send(buildContactsMessage(to, contacts, options))),
  sendButtons: (to: string, content: InteractiveText, buttons: Button[], options: Options): Promise<string> =>
    sending('send-buttons', () => graphClient().send(buildButtonsMessage(to, content, buttons, options))),
  sendList: (to: string, content: InteractiveText, buttonLabel: string, sections: ListSection[], options: Options): Promise<string> =>
    sending('send-list', () => graphClient().send(buildListMessage(to, content, buttonLabel, sections, options))),
  sendCtaUrl: (to: string, content: InteractiveText, button: UrlButton, options: Options): Promise<string> =>
    sending('send-cta-url', () => graphClient().send(buildCtaUrlMessage(to, content, button, options))),
  sendLocationRequest: (to: string, body: string, options: Options): Promise<string> =>
    sending('send-location-request', () => graphClient().send(buildLocationRequestMessage(to, body, options))),
  sendContactInfoRequest: (to: string, body: string, options: Options): Promise<string> =>
    sending('send-contact-info-request', () => graphClient().send(buildContactInfoRequestMessage(to, body, options))),
  sendFlow: (to: string, content: InteractiveText, flow: Flow, options: Options): Promise<string> =>
    sending('send-flow', () => graphClient().send(buildFlowMessage(to, content, flow, options))),
  sendProduct: (to: string, catalogId: string, productId: string, body: Opt, footer: Opt, options: Options): Promise<string> =>
    sending('send-product', () => graphClient().send(buildProductMessage(to, catalogId, productId, body, footer, options))),
  sendProductList: (to: string, catalogId: string, header: string, body: string, footer: Opt, sections: ProductSection[], options: Options): Promise<string> =>
    sending('send-product-list', () => graphClient().send(buildProductListMessage(to, catalogId, header, body, footer, sections, options))),
  sendCatalog: (to: string, body: string, footer: Opt, thumbnailProductId: Opt, options: Options): Promise<string> =>
    sending('send-catalog', () => graphClient().send(buildCatalogMessage(to, body, footer, thumbnailProductId, options))),
  sendTemplate: (to: string, name: string, language: string, params: TemplateParams | undefined, options: Options): Promise<string> =>
    sending('send-template', () => graphClient().send(buildTemplateMessage(to, name, language, params, options))),
  sendVerificationCode: (to: string, name: string, language: string, code: string, options: Options): Promise<string> =>
    sending('send-verification-code', () => graphClient().send(buildVerificationCodeMessage(to, name, language, code, options))),
  markRead: (messageId: string, typing: boolean): Promise<void> => sending('mark-read', () => graphClient().markRead(messageId, typing)),
  downloadMedia: (mediaId: string): Promise<MediaFile> => sending('download-media', () => graphClient().downloadMedia(mediaId)),
  uploadMedia: (data: Uint8Array, mimeType: string, filename: Opt): Promise<string> =>
    sending('upload-media', () => graphClient().uploadMedia(data, mimeType, filename)),
};

/** Drop-in for the reference asterai:whatsapp@0.1.0 `api`: strings instead of typed errors. */
export const api = {
  async getSelf(): Promise<User> {
    try {
      return await legacyGraphClient().getSelf();
    } catch (e) {
      reportFailure('get-self', e);
      const phone = configuredPhoneNumberId();
      return { name: '', phone, userId: undefined, username: undefined, parentUserId: undefined, address: phone };
    }
  },
  async sendMessage(content: string, to: string): Promise<string> {
    try {
      const [first] = await legacyGraphClient().sendTexts(buildTextMessages(to, content, false));
      return first ?? 'error: nothing was sent';
    } catch (e) {
      return `error: ${reportFailure('send-message', e).message}`;
    }
  },
};

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

/** Through the redacting log, or straight to stderr when even the environment cannot be read. */
function logError(text: string): void {
  try {
    current().log.error(text);
  } catch {
    console.error(`error: ${text}`);
  }
}

function configuredPhoneNumberId(): string {
  try {
    return currentConfig().phoneNumberId ?? '';
  } catch {
    return '';
  }
}
