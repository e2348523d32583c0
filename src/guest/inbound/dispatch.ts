// Delivery without a state dir: hands routed events (inbound/routing.ts) to their handlers
// through call-component-function, events in order and, per event, handlers in order; a
// handler that fails does not keep the others from an event. Each event goes to each handler
// once; a failure is logged and that is all. With WHATSAPP_STATE_DIR the inbox delivers instead
// (inbound/inbox-pass.ts), with the same order and the same log lines.
import type { CallOutcome } from '../ports/host-api.ts';
import type { Log } from '../ports/log.ts';
import type { RoutedEvent } from '../core/inbox/journal.ts';
import { DeliverySummary } from './delivery-summary.ts';

/** call-component-function: `argsJson` is the JSON array of the function's arguments. */
export type CallFunction = (component: string, functionName: string, argsJson: string) => CallOutcome;

export interface DispatchReport {
  /** Calls a handler returned from. */
  delivered: number;
  /** Calls that failed. */
  failed: number;
  /** Events skipped because another delivery claimed them first. */
  duplicates: number;
  /** Deliveries that became dead letters. */
  deadLettered: number;
  /** Deliveries left for a later pass (a retry not due yet, or a pass that stopped). */
  pending: number;
}

export function emptyReport(): DispatchReport {
  return { delivered: 0, failed: 0, duplicates: 0, deadLettered: 0, pending: 0 };
}

/** Without a state dir: every event to each of its handlers, once. */
export function dispatchOnce(events: readonly RoutedEvent[], call: CallFunction, log: Log): DispatchReport {
  const report = emptyReport();
  const summary = new DeliverySummary();
  for (const event of events) {
    if (event.deliveries.length === 0) {
      summary.undispatched(event);
      continue;
    }
    for (const delivery of event.deliveries) {
      const outcome = call(delivery.handler, delivery.function, event.args[delivery.args] ?? '[]');
      if (outcome.ok) {
        report.delivered++;
      } else {
        report.failed++;
        summary.failed(event, delivery.handler);
        log.error(`${event.label} NOT delivered to ${delivery.handler}: ${outcome.error.kind}: ${outcome.error.message}`);
      }
    }
    summary.dispatched(
      event,
      event.deliveries.map((d) => d.handler),
    );
  }
  summary.write(log);
  return report;
}
