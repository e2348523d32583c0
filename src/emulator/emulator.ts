// The emulator as a plain object: state plus one `handle` function. Reads like its table of
// contents: control API, then recording and faults, then the Graph routes.
import { applyFault, FaultQueue } from './control/faults.ts';
import { RequestRecorder } from './control/recorder.ts';
import { CONTROL_PREFIX, routeControl } from './control/routes.ts';
import type { EmulatorRequest, Reply } from './exchange.ts';
import { MediaStore } from './graph/media.ts';
import type { ReadReceipt, SentMessage } from './graph/messages.ts';
import { routeGraph } from './graph/routes.ts';
import type { EmulatorOptions, RuntimeSettings } from './types.ts';

export interface Emulator {
  handle(request: EmulatorRequest): Promise<Reply>;
  settings: RuntimeSettings;
  /** Stops background work (status deliveries); the HTTP server is closed by its owner. */
  close(): Promise<void>;
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const settings: RuntimeSettings = {
    statusDelayMs: options.statusDelayMs,
    mediaUrlTtlMs: options.mediaUrlTtlMs,
    ...(options.webhookUrl === undefined ? {} : { webhookUrl: options.webhookUrl }),
    ...(options.appSecret === undefined ? {} : { appSecret: options.appSecret }),
  };
  const recorder = new RequestRecorder();
  const faults = new FaultQueue();
  const media = new MediaStore();
  const startedAt = Date.now();

  const onSent = (_message: SentMessage): void => {};
  const onRead = (_receipt: ReadReceipt): void => {};

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
    messages: { businessDigits: options.displayPhoneNumber.replace(/\D/g, ''), onSent, onRead },
  };
  const control = {
    recorder,
    faults,
    media,
    settings,
    health: () => ({ pid: process.pid, uptimeMs: Date.now() - startedAt, phoneNumberId: options.phoneNumberId }),
  };

  return {
    settings,
    async handle(request) {
      if (request.pathname.startsWith(CONTROL_PREFIX)) return routeControl(request, control);
      const fault = faults.take(request.method, request.path);
      recorder.record(request, fault);
      if (fault) {
        const reply = await applyFault(fault, request);
        if (reply) return reply;
      }
      return routeGraph(request, graph);
    },
    async close() {},
  };
}
