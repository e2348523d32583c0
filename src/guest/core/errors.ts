// Errors inside the component are exceptions carrying a classified SendFailure;
// at the WIT boundary the failure becomes the `send-error` record.
import { ConfigError } from './config.ts';
import type { SendFailure } from './graph-error.ts';

export type { SendFailure, ErrorKind } from './graph-error.ts';

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

function localFailure(kind: SendFailure['kind'], message: string, retryable: boolean): SendFailure {
  return { kind, code: 0, message, retryable, httpStatus: 0, traceId: undefined };
}

/** A request we refuse before any network call; the message says which rule and which value. */
export function invalidRequest(message: string): SendFailure {
  return localFailure('invalid-request', message, false);
}

/** A missing or invalid setting; the message names the env var. */
export function configFailure(error: ConfigError): SendFailure {
  return localFailure('config', error.message, false);
}

/**
 * The Graph API could not be reached or the connection broke. Retryable, but a
 * connection that broke after the request was sent may have delivered it.
 */
export function networkFailure(message: string): SendFailure {
  return localFailure('network', `could not reach the Graph API: ${message}`, true);
}

/** No answer within `ms`. Retryable, but the message may have been delivered. */
export function timeoutFailure(ms: number): SendFailure {
  return localFailure('timeout', `the Graph API did not answer within ${ms} ms (the message may still have been delivered)`, true);
}

/** Any thrown value as a SendFailure: SendError keeps its failure, ConfigError is `config`, the rest `unknown`. */
export function toFailure(error: unknown): SendFailure {
  if (error instanceof SendError) return error.failure;
  if (error instanceof ConfigError) return configFailure(error);
  const message = error instanceof Error ? error.message : String(error);
  return localFailure('unknown', message, false);
}

const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are not searched for: redacting a 1-3 character
 * value would mangle every message, and such a value protects nothing anyway.
 */
const MIN_REDACTED_LENGTH = 8;

/** The configured secrets worth redacting (set, and long enough to be told apart from ordinary text). */
export function redactableSecrets(secrets: readonly (string | undefined)[]): string[] {
  return secrets.filter((s): s is string => !!s && s.length >= MIN_REDACTED_LENGTH);
}

/**
 * Replaces every occurrence of each non-empty secret, and of its URL-encoded form
 * (Graph may echo a request URL or form body), with `[redacted]`. Longer secrets
 * go first so that a secret containing another is replaced whole.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  let result = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    result = result.split(form).join(REDACTED);
  }
  return result;
}

/** The failure with every secret removed from its message (see redactSecrets). */
export function redactFailure(failure: SendFailure, secrets: readonly string[]): SendFailure {
  const message = redactSecrets(failure.message, secrets);
  return message === failure.message ? failure : { ...failure, message };
}
