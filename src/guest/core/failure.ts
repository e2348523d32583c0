// Failures inside the component are exceptions carrying a classified failure; at
// the WIT boundary the failure is the `send-error` record itself.
import type { ErrorKind, SendError as WitSendError } from 'asterai:whatsapp/types@0.3.0';

export type { ErrorKind };
export type SendFailure = WitSendError;

export class SendError extends Error {
  readonly failure: SendFailure;

  constructor(failure: SendFailure) {
    super(failure.message);
    this.name = 'SendError';
    this.failure = failure;
  }

  /** The same failure, its message prefixed with what was being done ("part 2 of 3: ..."). */
  withContext(context: string): SendError {
    return new SendError({ ...this.failure, message: `${context}: ${this.failure.message}` });
  }
}

/**
 * A setting that is missing or invalid, as a `config` failure: this is where a
 * configuration problem becomes a send error. `variable` is the env var to fix.
 */
export class ConfigError extends SendError {
  readonly variable: string;
  /** True when the variable is not set at all (rather than set to something invalid). */
  readonly unset: boolean;

  constructor(variable: string, message: string, unset = false) {
    super(failure('config', message));
    this.name = 'ConfigError';
    this.variable = variable;
    this.unset = unset;
  }
}

export interface FailureDetails {
  retryable?: boolean;
  /** Meta's Graph error code. */
  code?: number;
  httpStatus?: number;
  /** Graph's fbtrace_id. */
  traceId?: string;
}

/**
 * The one way to make a failure. Unless `details` says otherwise it is not
 * retryable, did not come from Graph (code 0) and had no HTTP response (status 0).
 */
export function failure(kind: ErrorKind, message: string, details: FailureDetails = {}): SendFailure {
  return {
    kind,
    code: details.code ?? 0,
    message,
    retryable: details.retryable ?? false,
    httpStatus: details.httpStatus ?? 0,
    traceId: details.traceId,
  };
}

/** A request we refuse before any network call; the message says which rule and which value. */
export function refuse(message: string): never {
  throw new SendError(failure('invalid-request', message));
}

/**
 * The Graph API could not be reached or the connection broke. Retryable, but a
 * connection that broke after the request was sent may have delivered it.
 */
export function networkFailure(reason: string): SendFailure {
  return failure('network', `could not reach the Graph API: ${reason}`, { retryable: true });
}

/** No answer within `ms`. Retryable, but the message may have been delivered. */
export function timeoutFailure(ms: number): SendFailure {
  return failure('timeout', `the Graph API did not answer within ${ms} ms (the message may still have been delivered)`, { retryable: true });
}

/** Any thrown value as a failure: a SendError (a ConfigError is one) keeps its own, anything else is `unknown`. */
export function toFailure(error: unknown): SendFailure {
  return error instanceof SendError ? error.failure : failure('unknown', describeError(error));
}

/**
 * The WIT error value a host call threw: a `result` error arrives in JavaScript as an
 * Error whose `payload` it is (componentize-js bindings, ComponentError); undefined
 * for anything else.
 */
export function errorPayload(error: unknown): unknown {
  return (error as { payload?: unknown } | null)?.payload;
}

/** A thrown value as text: an Error's message, followed by the WIT error value it carries, if any. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const payload = errorPayload(error);
  if (payload === undefined) return text;
  try {
    return `${text}: ${JSON.stringify(payload, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}`;
  } catch {
    return `${text}: ${String(payload)}`;
  }
}
