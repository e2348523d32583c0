// POSTing webhooks the way Meta does: Meta-escaped JSON, signed over the exact bytes with the
// app secret (signature.ts). Every attempt is logged for `GET /_emulator/deliveries`.
import type { RuntimeSettings, WebhookDelivery } from '../types.ts';
import { metaJson } from './meta-json.ts';
import { legacyMetaSignature, metaSignature } from './signature.ts';

/** How long the emulator waits for the webhook to answer. */
const DELIVERY_TIMEOUT_MS = 20_000;

export class WebhookNotConfigured extends Error {}

export class WebhookDeliverer {
  #log: WebhookDelivery[] = [];
  #seq = 0;

  constructor(
    private readonly settings: RuntimeSettings,
    /** Aborted when the emulator stops: no delivery outlives it. */
    private readonly stopped: AbortSignal,
    /** Told of each delivery once it has its answer, with the number of events it carried. */
    private readonly onDelivered: (delivery: WebhookDelivery, events: number) => void = () => {},
  ) {}

  /** Throws WebhookNotConfigured when there is no webhook URL or app secret to sign with. */
  assertConfigured(): { webhookUrl: string; appSecret: string } {
    const { webhookUrl, appSecret } = this.settings;
    if (!webhookUrl) throw new WebhookNotConfigured('no webhook URL: start with --webhook-url or PATCH /_emulator/config { "webhookUrl": ... }');
    if (!appSecret) throw new WebhookNotConfigured('no app secret to sign with: start with --app-secret or PATCH /_emulator/config { "appSecret": ... }');
    return { webhookUrl, appSecret };
  }

  /** Throws WebhookNotConfigured (see assertConfigured). `field` names the webhook field of an `other` delivery. */
  async deliver(kind: WebhookDelivery['kind'], payload: unknown, field?: string): Promise<WebhookDelivery> {
    const { webhookUrl, appSecret } = this.assertConfigured();
    const body = metaJson(payload);
    const signature = metaSignature(body, appSecret);
    const delivery: WebhookDelivery = {
      seq: ++this.#seq,
      time: new Date().toISOString(),
      kind,
      ...(field === undefined ? {} : { field }),
      url: webhookUrl,
      body,
      signature,
      durationMs: 0,
    };
    this.#log.push(delivery);
    const started = performance.now();
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          'x-hub-signature-256': signature,
          'x-hub-signature': legacyMetaSignature(body, appSecret),
        },
        body,
        signal: AbortSignal.any([this.stopped, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      delivery.status = response.status;
      delivery.response = await response.text();
    } catch (error) {
      delivery.error = describe(error);
    }
    delivery.durationMs = Math.round(performance.now() - started);
    this.onDelivered(delivery, eventCount(payload));
    return delivery;
  }

  list(): WebhookDelivery[] {
    return this.#log;
  }

  clear(): number {
    const count = this.#log.length;
    this.#log = [];
    return count;
  }
}

/** The messages or statuses in a webhook envelope (`entry[].changes[].value.messages|statuses`), or its changes of another field. */
function eventCount(payload: unknown): number {
  const entries = (payload as { entry?: { changes?: { field?: string; value?: { messages?: unknown[]; statuses?: unknown[] } }[] }[] } | null)?.entry ?? [];
  let count = 0;
  for (const entry of entries) {
    for (const change of entry.changes ?? []) {
      count += change.field === 'messages' ? (change.value?.messages?.length ?? 0) + (change.value?.statuses?.length ?? 0) : 1;
    }
  }
  return count;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
