// One entry of a `smb_message_echoes` change's `message_echoes[]` (Meta's
// "smb_message_echoes webhook reference"): a message someone at the business sent
// from the WhatsApp Business app or a linked device, to `to` (a user, or a group by
// `group_id`), with the same `type` and content object as a user's message (plus
// `edit` and `revoke`); its content by kind is content.ts's.
import { nonBlank } from '../json.ts';
import { itemBody } from './content.ts';
import type { MessageEcho } from './events.ts';
import { itemOf, itemTimestamp, type ChangeContext } from './item.ts';
import { groupAsUser, identifiersAt, userOf } from './users.ts';

/** The echo at `message_echoes[index]` of the change, or undefined (with a note) when it cannot be delivered. */
export function parseEcho(value: unknown, index: number, change: ChangeContext): MessageEcho | undefined {
  const item = itemOf(value, change, 'message_echoes', index, 'type');
  if (item === undefined) return undefined;
  const { object: echo, id } = item;
  const timestamp = itemTimestamp(item);
  const body = itemBody(item);
  const groupId = nonBlank(echo.group_id);
  return {
    content: body.content,
    to: groupId === undefined ? userOf(identifiersAt(echo, 'to'), change.contacts) : groupAsUser(groupId),
    id,
    kind: body.kind,
    timestamp,
    media: body.media,
    location: body.location,
    originalId: body.originalId,
    business: change.business,
  };
}
