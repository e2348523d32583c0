// The emulator as a plain object: state plus one `handle` function. Reads like its table of
// contents: control API, then recording and faults, then the Graph routes; what the business
// sends feeds the transcript and the status webhooks.
import { applyFault, FaultQueue } from './control/faults.ts';
import { RequestRecorder } from './control/recorder.ts';
import { CONTROL_PREFIX, routeControl } from './control/routes.ts';
import { deliveryLine, followConversation, logLine } from './conversation/event-log.ts';
import { Transcript } from './conversation/transcript.ts';
import { UserDirectory } from './conversation/users.ts';
import { bodyText, type EmulatorRequest, type Reply } from './exchange.ts';
import { MediaStore } from './graph/media.ts';
import type { SentMessage } from './graph/messages.ts';
import { routeGraph } from './graph/routes.ts';
import type { EmulatorOptions, RuntimeSettings } from './types.ts';
import { WebhookDeliverer } from './webhooks/delivery.ts';
import type { BusinessIdentity } from './webhooks/payloads.ts';
import { StatusReporter } from './webhooks/statuses.ts';

/** Meta's customer service window: free-form messages only within 24 h of the user's last one. */
const SERVICE_WINDOW_MS = 24 * 3600 * 1000;

export interface Emulator {
  handle(request: EmulatorRequest): Promise<Reply>;
  settings: RuntimeSettings;
  /** Stops background work (status webhooks); the HTTP server is closed by its owner. */
  close(): Promise<void>;
}

/**
 * `onEvent`, when given, receives one readable line per conversation event (see
 * conversation/event-log.ts); main.ts passes it with --log-events.
 */
export function createEmulator(
  options: EmulatorOptions,
  onError: (error: unknown) => void = () => {},
  onEvent?: (line: string) => void,
): Emulator {
  const settings: RuntimeSettings = {
    statusDelayMs: options.statusDelayMs,
    mediaUrlTtlMs: options.mediaUrlTtlMs,
    enforceWindow: options.enforceWindow,
    authenticationTemplates: options.authenticationTemplates ?? [],
    ...(options.webhookUrl === undefined ? {} : { webhookUrl: options.webhookUrl }),
    ...(options.appSecret === undefined ? {} : { appSecret: options.appSecret }),
  };
  const business: BusinessIdentity = {
    wabaId: options.wabaId,
    phoneNumberId: options.phoneNumberId,
    displayPhoneNumberDigits: options.displayPhoneNumber.replace(/\D/g, ''),
  };
  const stopping = new AbortController();
  const recorder = new RequestRecorder();
  const faults = new FaultQueue();
  const media = new MediaStore();
  const transcript = new Transcript();
  const users = new UserDirectory();
  const deliverer = new WebhookDeliverer(settings, stopping.signal, (delivery, count) => {
    const line = onEvent && deliveryLine(delivery, count);
    if (line) onEvent(logLine(new Date(), 'webhook', line));
  });
  const statuses = new StatusReporter(settings, business, transcript, deliverer, stopping.signal, onError);
  const startedAt = Date.now();
  const following = onEvent ? followConversation(transcript, onEvent, stopping.signal).catch(onError) : Promise.resolve();

  const windowClosed = (message: SentMessage): boolean => {
    if (!settings.enforceWindow || message.kind === 'template') return false;
    const lastWrote = transcript.lastInboundAt(message.waId);
    return lastWrote === undefined || Date.now() - lastWrote > SERVICE_WINDOW_MS;
  };

  const messagesContext = (failStatus: number | undefined) => ({
    businessDigits: business.displayPhoneNumberDigits,
    media: (id: string) => media.get(id),
    users,
    authenticationTemplates: () => settings.authenticationTemplates,
    onSent(message: SentMessage) {
      transcript.addOutbound(message, new Date());
      // Outside the window Cloud API accepts the message, then reports it failed (131047).
      statuses.report(message, failStatus ?? (windowClosed(message) ? 131047 : undefined));
    },
    onRead: ({ messageId, typing }: { messageId: string; typing: boolean }) => transcript.markRead(messageId, typing),
  });
  const graph = {
    accessToken: options.accessToken,
    account: () => ({
      phoneNumberId: options.phoneNumberId,
      displayPhoneNumber: options.displayPhoneNumber,
      verifiedName: options.verifiedName,
      ...(settings.webhookUrl === undefined ? {} : { webhookUrl: settings.webhookUrl }),
    }),
    media,
    mediaUrlTtlMs: () => settings.mediaUrlTtlMs,
    messages: messagesContext(undefined),
  };
  const control = {
    recorder,
    faults,
    media,
    settings,
    transcript,
    users,
    deliverer,
    business,
    health: () => ({ pid: process.pid, uptimeMs: Date.now() - startedAt, phoneNumberId: options.phoneNumberId }),
  };

  return {
    settings,
    async handle(request) {
      if (request.pathname.startsWith(CONTROL_PREFIX)) return routeControl(request, control);
      const fault = faults.take(request.method, request.path, () => bodyText(request));
      recorder.record(request, fault);
      if (fault) {
        const reply = await applyFault(fault, request);
        if (reply) return reply;
      }
      return routeGraph(request, fault?.failStatus === undefined ? graph : { ...graph, messages: messagesContext(fault.failStatus) });
    },
    async close() {
      stopping.abort();
      await Promise.all([statuses.idle(), following]);
    },
  };
}
