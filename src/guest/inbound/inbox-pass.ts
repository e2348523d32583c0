// Delivery with the inbox (WHATSAPP_STATE_DIR): every delivery was journaled before its 200,
// and a pass takes the deliveries of the inbox oldest first: the one this instance just
// journaled, those whose retry is due, and those whose instance is gone (at start, every one
// that was held before the environment started; otherwise one whose holder showed no sign of
// life for 15 minutes). Each is then delivered in journal order (inbound/journal-delivery.ts).
// So an event journaled before a crash reaches each handler at least once, and once unless the
// crash fell between a handler's return and its mark; replays keep each conversation's order,
// since they go through the journals oldest first and through each in order. A retry does not
// hold back the events after it.
import type { InboxStore } from '../ports/inbox-store.ts';
import type { ClaimStore } from '../ports/claim-store.ts';
import type { Log } from '../ports/log.ts';
import { describeError } from '../core/failure.ts';
import type { RetryPolicy } from '../core/inbox/handler-retry.ts';
import type { Journal } from '../core/inbox/journal.ts';
import { isComplete, readProgress } from '../core/inbox/progress.ts';
import { emptyReport, type CallFunction, type DispatchReport } from './dispatch.ts';
import { deliverJournal, JOURNAL_LIFETIME_MS } from './journal-delivery.ts';

/** A holder that has neither called nor marked for this long is taken to be gone (a handler call longer than this may be made twice). */
export const HOLDER_GONE_AFTER_MS = 15 * 60 * 1000;
const RETRY_AFTER_STORAGE_FAILURE_MS = 60_000;

export interface InboxPorts {
  inbox: InboxStore;
  claims: ClaimStore;
  call: CallFunction;
  log: Log;
  policy: RetryPolicy;
  /** This instance's lease token. */
  holder: string;
  now(): number;
}

export interface PassOptions {
  /** A holder last seen before this time is gone (default: 15 minutes ago). At start: when the environment started. */
  goneBefore?: number;
  /** Start no call after this time; what is left waits for the next pass. */
  deadline?: number;
  /** Only these deliveries (a re-dispatch). */
  only?: ReadonlySet<string>;
  /** The delivery this instance journaled just now (not read back): its summary is the delivery's, without the replay prefix. */
  own?: { id: string; journal: Journal };
}

/** One pass over the inbox. */
export async function dispatchInbox(ports: InboxPorts, options: PassOptions = {}): Promise<DispatchReport> {
  const { inbox, holder, log } = ports;
  const report = emptyReport();
  const goneBefore = options.goneBefore ?? ports.now() - HOLDER_GONE_AFTER_MS;
  for (const entry of inbox.entries()) {
    if (options.only && !options.only.has(entry.id)) continue;
    const now = ports.now();
    if (options.deadline !== undefined && now > options.deadline) break;
    const expired = receivedAt(entry.id) < now - JOURNAL_LIFETIME_MS;
    if (entry.lease !== holder) {
      if (entry.lease !== undefined) {
        if (inbox.heartbeatMs(entry.id) >= goneBefore || !inbox.takeOver(entry.id, holder, entry.lease)) continue;
      } else if ((entry.dueAt !== undefined && entry.dueAt > now && !expired) || !inbox.take(entry.id, holder)) {
        continue;
      }
    }
    const own = entry.id === options.own?.id;
    const loaded = own && options.own ? { journal: { journal: options.own.journal }, marks: '' } : entry.journal ? inbox.load(entry.id) : undefined;
    const parsed = loaded?.journal;
    if (!loaded || !parsed || 'incomplete' in parsed) {
      // Written by an instance that died before it synced the journal, so before its 200: Meta delivers it again.
      if (parsed && 'incomplete' in parsed) log.warn(`discarded journal ${entry.id} of a delivery that was never acknowledged (${parsed.incomplete}); Meta delivers it again`);
      inbox.remove(entry.id);
      continue;
    }
    const { journal } = parsed;
    const progress = readProgress(journal, loaded.marks);
    const received = new Date(journal.receivedAt).toISOString();
    const prefix = own ? '' : journal.deadLetter ? `dead letter of the delivery received ${received}, dispatched again: ` : `replay of the delivery received ${received}: `;
    let left: number | 'lease lost';
    try {
      left = await deliverJournal(ports, entry.id, journal, progress, { prefix, expired, deadline: options.deadline, own }, report);
    } catch (e) {
      // The state dir failed under it (a full disk): what was not marked is dispatched again later.
      log.error(`inbox: dispatching journal ${entry.id} stopped: ${describeError(e)}; what is left is replayed later`);
      left = ports.now() + RETRY_AFTER_STORAGE_FAILURE_MS;
    }
    if (left === 'lease lost') {
      log.warn(`stopped dispatching journal ${entry.id}: another instance took it over (this one was taken to be gone)`);
      continue;
    }
    if (isComplete(progress)) inbox.remove(entry.id);
    else {
      report.pending += progress.flat().filter((delivery) => delivery.state === 'open').length;
      inbox.release(entry.id, Number.isFinite(left) ? left : ports.now());
    }
  }
  return report;
}

/** The Unix ms a journal id begins with. */
function receivedAt(id: string): number {
  return Number(id.slice(0, 13));
}
