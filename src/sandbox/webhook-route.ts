// Where the component's webhook is in an environment: asterai serves a component under
// `/{env-ns}/{env-name}/{comp-ns}/{comp-name}/` and strips that prefix, so the webhook is that
// route followed by the path the component itself answers on (WEBHOOK_PATH, from the component's
// source). `npm start`, the sandbox, the tests and the benchmarks all find the webhook here.
import { WEBHOOK_PATH } from '../guest/inbound/webhook-endpoint.ts';

/** The webhook under a component's route: a path (`/acme/support/asterai/whatsapp/`) or a URL, with or without its final `/`. */
export function webhookUnder(componentRoute: string): string {
  return `${componentRoute.replace(/\/$/, '')}${WEBHOOK_PATH}`;
}
