// The Graph side's routing table. Paths take an optional version prefix (`/v25.0/...`), as
// graph.facebook.com does; the token is checked before anything else, as Graph does.
import type { EmulatorRequest, Reply } from '../exchange.ts';
import { bodyText } from '../exchange.ts';
import { checkAccessToken } from './auth.ts';
import { unknownObject } from './errors.ts';
import { MEDIA_DOWNLOAD_PATH, deleteMedia, downloadMedia, getMedia, uploadMedia, type MediaStore } from './media.ts';
import { postMessage, type MessagesContext } from './messages.ts';
import { getPhoneNumber, type PhoneNumberAccount } from './phone-number.ts';

export interface GraphContext {
  accessToken: string;
  account(): PhoneNumberAccount;
  media: MediaStore;
  mediaUrlTtlMs(): number;
  messages: MessagesContext;
}

const VERSION = /^v\d+\.\d+$/;

export function routeGraph(request: EmulatorRequest, context: GraphContext): Reply {
  const unauthorized = checkAccessToken(request, context.accessToken);
  if (unauthorized) return unauthorized;
  const { method } = request;

  if (request.pathname === MEDIA_DOWNLOAD_PATH && method === 'GET') return downloadMedia(request, context.media);

  const segments = request.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] !== undefined && VERSION.test(segments[0])) segments.shift();
  const [id = '', edge, ...rest] = segments;
  if (rest.length > 0 || id === '') return unknownObject(method, id);
  const account = context.account();
  const isPhoneNumber = id === account.phoneNumberId;

  if (edge === undefined) {
    if (method === 'GET' && isPhoneNumber) return getPhoneNumber(account, request.query.get('fields'));
    if (method === 'GET') return getMedia(request, context.media, id, context.mediaUrlTtlMs());
    if (method === 'DELETE') return deleteMedia(request, context.media, id);
    return unknownObject(method, id);
  }
  if (isPhoneNumber && method === 'POST' && edge === 'messages') return postMessage(bodyText(request), context.messages);
  if (isPhoneNumber && method === 'POST' && edge === 'media') return uploadMedia(request, context.media);
  return unknownObject(method, id);
}
