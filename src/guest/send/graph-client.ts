// Sends through Meta's Graph API. Every failure leaves as a SendError carrying
// a classified SendFailure; nothing here returns "error strings".
import { ConfigError, requireSetting, type Config } from '../core/config.ts';
import { SendError, configFailure, invalidRequest, networkFailure, timeoutFailure, type SendFailure } from '../core/errors.ts';
import { classifyGraphResponse } from '../core/graph-error.ts';
import { buildTextMessage } from '../core/messages/text.ts';
import { normalizeRecipient } from '../core/recipient.ts';
import { splitText } from '../core/text-split.ts';
import { GraphTransportError, graphFetch, type GraphReply, type GraphRequest } from '../ports/graph-http.ts';

export interface BusinessProfile {
  name: string;
  /** Digits only. */
  phone: string;
}

export type Transport = (request: GraphRequest) => Promise<GraphReply>;

export class GraphClient {
  #self: BusinessProfile | undefined;

  constructor(
    private readonly config: Config,
    private readonly transport: Transport = graphFetch,
  ) {}

  /** Returns the wamids, one per part: a body over Meta's 4096-character limit goes out as several messages. */
  async sendText(to: string, body: string, replyTo?: string): Promise<string[]> {
    const recipient = normalizeRecipient(to);
    const parts = splitText(body);
    if (parts.length === 0) throw new SendError(invalidRequest('text body is empty: WhatsApp does not deliver empty messages'));
    const ids: string[] = [];
    for (const [index, part] of parts.entries()) {
      try {
        // Only the first part quotes the message it answers; the rest follow it.
        ids.push(await this.sendMessage(buildTextMessage(recipient, part, index === 0 ? replyTo : undefined)));
      } catch (e) {
        if (e instanceof SendError && ids.length > 0) {
          throw e.withContext(`part ${index + 1} of ${parts.length} failed after ${ids.length} sent (${ids.join(', ')})`);
        }
        throw e;
      }
    }
    return ids;
  }

  async getSelf(): Promise<BusinessProfile> {
    if (this.#self) return this.#self;
    const phoneNumberId = this.setting('phoneNumberId');
    const reply = await this.request('GET', `${encodeURIComponent(phoneNumberId)}?fields=verified_name,display_phone_number`);
    const name = stringField(reply, 'verified_name');
    const display = stringField(reply, 'display_phone_number');
    this.#self = { name, phone: display.replace(/\D/g, '') };
    return this.#self;
  }

  private setting<K extends 'accessToken' | 'phoneNumberId'>(key: K): string {
    try {
      return requireSetting(this.config, key);
    } catch (e) {
      throw e instanceof ConfigError ? new SendError(configFailure(e)) : e;
    }
  }

  private async sendMessage(message: unknown): Promise<string> {
    const phoneNumberId = this.setting('phoneNumberId');
    const reply = await this.request('POST', `${encodeURIComponent(phoneNumberId)}/messages`, message);
    const id = (reply as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id;
    if (typeof id !== 'string') throw new SendError(unexpectedReply('no messages[0].id in the answer to a send', 200));
    return id;
  }

  /** One Graph call: 2xx → parsed JSON; anything else → a classified SendError. */
  private async request(method: GraphRequest['method'], path: string, json?: unknown): Promise<unknown> {
    const accessToken = this.setting('accessToken');
    const url = `${this.config.apiBaseUrl}/${this.config.apiVersion}/${path}`;
    let reply: GraphReply;
    try {
      reply = await this.transport({ method, url, accessToken, json, timeoutMs: this.config.apiTimeoutMs });
    } catch (e) {
      if (e instanceof GraphTransportError) {
        throw new SendError(e.failure.kind === 'timeout' ? timeoutFailure(e.failure.timeoutMs) : networkFailure(e.failure.reason));
      }
      throw e;
    }
    const parsed = parseJson(reply.text);
    if (reply.status < 200 || reply.status >= 300) throw new SendError(classifyGraphResponse(reply.status, parsed));
    if (parsed === undefined) throw new SendError(unexpectedReply(`Graph answered ${reply.status} with a body that is not JSON`, reply.status));
    return parsed;
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
