// Fan-out: every event goes to every configured handler component, in payload
// order and, per event, in the order the handlers are listed. A handler that
// fails or is missing is logged and the others still get the event. With a
// claim store, an event that another request already claimed (a redelivery) is
// skipped.
import type { Config } from '../core/config.ts';
import { eventKey, type InboundEvent } from '../core/webhook.ts';
import { toWitJson } from '../core/wit-json.ts';
import type { ClaimStore } from '../ports/claim-store.ts';
import type { CallOutcome } from '../ports/host-api.ts';
import type { Log } from '../ports/log.ts';

export type CallFunction = (component: string, functionName: string, args: readonly unknown[]) => CallOutcome;

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
  for (const event of events) {
    const [handlers, functionName, value, label] =
      event.type === 'message'
        ? [config.incomingHandlerComponents, ON_MESSAGE, event.message, `message ${event.message.id} (${event.message.kind})`]
        : [config.statusHandlerComponents, ON_STATUS, event.status, `status ${event.status.status} of ${event.status.id}`];
    if (handlers.length === 0) {
      log.info(`${label}: no ${event.type} handler configured, not dispatched`);
      continue;
    }
    if (claims && !(await claimed(claims, event, label, log))) {
      report.duplicates++;
      log.info(`${label}: already delivered (a redelivery), skipped`);
      continue;
    }
    const args = [toWitJson(value)];
    for (const handler of handlers) {
      const outcome = call(handler, functionName, args);
      if (outcome.ok) {
        report.delivered++;
        log.info(`${label} dispatched to ${handler}`);
      } else {
        report.failed++;
        log.error(`${label} NOT delivered to ${handler}: ${outcome.error.kind}: ${outcome.error.message}`);
      }
    }
  }
  return report;
}

/** A claim store that fails must not lose the event: it is dispatched, perhaps twice. */
async function claimed(claims: ClaimStore, event: InboundEvent, label: string, log: Log): Promise<boolean> {
  try {
    return await claims.claim(eventKey(event));
  } catch (e) {
    log.error(`${label}: ${e instanceof Error ? e.message : String(e)}; dispatching it unclaimed`);
    return true;
  }
}
