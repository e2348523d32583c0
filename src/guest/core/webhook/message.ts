// One entry of a change's `messages[]` (Meta's "messages webhook reference"): who
// sent it (users.ts, matched with the change's `contacts[]`), when, in which group,
// what it quotes, the ad it came from, and its content by kind (content.ts).
import { asObject, nonBlank } from '../json.ts';
import { itemBody } from './content.ts';
import type { InboundMessage } from './events.ts';
import { itemOf, itemTimestamp, type ChangeContext } from './item.ts';
import { referralOf } from './referral.ts';
import { identifiersAt, userOf } from './users.ts';

/** The message at `messages[index]` of the change, or undefined (with a note) when it cannot be delivered. */
export function parseMessage(value: unknown, index: number, change: ChangeContext): InboundMessage | undefined {
  const item = itemOf(value, change, 'messages', index, 'type');
  if (item === undefined) return undefined;
  const { object: message, id } = item;
  const timestamp = itemTimestamp(item);
  const context = asObject(message.context);
  const body = itemBody(item);
  const sender = userOf(identifiersAt(message, 'from'), change.contacts);
  const groupId = nonBlank(message.group_id);

  return {
    content: body.content,
    sender,
    id,
    kind: body.kind,
    timestamp,
    replyTo: body.replyTo ?? nonBlank(context?.id),
    replyId: body.replyId,
    forwarded: context?.forwarded === true || context?.frequently_forwarded === true,
    media: body.media,
    location: body.location,
    business: change.business,
    groupId,
    chat: groupId ?? sender.address,
    referral: referralOf(message.referral),
    contacts: body.contacts ?? [],
    flowReply: body.flowReply,
    order: body.order,
    originalId: body.originalId,
    changedTo: body.changedTo,
  };
}
