// Fan-out: every event goes to every configured handler component, in payload
// order and, per event, in the order the handlers are listed. A handler that
// fails or is missing is logged and the others still get the event. With a
// claim store, an event that another request already claimed (a redelivery) is
// skipped.
import type { Config } from '../core/config.ts';
import { describeError } from '../core/failure.ts';
import { eventKey, type InboundEvent } from '../core/webhook/events.ts';
import { witJsonText } from '../core/wit-json.ts';
import type { ClaimStore } from '../ports/claim-store.ts';
import type { CallOutcome } from '../ports/host-api.ts';
import type { Log } from '../ports/log.ts';
import { DeliverySummary, eventLabel } from './delivery-summary.ts';

/** call-component-function: `argsJson` is the JSON array of the function's arguments. */
export type CallFunction = (component: string, functionName: string, argsJson: string) => CallOutcome;

export const ON_MESSAGE = 'incoming-handler/on-message';
export const ON_STATUS = 'status-handler/on-status';

export interface DispatchReport {
  delivered: number;
  failed: number;
  /** Events skipped because an earlier delivery already claimed them. */
  duplicates: number;
}

export async function dispatchToHandlers(
  events: readonly InboundEvent[],
  config: Config,
  call: CallFunction,
  log: Log,
  claims?: ClaimStore,
): Promise<DispatchReport> {
  const report: DispatchReport = { delivered: 0, failed: 0, duplicates: 0 };
  const summary = new DeliverySummary();
  const handlers = { message: config.incomingHandlerComponents, status: config.statusHandlerComponents };
  for (const event of events) {
    const to = handlers[event.type];
    if (to.length === 0) {
      summary.undispatched(event);
      continue;
    }
    if (claims && !(await claimed(claims, event, log))) {
      report.duplicates++;
      summary.redelivered(event);
      continue;
    }
    const [functionName, record] = event.type === 'message' ? [ON_MESSAGE, event.message] : [ON_STATUS, event.status];
    const args = `[${witJsonText(record)}]`;
    for (const handler of to) {
      const outcome = call(handler, functionName, args);
      if (outcome.ok) {
        report.delivered++;
      } else {
        report.failed++;
        summary.failed(event, handler);
        log.error(`${eventLabel(event)} NOT delivered to ${handler}: ${outcome.error.kind}: ${outcome.error.message}`);
      }
    }
    summary.dispatched(event);
  }
  summary.write(log, handlers);
  return report;
}

/** A claim store that fails must not lose the event: it is dispatched, perhaps twice. */
async function claimed(claims: ClaimStore, event: InboundEvent, log: Log): Promise<boolean> {
  try {
    return await claims.claim(eventKey(event));
  } catch (e) {
    log.error(`${eventLabel(event)}: ${describeError(e)}; dispatching it unclaimed`);
    return true;
  }
}
