// What Meta reports after it accepts a message: `sent`, then `delivered`, then `read` status
// webhooks (one status per POST, a short pause between them), then `played` for a voice
// message ("the first time a WhatsApp user plays a voice message", Meta: "Audio messages"), or
// a single `failed` one. Each step also moves the message's status in the transcript.
import { randomBytes } from 'node:crypto';
import { sleep } from '../exchange.ts';
import { GRAPH_ERRORS } from '../graph/errors.ts';
import type { SentMessage } from '../graph/messages.ts';
import type { Transcript } from '../conversation/transcript.ts';
import type { RuntimeSettings } from '../types.ts';
import { WebhookNotConfigured, type WebhookDeliverer } from './delivery.ts';
import { statusContacts, statusItem, statusRecipient, webhookEnvelope, type BusinessIdentity, type StatusName, type WebhookContact } from './payloads.ts';

const STEPS: readonly StatusName[] = ['sent', 'delivered', 'read'];
const VOICE_STEPS: readonly StatusName[] = [...STEPS, 'played'];
const CONVERSATION_MS = 24 * 3600 * 1000;

export class StatusReporter {
  #running = new Set<Promise<void>>();
  #conversations = new Map<string, { id: string; openedAt: Date }>();

  constructor(
    private readonly settings: RuntimeSettings,
    private readonly business: BusinessIdentity,
    private readonly transcript: Transcript,
    private readonly deliverer: WebhookDeliverer,
    private readonly stopped: AbortSignal,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts reporting on an accepted message; `failWith` makes it fail with that Graph error code. */
  report(message: SentMessage, failWith?: number): void {
    if (this.settings.statusDelayMs < 0) return;
    const run = (failWith === undefined ? this.#progress(message) : this.#fail(message, failWith)).catch(this.onError);
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** Resolves when every report in flight has finished (they end early once `stopped` aborts). */
  async idle(): Promise<void> {
    await Promise.all(this.#running);
  }

  async #progress(message: SentMessage): Promise<void> {
    for (const status of message.kind === 'voice' ? VOICE_STEPS : STEPS) {
      // Statuses switched off meanwhile (-1) stop the ones in flight too.
      if (this.settings.statusDelayMs < 0 || !(await sleep(this.settings.statusDelayMs, this.stopped))) return;
      this.transcript.setStatus(message.wamid, status);
      const now = new Date();
      const conversation = this.#conversation(message.waId, now);
      const item = statusItem({
        wamid: message.wamid,
        addressee: message.addressee,
        status,
        time: now,
        template: message.kind === 'template',
        conversationId: conversation.id,
        conversationOpenedAt: conversation.openedAt,
        ...(message.callbackData === undefined ? {} : { callbackData: message.callbackData }),
      });
      await this.#send(item, statusContacts(message.addressee, status));
    }
  }

  async #fail(message: SentMessage, code: number): Promise<void> {
    if (this.settings.statusDelayMs < 0 || !(await sleep(this.settings.statusDelayMs, this.stopped))) return;
    this.transcript.setStatus(message.wamid, 'failed');
    const template = GRAPH_ERRORS[code];
    const title = template?.title ?? 'Unknown error';
    await this.#send({
      id: message.wamid,
      status: 'failed',
      timestamp: String(Math.floor(Date.now() / 1000)),
      ...statusRecipient(message.addressee),
      ...(message.callbackData === undefined ? {} : { biz_opaque_callback_data: message.callbackData }),
      errors: [
        {
          code,
          title,
          message: title,
          error_data: { details: template?.details ?? title },
          href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
        },
      ],
    });
  }

  /** Meta leaves `contacts` out of `failed` statuses. */
  async #send(item: Record<string, unknown>, contacts?: WebhookContact[]): Promise<void> {
    try {
      await this.deliverer.deliver('statuses', webhookEnvelope(this.business, [[{ ...(contacts === undefined ? {} : { contacts }), statuses: [item] }]]));
    } catch (error) {
      // Without a webhook the statuses still show in the transcript.
      if (!(error instanceof WebhookNotConfigured)) throw error;
    }
  }

  /** Meta groups a user's messages in 24-hour conversations, each with its own id. */
  #conversation(user: string, now: Date): { id: string; openedAt: Date } {
    const current = this.#conversations.get(user);
    if (current && now.getTime() - current.openedAt.getTime() < CONVERSATION_MS) return current;
    const opened = { id: randomBytes(16).toString('hex'), openedAt: now };
    this.#conversations.set(user, opened);
    return opened;
  }
}
