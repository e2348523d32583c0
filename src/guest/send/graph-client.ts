// Sends through Meta's Graph API. Every failure leaves as a SendError carrying
// a classified SendFailure; nothing here returns "error strings". The request
// bodies and their rules live in core/messages (one file per kind); this file
// only sequences the calls, retries what core/retry-policy.ts says to retry,
// and sleeps in between.
import { ConfigError, requireSetting, type Config } from '../core/config.ts';
import {
  SendError,
  configFailure,
  invalidRequest,
  networkFailure,
  redactFailure,
  timeoutFailure,
  type SendFailure,
} from '../core/errors.ts';
import { classifyGraphResponse, parseRetryAfter } from '../core/graph-error.ts';
import {
  DOWNLOAD_LIMIT_BYTES,
  checkMediaUrl,
  isExpiredUrlStatus,
  parseMediaInfo,
  sha256Matches,
  sha256Mismatch,
  tooLargeFailure,
  type MediaInfo,
} from '../core/media/download.ts';
import { checkUpload, uploadForm } from '../core/media/upload.ts';
import { buildButtonsMessage, type Button } from '../core/messages/interactive-buttons.ts';
import { buildListMessage, type ListSection } from '../core/messages/interactive-list.ts';
import { buildLocationMessage, type LocationOptions } from '../core/messages/location.ts';
import { buildMediaMessage, type MediaKind, type MediaOptions } from '../core/messages/media.ts';
import { buildReactionMessage } from '../core/messages/reaction.ts';
import { buildReadReceipt } from '../core/messages/read-receipt.ts';
import { requireMediaId } from '../core/messages/rules.ts';
import { buildTemplateMessage, type TemplateParam } from '../core/messages/template.ts';
import { buildTextMessage } from '../core/messages/text.ts';
import { normalizeRecipient } from '../core/recipient.ts';
import { decideRetry } from '../core/retry-policy.ts';
import { splitText } from '../core/text-split.ts';
import { GraphTransportError, graphFetch, type GraphReply, type GraphRequest } from '../ports/graph-http.ts';

export interface BusinessProfile {
  name: string;
  /** Digits only. */
  phone: string;
}

export interface MediaFile {
  mimeType: string;
  /** The SHA-256 Graph announced (and the bytes were checked against). */
  sha256?: string;
  data: Uint8Array;
}

export type Transport = (request: GraphRequest) => Promise<GraphReply>;

export interface RetryNotice {
  attempts: number;
  waitMs: number;
  failure: SendFailure;
}

/** Time, chance and hashing, injectable so that tests are deterministic. */
export interface ClientRuntime {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
  sha256(data: Uint8Array): Promise<Uint8Array>;
  /** A multipart boundary that will not occur in the data. */
  boundary(): string;
  /** Told before each retry, for the log. */
  onRetry?(notice: RetryNotice): void;
}

export const defaultRuntime: ClientRuntime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  // Not Math.random: its state may be frozen into the build-time snapshot,
  // giving every fresh instance the same "random" backoff.
  random: () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32,
  sha256: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)),
  boundary: () => `whatsapp-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`,
};

/** One exported call: the retry budget covers all the requests it makes. */
interface Call {
  startedAt: number;
}

type Attempt = { reply: GraphReply } | { failure: SendFailure; retryAfterMs?: number };

type Body = Pick<GraphRequest, 'json' | 'body'>;

export class GraphClient {
  #self: BusinessProfile | undefined;
  readonly #runtime: ClientRuntime;

  constructor(
    private readonly config: Config,
    private readonly transport: Transport = graphFetch,
    runtime: Partial<ClientRuntime> = {},
  ) {
    this.#runtime = { ...defaultRuntime, ...runtime };
  }

  /** Returns the wamids, one per part: a body over Meta's 4096-character limit goes out as several messages. */
  async sendText(to: string, body: string, replyTo?: string): Promise<string[]> {
    return this.sendTextIn(this.begin(), to, body, replyTo);
  }

  /** The media's wamid. A caption over 1024 characters follows the media as a text message. */
  async sendMedia(to: string, kind: MediaKind, source: string, options: MediaOptions = {}): Promise<string> {
    const plan = buildMediaMessage(to, kind, source, options);
    const call = this.begin();
    const id = await this.sendMessage(call, plan.message);
    if (plan.captionAsText === undefined) return id;
    try {
      await this.sendTextIn(call, to, plan.captionAsText, undefined);
    } catch (e) {
      if (e instanceof SendError) {
        throw e.withContext(`the ${kind} was sent (${id}) but its caption, sent as a text message because it is over 1024 characters, failed`);
      }
      throw e;
    }
    return id;
  }

  async sendLocation(to: string, latitude: number, longitude: number, options: LocationOptions = {}): Promise<string> {
    return this.sendMessage(this.begin(), buildLocationMessage(to, latitude, longitude, options));
  }

  async sendReaction(to: string, messageId: string, emoji: string): Promise<string> {
    return this.sendMessage(this.begin(), buildReactionMessage(to, messageId, emoji));
  }

  async sendButtons(to: string, body: string, buttons: readonly Button[], replyTo?: string): Promise<string> {
    return this.sendMessage(this.begin(), buildButtonsMessage(to, body, buttons, replyTo));
  }

  async sendList(to: string, body: string, buttonLabel: string, sections: readonly ListSection[], replyTo?: string): Promise<string> {
    return this.sendMessage(this.begin(), buildListMessage(to, body, buttonLabel, sections, replyTo));
  }

  async sendTemplate(to: string, name: string, language: string, bodyParams: readonly TemplateParam[], headerParams: readonly TemplateParam[]): Promise<string> {
    return this.sendMessage(this.begin(), buildTemplateMessage(to, name, language, bodyParams, headerParams));
  }

  /** Marks the message (and the earlier ones) read; with `typing`, shows the typing indicator too. */
  async markRead(messageId: string, typing: boolean): Promise<void> {
    const receipt = buildReadReceipt(messageId, typing);
    const reply = await this.graphJson(this.begin(), 'POST', `${this.phoneNumberPath()}/messages`, { json: receipt });
    if ((reply as { success?: unknown } | undefined)?.success !== true) {
      throw new SendError(unexpectedReply('Graph did not answer the read receipt with success: true', 200));
    }
  }

  /** Returns the media id. */
  async uploadMedia(data: Uint8Array, mimeType: string, filename?: string): Promise<string> {
    const upload = checkUpload(data.length, mimeType, filename);
    const body = uploadForm(upload, data, this.#runtime.boundary());
    const reply = await this.graphJson(this.begin(), 'POST', `${this.phoneNumberPath()}/media`, { body });
    return stringField(reply, 'id');
  }

  /** Looks the media up, downloads it from the URL Graph gives (a fresh URL once if that one expired), checks its SHA-256. */
  async downloadMedia(mediaId: string): Promise<MediaFile> {
    const id = requireMediaId('media id', mediaId);
    const call = this.begin();
    let info = await this.mediaInfo(call, id);
    let reply: GraphReply;
    try {
      reply = await this.fetchMedia(call, info);
    } catch (e) {
      if (!(e instanceof SendError) || !isExpiredUrlStatus(e.failure.httpStatus)) throw e;
      info = await this.mediaInfo(call, id);
      reply = await this.fetchMedia(call, info);
    }
    const data = reply.bytes ?? new Uint8Array(0);
    if (info.sha256 !== undefined) {
      const digest = await this.#runtime.sha256(data);
      if (!sha256Matches(digest, info.sha256)) throw new SendError(sha256Mismatch(info.sha256, digest));
    }
    return { mimeType: info.mimeType, ...(info.sha256 === undefined ? {} : { sha256: info.sha256 }), data };
  }

  async getSelf(): Promise<BusinessProfile> {
    if (this.#self) return this.#self;
    const path = `${this.phoneNumberPath()}?fields=verified_name,display_phone_number`;
    const reply = await this.graphJson(this.begin(), 'GET', path);
    const name = stringField(reply, 'verified_name');
    const display = stringField(reply, 'display_phone_number');
    this.#self = { name, phone: display.replace(/\D/g, '') };
    return this.#self;
  }

  private begin(): Call {
    return { startedAt: this.#runtime.now() };
  }

  private async sendTextIn(call: Call, to: string, body: string, replyTo: string | undefined): Promise<string[]> {
    const recipient = normalizeRecipient(to);
    const parts = splitText(body);
    if (parts.length === 0) throw new SendError(invalidRequest('text body is empty: WhatsApp does not deliver empty messages'));
    const ids: string[] = [];
    for (const [index, part] of parts.entries()) {
      try {
        // Only the first part quotes the message it answers; the rest follow it.
        ids.push(await this.sendMessage(call, buildTextMessage(recipient, part, index === 0 ? replyTo : undefined)));
      } catch (e) {
        if (e instanceof SendError && ids.length > 0) {
          throw e.withContext(`part ${index + 1} of ${parts.length} failed after ${ids.length} sent (${ids.join(', ')})`);
        }
        throw e;
      }
    }
    return ids;
  }

  private setting<K extends 'accessToken' | 'phoneNumberId'>(key: K): string {
    try {
      return requireSetting(this.config, key);
    } catch (e) {
      throw e instanceof ConfigError ? new SendError(configFailure(e)) : e;
    }
  }

  private phoneNumberPath(): string {
    return encodeURIComponent(this.setting('phoneNumberId'));
  }

  private async sendMessage(call: Call, message: unknown): Promise<string> {
    const reply = await this.graphJson(call, 'POST', `${this.phoneNumberPath()}/messages`, { json: message });
    const id = (reply as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id;
    if (typeof id !== 'string') throw new SendError(unexpectedReply('no messages[0].id in the answer to a send', 200));
    return id;
  }

  private async mediaInfo(call: Call, mediaId: string): Promise<MediaInfo> {
    const info = parseMediaInfo(await this.graphJson(call, 'GET', encodeURIComponent(mediaId)));
    if ('kind' in info) throw new SendError(info);
    if (info.fileSize !== undefined && info.fileSize > DOWNLOAD_LIMIT_BYTES) throw new SendError(tooLargeFailure(info.fileSize));
    const unsafe = checkMediaUrl(info.url, this.config.apiBaseUrl);
    if (unsafe) throw new SendError(unsafe);
    return info;
  }

  private async fetchMedia(call: Call, info: MediaInfo): Promise<GraphReply> {
    return this.exchange(call, { method: 'GET', url: info.url, download: { maxBytes: DOWNLOAD_LIMIT_BYTES } });
  }

  /** A Graph call answered with JSON: 2xx → the parsed body; anything else → a classified SendError. */
  private async graphJson(call: Call, method: GraphRequest['method'], path: string, body: Body = {}): Promise<unknown> {
    const url = `${this.config.apiBaseUrl}/${this.config.apiVersion}/${path}`;
    const reply = await this.exchange(call, { method, url, ...body });
    const parsed = parseJson(reply.text);
    if (parsed === undefined) throw new SendError(unexpectedReply(`Graph answered ${reply.status} with a body that is not JSON`, reply.status));
    return parsed;
  }

  /** One request, tried again as the retry policy says: a 2xx reply, or the last failure as a SendError. */
  private async exchange(call: Call, request: Omit<GraphRequest, 'accessToken' | 'timeoutMs'>): Promise<GraphReply> {
    const accessToken = this.setting('accessToken');
    for (let attempts = 1; ; attempts++) {
      const outcome = await this.attempt({ ...request, accessToken, timeoutMs: this.config.apiTimeoutMs });
      if ('reply' in outcome) return outcome.reply;
      const failure = redactFailure(outcome.failure, [accessToken]);
      const decision = decideRetry({
        attempts,
        failure,
        ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
        elapsedMs: this.#runtime.now() - call.startedAt,
        budgetMs: this.config.sendRetryBudgetMs,
        random: this.#runtime.random,
      });
      if (!decision.retry) {
        throw new SendError(decision.why === undefined ? failure : { ...failure, message: `${failure.message} (${decision.why})` });
      }
      this.#runtime.onRetry?.({ attempts, waitMs: decision.waitMs, failure });
      await this.#runtime.sleep(decision.waitMs);
    }
  }

  private async attempt(request: GraphRequest): Promise<Attempt> {
    let reply: GraphReply;
    try {
      reply = await this.transport(request);
    } catch (e) {
      if (!(e instanceof GraphTransportError)) throw e;
      const { failure } = e;
      if (failure.kind === 'timeout') return { failure: timeoutFailure(failure.timeoutMs) };
      if (failure.kind === 'too-large') return { failure: tooLargeFailure(failure.bytes) };
      return { failure: networkFailure(failure.reason) };
    }
    if (reply.status >= 200 && reply.status < 300) return { reply };
    const retryAfterMs = parseRetryAfter(reply.headers.get('retry-after'), this.#runtime.now());
    const failure = classifyGraphResponse(reply.status, parseJson(reply.text));
    return retryAfterMs === undefined ? { failure } : { failure, retryAfterMs };
  }
}

function stringField(reply: unknown, field: string): string {
  const value = (reply as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string') throw new SendError(unexpectedReply(`no "${field}" in Graph's answer`, 200));
  return value;
}

/** A 2xx whose body is not what Graph documents: not retryable, since the call may have succeeded. */
function unexpectedReply(message: string, httpStatus: number): SendFailure {
  return { kind: 'unknown', code: 0, message, retryable: false, httpStatus, traceId: undefined };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
