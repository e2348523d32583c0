// Sends through Meta's Graph API, one method per export of the `whatsapp`
// interface. The request bodies and their rules live in core/messages (one file
// per kind); the request, retries and failures in graph-request.ts; media
// transfers in media-transfer.ts. Every failure leaves as a SendError.
import type { User } from 'asterai:whatsapp/types@0.3.0';
import type { Button, ListSection, MediaFile, MediaKind, TemplateParam } from 'asterai:whatsapp/whatsapp@0.3.0';
import type { Config } from '../core/config.ts';
import { SendError } from '../core/failure.ts';
import { buildButtonsMessage } from '../core/messages/interactive-buttons.ts';
import { buildListMessage } from '../core/messages/interactive-list.ts';
import { buildLocationMessage, type LocationOptions } from '../core/messages/location.ts';
import { buildMediaMessage, type MediaOptions } from '../core/messages/media.ts';
import { buildReactionMessage } from '../core/messages/reaction.ts';
import { buildReadReceipt } from '../core/messages/read-receipt.ts';
import { buildTemplateMessage } from '../core/messages/template.ts';
import { buildTextMessages } from '../core/messages/text.ts';
import { GraphApi, stringField, unexpectedReply, type Call, type ClientRuntime, type Transport } from './graph-request.ts';

import { downloadMedia, uploadMedia } from './media-transfer.ts';

export type { ClientRuntime, RetryNotice, Transport } from './graph-request.ts';

export class GraphClient {
  #self: User | undefined;
  readonly #api: GraphApi;

  constructor(config: Config, transport?: Transport, runtime: Partial<ClientRuntime> = {}) {
    this.#api = new GraphApi(config, transport, runtime);
  }

  /** Returns the wamids, one per part: a body over Meta's 4096-character limit goes out as several messages. */
  async sendText(to: string, body: string, replyTo?: string): Promise<string[]> {
    return this.sendTextIn(this.#api.begin(), to, body, replyTo);
  }

  /** The media's wamid. A caption over 1024 characters follows the media as a text message. */
  async sendMedia(to: string, kind: MediaKind, source: string, options: MediaOptions = {}): Promise<string> {
    const plan = buildMediaMessage(to, kind, source, options);
    const call = this.#api.begin();
    const id = await this.#api.postMessage(call, plan.message);
    if (plan.captionAsText === undefined) return id;
    try {
      await this.sendTextIn(call, plan.message.to, plan.captionAsText, undefined);
    } catch (e) {
      if (e instanceof SendError) {
        throw e.withContext(`the ${kind} was sent (${id}) but its caption, sent as a text message because it is over 1024 characters, failed`);
      }
      throw e;
    }
    return id;
  }

  async sendLocation(to: string, latitude: number, longitude: number, options: LocationOptions = {}): Promise<string> {
    return this.#api.postMessage(this.#api.begin(), buildLocationMessage(to, latitude, longitude, options));
  }

  async sendReaction(to: string, messageId: string, emoji: string): Promise<string> {
    return this.#api.postMessage(this.#api.begin(), buildReactionMessage(to, messageId, emoji));
  }

  async sendButtons(to: string, body: string, buttons: readonly Button[], replyTo?: string): Promise<string> {
    return this.#api.postMessage(this.#api.begin(), buildButtonsMessage(to, body, buttons, replyTo));
  }

  async sendList(to: string, body: string, buttonLabel: string, sections: readonly ListSection[], replyTo?: string): Promise<string> {
    return this.#api.postMessage(this.#api.begin(), buildListMessage(to, body, buttonLabel, sections, replyTo));
  }

  async sendTemplate(to: string, name: string, language: string, bodyParams: readonly TemplateParam[], headerParams: readonly TemplateParam[]): Promise<string> {
    return this.#api.postMessage(this.#api.begin(), buildTemplateMessage(to, name, language, bodyParams, headerParams));
  }

  /** Marks the message (and the earlier ones) read; with `typing`, shows the typing indicator too. */
  async markRead(messageId: string, typing: boolean): Promise<void> {
    const receipt = buildReadReceipt(messageId, typing);
    const reply = await this.#api.json(this.#api.begin(), 'POST', `${this.#api.phoneNumberPath()}/messages`, { json: receipt });
    if (reply.success !== true) throw new SendError(unexpectedReply('Graph did not answer the read receipt with success: true', 200));
  }

  /** Returns the media id. */
  uploadMedia(data: Uint8Array, mimeType: string, filename?: string): Promise<string> {
    return uploadMedia(this.#api, data, mimeType, filename);
  }

  /** Looks the media up, downloads it from the URL Graph gives (a fresh URL once if that one expired), checks its SHA-256. */
  downloadMedia(mediaId: string): Promise<MediaFile> {
    return downloadMedia(this.#api, mediaId);
  }

  /** The business number: its verified name, and the digits of its display number. */
  async getSelf(): Promise<User> {
    if (this.#self) return this.#self;
    const reply = await this.#api.json(this.#api.begin(), 'GET', `${this.#api.phoneNumberPath()}?fields=verified_name,display_phone_number`);
    const name = stringField(reply, 'verified_name');
    const display = stringField(reply, 'display_phone_number');
    this.#self = { name, phone: display.replace(/\D/g, ''), userId: undefined, username: undefined };
    return this.#self;
  }

  private async sendTextIn(call: Call, to: string, body: string, replyTo: string | undefined): Promise<string[]> {
    const messages = buildTextMessages(to, body, replyTo);
    const ids: string[] = [];
    for (const [index, message] of messages.entries()) {
      try {
        ids.push(await this.#api.postMessage(call, message));
      } catch (e) {
        if (e instanceof SendError && ids.length > 0) {
          throw e.withContext(`part ${index + 1} of ${messages.length} failed after ${ids.length} sent (${ids.join(', ')})`);
        }
        throw e;
      }
    }
    return ids;
  }
}
