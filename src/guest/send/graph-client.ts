// Sends through Meta's Graph API. The request bodies and their rules live in
// core/messages (one file per kind; main.ts builds each export's message and
// hands it here); the request, retries and failures in graph-request.ts; media
// transfers in media-transfer.ts. Every failure leaves as a SendError.
import type { User } from 'asterai:whatsapp/types@0.3.0';
import type { MediaFile } from 'asterai:whatsapp/whatsapp@0.3.0';
import type { Config } from '../core/config.ts';
import { SendError } from '../core/failure.ts';
import { recipientOf } from '../core/recipient.ts';
import { requireVoiceType, type AudioMessagePlan } from '../core/messages/audio.ts';
import type { OutgoingMessage } from '../core/messages/envelope.ts';
import type { MediaMessagePlan } from '../core/messages/media.ts';
import { buildReadReceipt } from '../core/messages/read-receipt.ts';
import { buildTextMessages, type TextMessage } from '../core/messages/text.ts';
import { GraphApi, stringField, unexpectedReply, type Call, type ClientRuntime, type Transport } from './graph-request.ts';

import { downloadMedia, mediaType, uploadMedia } from './media-transfer.ts';

export type { ClientRuntime, RetryNotice, Transport } from './graph-request.ts';

export class GraphClient {
  #self: User | undefined;
  readonly #api: GraphApi;

  constructor(config: Config, transport?: Transport, runtime: Partial<ClientRuntime> = {}) {
    this.#api = new GraphApi(config, transport, runtime);
  }

  /** One message, one request: its wamid. */
  async send(message: OutgoingMessage<string, unknown>): Promise<string> {
    return this.#api.postMessage(this.#api.begin(), message);
  }

  /** The parts of a text (core/messages/text.ts), in order: one wamid per part. */
  async sendTexts(messages: readonly TextMessage[]): Promise<string[]> {
    return this.sendTextsIn(this.#api.begin(), messages);
  }

  /** The media's wamid. A caption over 1024 characters follows the media as a text message. */
  async sendMedia(plan: MediaMessagePlan): Promise<string> {
    const call = this.#api.begin();
    const id = await this.#api.postMessage(call, plan.message);
    if (plan.captionAsText === undefined) return id;
    const { biz_opaque_callback_data: callbackData } = plan.message;
    try {
      await this.sendTextsIn(call, buildTextMessages(recipientOf(plan.message), plan.captionAsText, false, { callbackData }));
    } catch (e) {
      if (e instanceof SendError) {
        throw e.withContext(`the ${plan.message.type} was sent (${id}) but its caption, sent as a text message because it is over 1024 characters, failed`);
      }
      throw e;
    }
    return id;
  }

  /** An audio message's wamid; a voice note by media id is sent only once Graph says the media is audio/ogg. */
  async sendAudio(plan: AudioMessagePlan): Promise<string> {
    const call = this.#api.begin();
    if (plan.voiceMediaId !== undefined) requireVoiceType(plan.voiceMediaId, await mediaType(this.#api, call, plan.voiceMediaId));
    return this.#api.postMessage(call, plan.message);
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
    const phone = display.replace(/\D/g, '');
    const self: User = { name, phone, userId: undefined, username: undefined, parentUserId: undefined, address: phone };
    this.#self = self;
    return self;
  }

  private async sendTextsIn(call: Call, messages: readonly TextMessage[]): Promise<string[]> {
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
