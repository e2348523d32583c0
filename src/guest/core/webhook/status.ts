// One entry of a change's `statuses[]` (Meta's "Status messages webhook
// reference"): a delivery receipt for a message we sent, and who it went to
// (users.ts; Meta's "Business-scoped user IDs": `recipient_id` is the phone number
// or, with `recipient_type` "group", the group id, `recipient_user_id` and
// `parent_recipient_user_id` the user ids, and `contacts[]` names the user).
import { asList, asObject, asString, nonBlank } from '../json.ts';
import type { MessageStatus } from './events.ts';
import { describeErrors, errorInfo } from './graph-errors.ts';
import { itemOf, itemTimestamp, type ChangeContext } from './item.ts';
import { groupAsUser, userOf } from './users.ts';

type StatusKind = MessageStatus['status'];

/** The WIT enum `status-kind`, as a record over the generated type so that a case added to the WIT is a compile error. */
const STATUS_KINDS: Readonly<Record<StatusKind, true>> = { sent: true, delivered: true, read: true, played: true, failed: true };

function isStatusKind(value: unknown): value is StatusKind {
  return typeof value === 'string' && Object.hasOwn(STATUS_KINDS, value);
}

/** The status at `statuses[index]` of the change, or undefined (with a note) when it cannot be delivered. */
export function parseStatus(value: unknown, index: number, change: ChangeContext): MessageStatus | undefined {
  const item = itemOf(value, change, 'statuses', index, 'status');
  if (item === undefined) return undefined;
  const { object: status, id, notes } = item;
  const kind = status.status;
  if (!isStatusKind(kind)) {
    notes.warn(`unknown status ${JSON.stringify(kind)}; skipped`);
    return undefined;
  }
  const timestamp = itemTimestamp(item);
  const recipientId = nonBlank(status.recipient_id);
  const groupId = status.recipient_type === 'group' ? recipientId : undefined;
  const to =
    groupId === undefined
      ? userOf({ phone: recipientId, userId: nonBlank(status.recipient_user_id), parentUserId: nonBlank(status.parent_recipient_user_id) }, change.contacts)
      : groupAsUser(groupId);
  const errors = asList(status.errors).map(errorInfo);
  if (kind === 'failed') notes.warn(`message failed: ${errors.length > 0 ? describeErrors(errors) : 'no error given'}`);
  return {
    id,
    recipient: recipientId ?? nonBlank(status.recipient_user_id) ?? '',
    status: kind,
    timestamp,
    errors,
    conversationId: nonBlank(asObject(status.conversation)?.id),
    pricingCategory: nonBlank(asObject(status.pricing)?.category),
    callbackData: asString(status.biz_opaque_callback_data),
    business: change.business,
    to,
    groupId,
  };
}
