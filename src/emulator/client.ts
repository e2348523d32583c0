// A typed client of the emulator's control API (`/_emulator/...`, see README), for whoever
// drives an emulator by URL: spawn.ts for the one it starts, the sandbox simulator for the one
// `npm start` runs.
import type {
  FaultSpec,
  InboundResult,
  InboundSpec,
  PendingFault,
  RecordedRequest,
  RuntimeSettings,
  TranscriptPage,
  WebhookDelivery,
} from './types.ts';

export interface EmulatorClient {
  /** `http://127.0.0.1:PORT`: use it as WHATSAPP_API_BASE_URL. */
  url: string;
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  addFaults(faults: FaultSpec | FaultSpec[]): Promise<PendingFault[]>;
  clearFaults(): Promise<void>;
  /** Changes settings while it runs, e.g. the webhook URL once the component's host is up. */
  configure(patch: Partial<Omit<RuntimeSettings, 'webhookUrl'>> & { webhookUrl?: string | null }): Promise<void>;
  /**
   * The conversation with one user (or everyone): entries changed after revision `since`;
   * with `waitMs`, waits up to that long for one to appear.
   */
  transcript(user?: string, poll?: { since?: number; waitMs?: number }): Promise<TranscriptPage>;
  clearTranscript(): Promise<void>;
  /** A user writes to the business: the signed webhook POST, and what the webhook answered. */
  inbound(spec: InboundSpec): Promise<InboundResult>;
  /** Every webhook POST so far (user messages and statuses). */
  deliveries(): Promise<WebhookDelivery[]>;
  clearDeliveries(): Promise<void>;
}

/** The control API answered with an error status; `message` quotes its body. */
export class EmulatorRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The `error` field of the answer, when it has one. */
    readonly reason: string | undefined,
  ) {
    super(message);
  }
}

export function emulatorClient(url: string): EmulatorClient {
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new EmulatorRefused(`emulator ${method} /_emulator/${path} answered ${response.status}: ${text}`, response.status, reasonOf(text));
    }
    return JSON.parse(text) as unknown;
  };
  return {
    url,
    async requests() {
      return ((await control('GET', 'requests')) as { requests: RecordedRequest[] }).requests;
    },
    async clearRequests() {
      await control('DELETE', 'requests');
    },
    async addFaults(faults) {
      return ((await control('POST', 'faults', faults)) as { pending: PendingFault[] }).pending;
    },
    async clearFaults() {
      await control('DELETE', 'faults');
    },
    async configure(patch) {
      await control('PATCH', 'config', patch);
    },
    async transcript(user, poll = {}) {
      const query = new URLSearchParams();
      if (user !== undefined) query.set('user', user);
      if (poll.since !== undefined) query.set('since', String(poll.since));
      if (poll.waitMs !== undefined) query.set('waitMs', String(poll.waitMs));
      return (await control('GET', `transcript?${query}`)) as TranscriptPage;
    },
    async clearTranscript() {
      await control('DELETE', 'transcript');
    },
    async inbound(spec) {
      return (await control('POST', 'inbound', spec)) as InboundResult;
    },
    async deliveries() {
      return ((await control('GET', 'deliveries')) as { deliveries: WebhookDelivery[] }).deliveries;
    },
    async clearDeliveries() {
      await control('DELETE', 'deliveries');
    },
  };
}

function reasonOf(text: string): string | undefined {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    return typeof error === 'string' ? error : undefined;
  } catch {
    return undefined;
  }
}
