// One journal's delivery: for each event, in journal order, the event is claimed before its
// first call (another delivery's claim makes it a redelivery, skipped), each open (event,
// handler) delivery is attempted if it is due, and its outcome marked as soon as the handler
// returns or fails: done, a failure (retried later, core/inbox/handler-retry.ts), or a dead
// letter.
//
// Marks are written before the next call, except after calls quicker than MARK_GROUP_MS
// altogether: their marks are written together (one write each 10 ms rather than one a call,
// a write costing ~0.05-0.5 ms on the Node host), and a delivery whose every event was handed
// over is removed instead of marked. So a crash repeats at most the handler calls of its last
// 10 ms, or the one call in flight when calls take longer. A holder checks that its
// lease is still its own before a call, at most once a second: a take-over needs 15 minutes of
// silence, or a restart of the environment.
import type { ClaimStore } from '../ports/claim-store.ts';
import type { Appender } from '../ports/state-dir.ts';
import type { Log } from '../ports/log.ts';
import { describeError } from '../core/failure.ts';
import { afterFailure, describeDuration, nextStep } from '../core/inbox/handler-retry.ts';
import { deadLetterId } from '../core/inbox/journal-id.ts';
import { claimOf, type Journal, type RoutedEvent } from '../core/inbox/journal.ts';
import { formatMark, isComplete, type DeliveryProgress, type Mark } from '../core/inbox/progress.ts';
import type { DispatchReport } from './dispatch.ts';
import type { InboxPorts } from './inbox-pass.ts';
import { DeliverySummary } from './delivery-summary.ts';

/** Meta redelivers for up to 7 days: a journal older than this is past every redelivery and every retry. */
export const JOURNAL_LIFETIME_MS = 8 * 24 * 60 * 60 * 1000;
/** Marks of calls quicker than this, altogether, are written together. */
export const MARK_GROUP_MS = 10;
const LEASE_CHECK_EVERY_MS = 1000;

export interface JournalOptions {
  prefix: string;
  /** Older than the journal lifetime: every open delivery becomes a dead letter. */
  expired: boolean;
  deadline: number | undefined;
  own: boolean;
}

/** Dispatches what is due in one journal; returns when its next retry is due, or that the lease was lost. */
export async function deliverJournal(
  ports: InboxPorts,
  id: string,
  journal: Journal,
  progress: DeliveryProgress[][],
  options: JournalOptions,
  report: DispatchReport,
): Promise<number | 'lease lost'> {
  const { inbox, claims, call, log, policy, holder } = ports;
  const summary = new DeliverySummary(options.prefix);
  let marks: Appender | undefined;
  let unwritten = '';
  /** When the first call whose mark is unwritten started. */
  let unwrittenSince = 0;
  const mark = (m: Mark, callStartedAt = ports.now()) => {
    if (unwritten === '') unwrittenSince = callStartedAt;
    unwritten += formatMark(m);
  };
  const writeMarks = () => {
    if (unwritten === '') return;
    marks ??= inbox.marks(id);
    marks.append(encoder.encode(unwritten));
    unwritten = '';
  };
  let leaseCheckedAt = ports.now();
  let nextDue = Number.POSITIVE_INFINITY;
  const toDeadLetters = (e: number, d: number, delivery: DeliveryProgress, reason: string) => {
    const event = journal.events[e] as RoutedEvent;
    const target = event.deliveries[d]!;
    const letterId = deadLetterId(id, e, d);
    const letter: Journal = {
      receivedAt: journal.receivedAt,
      events: [{ ...event, args: [event.args[target.args] ?? '[]'], deliveries: [{ ...target, args: 0 }], claim: claimOf(id, e, event) }],
      deadLetter: { failures: delivery.failures, deadAt: ports.now(), reason },
    };
    inbox.writeDeadLetter(letterId, letter);
    mark({ mark: 'dead', event: e, delivery: d });
    delivery.state = 'dead';
    report.deadLettered++;
    log.error(`${options.prefix}${event.label} for ${target.handler} is dead letter ${letterId} (${reason}); inbox/redispatch hands it over again`);
  };

  let stopped: number | 'lease lost' | undefined;
  const claimNames = await claimNamesOf(claims, journal, progress, options.expired, log);
  try {
    events: for (const [e, event] of journal.events.entries()) {
      if (event.deliveries.length === 0) {
        if (options.own) summary.undispatched(event);
        continue;
      }
      const attempted: string[] = [];
      let waiting = false;
      let claimed: boolean | undefined;
      for (const [d, target] of event.deliveries.entries()) {
        const delivery = progress[e]?.[d];
        if (!delivery || delivery.state !== 'open') continue;
        const step = options.expired ? { deadLetter: `not delivered within ${JOURNAL_LIFETIME_MS / 86_400_000} days` } : nextStep(policy, delivery.failures, ports.now);
        if ('deadLetter' in step) {
          toDeadLetters(e, d, delivery, step.deadLetter);
          continue;
        }
        if (!step.attempt) {
          nextDue = Math.min(nextDue, step.dueAt);
          waiting = true;
          continue;
        }
        if (options.deadline !== undefined && ports.now() > options.deadline) {
          stopped = ports.now();
          if (attempted.length > 0) summary.dispatched(event, attempted);
          break events;
        }
        claimed ??= claimOrDispatch(claims, claimNames[e], event, claimOf(id, e, event), log, options.prefix);
        if (!claimed) {
          mark({ mark: 'skip', event: e });
          for (const other of progress[e] ?? []) if (other.state === 'open') other.state = 'skipped';
          report.duplicates++;
          summary.redelivered(event);
          break;
        }
        const startedAt = ports.now();
        if (startedAt - leaseCheckedAt >= LEASE_CHECK_EVERY_MS) {
          if (!inbox.holds(id, holder)) {
            stopped = 'lease lost';
            if (attempted.length > 0) summary.dispatched(event, attempted);
            break events;
          }
          leaseCheckedAt = startedAt;
        }
        if (unwritten !== '' && startedAt - unwrittenSince >= MARK_GROUP_MS) writeMarks();
        const outcome = call(target.handler, target.function, event.args[target.args] ?? '[]');
        attempted.push(target.handler);
        if (outcome.ok) {
          mark({ mark: 'done', event: e, delivery: d }, startedAt);
          delivery.state = 'done';
          report.delivered++;
          continue;
        }
        const { kind, message } = outcome.error;
        const failure = { at: ports.now(), error: `${kind}: ${message}` };
        delivery.failures.push(failure);
        mark({ mark: 'fail', event: e, delivery: d, failure }, startedAt);
        report.failed++;
        summary.failed(event, target.handler);
        const decision = afterFailure(policy, delivery.failures, kind);
        const notDelivered = `${options.prefix}${event.label} NOT delivered to ${target.handler}: ${kind}: ${message}`;
        if ('retryAt' in decision) {
          nextDue = Math.min(nextDue, decision.retryAt);
          const retry = `retry ${delivery.failures.length} of ${policy.maxAttempts - 1}`;
          log.error(`${notDelivered}; ${retry} at ${new Date(decision.retryAt).toISOString()} (in ${describeDuration(decision.retryAt - failure.at)})`);
        } else {
          log.error(notDelivered);
          toDeadLetters(e, d, delivery, decision.deadLetter);
        }
      }
      if (attempted.length > 0) summary.dispatched(event, attempted);
      else if (waiting) summary.waiting(event);
    }
  } finally {
    try {
      // A journal that is complete is removed next, its marks with it: removing it is its last mark.
      if (stopped === 'lease lost' || !isComplete(progress)) writeMarks();
    } finally {
      marks?.close();
      summary.write(log);
    }
  }
  return stopped ?? nextDue;
}

const encoder = new TextEncoder();
/** The claim names of the events with a delivery still open (undefined for the others, or when they cannot be computed). */
async function claimNamesOf(claims: ClaimStore, journal: Journal, progress: DeliveryProgress[][], expired: boolean, log: Log): Promise<(string | undefined)[]> {
  const open = journal.events.map((_, e) => !expired && (progress[e] ?? []).some((delivery) => delivery.state === 'open'));
  const keys = journal.events.filter((_, e) => open[e]).map((event) => event.key);
  let names: string[] = [];
  try {
    names = await claims.names(keys);
  } catch (e) {
    log.error(`inbox: claim names could not be computed: ${describeError(e)}`);
  }
  let next = 0;
  return open.map((isOpen) => (isOpen ? names[next++] : undefined));
}

/** A claim store that fails must not lose the event: it is dispatched, perhaps twice. */
function claimOrDispatch(claims: ClaimStore, name: string | undefined, event: RoutedEvent, claim: string, log: Log, prefix: string): boolean {
  try {
    if (name === undefined) throw new Error('no claim name');
    return claims.claim(name, claim);
  } catch (e) {
    log.error(`${prefix}${event.label}: ${describeError(e)}; dispatching it unclaimed`);
    return true;
  }
}
