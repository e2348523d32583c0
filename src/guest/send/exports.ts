// The send exports: `whatsapp` (typed results, retries within the budget) and the 0.1.0 `api`
// (strings, one request, no retry). Each builds its message with a pure builder of core/messages
// and sends it with the instance's Graph client; a failure is logged, redacted and returned as the
// WIT send-error (or the "error: " string of `api`), never thrown out of the export as a trap.
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
import { buildAudioMessage } from '../core/messages/audio.ts';
import { buildCatalogMessage } from '../core/messages/catalog.ts';
import { buildContactInfoRequestMessage } from '../core/messages/contact-info-request.ts';
import { buildContactsMessage } from '../core/messages/contacts.ts';
import { buildCtaUrlMessage } from '../core/messages/cta-url.ts';
import { buildFlowMessage } from '../core/messages/flow.ts';
import { buildButtonsMessage } from '../core/messages/interactive-buttons.ts';
import { buildListMessage } from '../core/messages/interactive-list.ts';
import { buildLocationRequestMessage } from '../core/messages/location-request.ts';
import { buildLocationMessage } from '../core/messages/location.ts';
import { buildMediaMessage } from '../core/messages/media.ts';
import { buildProductListMessage } from '../core/messages/product-list.ts';
import { buildProductMessage } from '../core/messages/product.ts';
import { buildReactionMessage } from '../core/messages/reaction.ts';
import { buildTemplateMessage } from '../core/messages/template.ts';
import { buildTextMessages } from '../core/messages/text.ts';
import { buildVerificationCodeMessage } from '../core/messages/verification-code.ts';
import { currentConfig, graphClient, legacyGraphClient, reportFailure } from '../instance.ts';

/** Runs a send export: a failure becomes the WIT send-error, never a trap. */
async function sending<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (e) {
    const error: WitSendError = reportFailure(what, e);
    throw error;
  }
}

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

function configuredPhoneNumberId(): string {
  try {
    return currentConfig().phoneNumberId ?? '';
  } catch {
    return '';
  }
}
