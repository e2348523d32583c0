// The one way a send reaches Meta's Graph API: a request, tried again as
// core/retry-policy.ts decides within the call's retry budget, every failure
// classified by core/graph-error.ts into a SendError, and the answer checked
// against the shape Graph documents.
import { requireSetting, type Config } from '../core/config.ts';
import { SendError, failure, networkFailure, timeoutFailure, type SendFailure } from '../core/failure.ts';
import { classifyGraphResponse, parseRetryAfter } from '../core/graph-error.ts';
import { asObject, parseJson, type JsonObject } from '../core/json.ts';
import { toHex } from '../core/bytes.ts';
import { tooLargeFailure } from '../core/media/download.ts';
import { decideRetry } from '../core/retry-policy.ts';
import { GraphTransportError, graphFetch, type GraphReply, type GraphRequest } from '../ports/graph-http.ts';

export type Transport = (request: GraphRequest) => Promise<GraphReply>;

export interface RetryNotice {
  attempts: number;
  waitMs: number;
  failure: SendFailure;
}

/** Time, chance and hashing, injectable so that tests are deterministic. */
export interface ClientRuntime {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
  sha256(data: Uint8Array): Promise<Uint8Array>;
  /** A multipart boundary that will not occur in the data. */
  boundary(): string;
  /** Told before each retry, for the log. */
  onRetry?(notice: RetryNotice): void;
}

export const defaultRuntime: ClientRuntime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  // Not Math.random: its state may be frozen into the build-time snapshot,
  // giving every fresh instance the same "random" backoff.
  random: () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32,
  sha256: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)),
  boundary: () => `whatsapp-${toHex(crypto.getRandomValues(new Uint8Array(16)))}`,
};

/** One exported call: the retry budget covers all the requests it makes. */
export interface Call {
  startedAt: number;
}

export type RequestSpec = Omit<GraphRequest, 'accessToken' | 'timeoutMs'>;

type Attempt = { reply: GraphReply } | { failure: SendFailure; retryAfterMs?: number };

export class GraphApi {
  readonly runtime: ClientRuntime;

  constructor(
    readonly config: Config,
    private readonly transport: Transport = graphFetch,
    runtime: Partial<ClientRuntime> = {},
  ) {
    this.runtime = { ...defaultRuntime, ...runtime };
  }

  /** Starts an exported call (its retry budget). */
  begin(): Call {
    return { startedAt: this.runtime.now() };
  }

  /** `{phone-number-id}`, the path every send and upload starts with. */
  phoneNumberPath(): string {
    return encodeURIComponent(requireSetting(this.config, 'phoneNumberId'));
  }

  /** POST /{phone-number-id}/messages: the wamid Graph gives the message. */
  async postMessage(call: Call, message: unknown): Promise<string> {
    const reply = await this.json(call, 'POST', `${this.phoneNumberPath()}/messages`, { json: message });
    const id = asObject((reply.messages as unknown[] | undefined)?.[0])?.id;
    if (typeof id !== 'string') throw new SendError(unexpectedReply('no messages[0].id in the answer to a send', 200));
    return id;
  }

  /** A Graph call answered with JSON: 2xx → the object; anything else → a classified SendError. */
  async json(call: Call, method: GraphRequest['method'], path: string, body: Pick<GraphRequest, 'json' | 'body'> = {}): Promise<JsonObject> {
    const reply = await this.request(call, { method, url: `${this.config.apiBaseUrl}/${this.config.apiVersion}/${path}`, ...body });
    const parsed = parseJson(reply.text);
    if (parsed === undefined) throw new SendError(unexpectedReply(`Graph answered ${reply.status} with a body that is not JSON`, reply.status));
    // Other JSON (an array, a string) lacks every field a caller looks for, and fails there.
    return asObject(parsed) ?? {};
  }

  /** One request, tried again as the retry policy says: a 2xx reply, or the last failure as a SendError. */
  async request(call: Call, request: RequestSpec): Promise<GraphReply> {
    const accessToken = requireSetting(this.config, 'accessToken');
    for (let attempts = 1; ; attempts++) {
      const outcome = await this.attempt({ ...request, accessToken, timeoutMs: this.config.apiTimeoutMs });
      if ('reply' in outcome) return outcome.reply;
      const { failure } = outcome;
      const decision = decideRetry({
        attempts,
        failure,
        ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
        elapsedMs: this.runtime.now() - call.startedAt,
        budgetMs: this.config.sendRetryBudgetMs,
        random: this.runtime.random,
      });
      if (!decision.retry) {
        throw new SendError(decision.why === undefined ? failure : { ...failure, message: `${failure.message} (${decision.why})` });
      }
      this.runtime.onRetry?.({ attempts, waitMs: decision.waitMs, failure });
      await this.runtime.sleep(decision.waitMs);
    }
  }

  private async attempt(request: GraphRequest): Promise<Attempt> {
    let reply: GraphReply;
    try {
      reply = await this.transport(request);
    } catch (e) {
      if (!(e instanceof GraphTransportError)) throw e;
      const transport = e.failure;
      if (transport.kind === 'timeout') return { failure: timeoutFailure(transport.timeoutMs) };
      if (transport.kind === 'too-large') return { failure: tooLargeFailure(transport.bytes) };
      return { failure: networkFailure(transport.reason) };
    }
    if (reply.status >= 200 && reply.status < 300) return { reply };
    const retryAfterMs = parseRetryAfter(reply.headers.get('retry-after'), this.runtime.now());
    const failure = classifyGraphResponse(reply.status, parseJson(reply.text));
    return retryAfterMs === undefined ? { failure } : { failure, retryAfterMs };
  }
}

/** The string `field` of a Graph answer, or a SendError saying it is missing. */
export function stringField(reply: JsonObject, field: string): string {
  const value = reply[field];
  if (typeof value !== 'string') throw new SendError(unexpectedReply(`no "${field}" in Graph's answer`, 200));
  return value;
}

/** A 2xx whose body is not what Graph documents: not retryable, since the call may have succeeded. */
export function unexpectedReply(message: string, httpStatus: number): SendFailure {
  return failure('unknown', message, { httpStatus });
}
