// One entry of a change's `statuses[]` (Meta's "Status messages webhook
// reference"): a delivery receipt for a message we sent.
import { asList, asObject, asString, nonBlank, unixSeconds } from '../json.ts';
import type { MessageStatus } from './events.ts';
import { describeErrors, errorInfo } from './graph-errors.ts';
import { itemOf, type ChangeContext } from './item.ts';

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
  let timestamp = unixSeconds(status.timestamp);
  if (timestamp === undefined) {
    notes.warn(`timestamp ${JSON.stringify(status.timestamp)} is not unix seconds; using 0`);
    timestamp = 0;
  }
  const errors = asList(status.errors).map(errorInfo);
  if (kind === 'failed') notes.warn(`message failed: ${errors.length > 0 ? describeErrors(errors) : 'no error given'}`);
  return {
    id,
    recipient: nonBlank(status.recipient_id) ?? nonBlank(status.recipient_user_id) ?? '',
    status: kind,
    timestamp,
    errors,
    conversationId: nonBlank(asObject(status.conversation)?.id),
    pricingCategory: nonBlank(asObject(status.pricing)?.category),
    callbackData: asString(status.biz_opaque_callback_data),
    business: change.business,
  };
}
