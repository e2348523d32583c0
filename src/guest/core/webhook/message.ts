// One entry of a change's `messages[]` (Meta's "messages webhook reference"): who
// sent it (matched with the change's `contacts[]`), when, what it quotes, and its
// content by kind (content.ts).
import { asList, asObject, asString, nonBlank, unixSeconds, type JsonObject } from '../json.ts';
import { messageBody, unsupportedBody, type Body } from './content.ts';
import type { InboundMessage, Sender } from './events.ts';
import { describeErrors, errorInfo } from './graph-errors.ts';
import { itemOf, type ChangeContext } from './item.ts';

/** The message at `messages[index]` of the change, or undefined (with a note) when it cannot be delivered. */
export function parseMessage(value: unknown, index: number, change: ChangeContext): InboundMessage | undefined {
  const item = itemOf(value, change, 'messages', index, 'type');
  if (item === undefined) return undefined;
  const { object: message, id, notes } = item;

  let timestamp = unixSeconds(message.timestamp);
  if (timestamp === undefined) {
    notes.warn(`timestamp ${JSON.stringify(message.timestamp)} is not unix seconds; using 0`);
    timestamp = 0;
  }

  const context = asObject(message.context);
  const type = nonBlank(message.type) ?? 'unknown';
  const errors = asList(message.errors);
  let body: Body;
  if (errors.length > 0) {
    notes.warn(`message of type ${JSON.stringify(type)} came with errors: ${describeErrors(errors.map(errorInfo))}; delivered as unsupported`);
    body = unsupportedBody(message, type);
  } else {
    body = messageBody(message, type, notes);
  }

  return {
    content: body.content,
    sender: senderOf(message, change.contacts),
    id,
    kind: body.kind,
    timestamp,
    replyTo: body.replyTo ?? nonBlank(context?.id),
    replyId: body.replyId,
    forwarded: context?.forwarded === true || context?.frequently_forwarded === true,
    media: body.media,
    location: body.location,
    business: change.business,
  };
}

/**
 * `from` (digits; "" for a user who shows only a username) and `from_user_id`, with
 * the name and username of the contact whose `wa_id` or `user_id` matches: never
 * another user's name.
 */
function senderOf(message: JsonObject, contacts: readonly unknown[]): Sender {
  const phone = asString(message.from) ?? '';
  const fromUserId = nonBlank(message.from_user_id);
  let contact: JsonObject | undefined;
  for (const value of contacts) {
    const candidate = asObject(value);
    if (candidate && ((phone !== '' && candidate.wa_id === phone) || (fromUserId !== undefined && candidate.user_id === fromUserId))) {
      contact = candidate;
      break;
    }
  }
  const profile = asObject(contact?.profile);
  return {
    name: asString(profile?.name) ?? '',
    phone,
    userId: fromUserId ?? nonBlank(contact?.user_id),
    username: nonBlank(profile?.username),
  };
}
