// Graph API failures, classified from one table. Codes from Meta's WhatsApp Cloud API
// "Error codes" reference and the Graph API "Handling errors" guide.
import { failure, type ErrorKind, type SendFailure } from './failure.ts';
import { asInteger, asObject, nonBlank } from './json.ts';
import { PHONE_NUMBER_NEEDED } from './recipient.ts';

interface ErrorClass {
  kind: ErrorKind;
  retryable: boolean;
  /** Single codes, or inclusive [from, to] ranges. */
  codes: readonly (number | readonly [number, number])[];
  why: string;
  /** What to do instead, appended to Meta's message. */
  advice?: string;
}

/** The one table. The first row whose codes contain the error code wins. */
export const GRAPH_ERROR_CLASSES: readonly ErrorClass[] = [
  { kind: 'auth', retryable: false, codes: [0, 190, 10, [200, 299]], why: 'token missing, expired or lacking a permission' },
  {
    kind: 'auth',
    retryable: false,
    codes: [368, 131031, 130497, 131042],
    why: 'account problem (restricted, locked, country not allowed, payment): Meta message kept',
  },
  { kind: 'rate-limited', retryable: true, codes: [4, 80007, 130429, 131056], why: 'too many calls or messages' },
  { kind: 'server', retryable: true, codes: [1, 2, 131000, 131016], why: 'temporary problem at Meta' },
  { kind: 'window-closed', retryable: false, codes: [131047], why: 'more than 24 h since the user last wrote: send a template' },
  { kind: 'recipient', retryable: false, codes: [131026, 131030, 131021, 131050], why: 'the recipient cannot receive this message' },
  {
    // Meta, "Business-scoped user IDs": 131062 "Business-scoped User ID (BSUID) recipients are not
    // supported for this message"; one-tap, zero-tap and copy-code authentication templates need
    // the user's phone number.
    kind: 'recipient',
    retryable: false,
    codes: [131062],
    why: 'this message cannot go to a user id',
    advice: PHONE_NUMBER_NEEDED,
  },
  { kind: 'invalid-request', retryable: false, codes: [100, 131008, 131009, 131051], why: 'a parameter is missing or invalid' },
  { kind: 'template', retryable: false, codes: [[132000, 132016]], why: 'template missing, paused or parameters wrong' },
  { kind: 'media', retryable: false, codes: [131052, 131053], why: 'media could not be downloaded or uploaded' },
];

/** 131056 (pair rate limit): Meta wants at least 6 s between messages to the same user. */
export const PAIR_RATE_LIMIT_CODE = 131056;
export const PAIR_RATE_LIMIT_DELAY_MS = 6000;

function classOf(code: number): ErrorClass | undefined {
  return GRAPH_ERROR_CLASSES.find((row) =>
    row.codes.some((entry) => (typeof entry === 'number' ? entry === code : code >= entry[0] && code <= entry[1])),
  );
}

/** Used when there is no Graph error code: from the HTTP status alone. */
function classifyStatus(httpStatus: number): { kind: ErrorKind; retryable: boolean } {
  if (httpStatus === 429) return { kind: 'rate-limited', retryable: true };
  if (httpStatus >= 500 && httpStatus <= 599) return { kind: 'server', retryable: true };
  if (httpStatus === 401 || httpStatus === 403) return { kind: 'auth', retryable: false };
  if (httpStatus >= 400 && httpStatus <= 499) return { kind: 'invalid-request', retryable: false };
  return { kind: 'unknown', retryable: false };
}

/**
 * Classifies a failed Graph call. `body` is the parsed JSON answer (or undefined
 * when there was none or it was not JSON); Graph's error shape is
 * `{ error: { message, type, code, error_subcode, error_data: { messaging_product, details }, fbtrace_id } }`.
 * With a Graph error code the table decides (a code not in it is `unknown`, not
 * retryable); without one the HTTP status does (429 rate-limited, 5xx server,
 * 401/403 auth, other 4xx invalid-request).
 */
export function classifyGraphResponse(httpStatus: number, body: unknown): SendFailure {
  const error = asObject(asObject(body)?.error);
  const code = asInteger(error?.code);
  const traceId = nonBlank(error?.fbtrace_id)?.trim();
  const metaMessage = nonBlank(error?.message)?.trim();
  const details = nonBlank(asObject(error?.error_data)?.details)?.trim();

  let message = metaMessage ?? (code !== undefined ? `Graph API error ${code}` : `the Graph API answered HTTP ${httpStatus}`);
  if (details !== undefined && !message.includes(details)) message = `${message}: ${details}`;

  const row = code === undefined ? undefined : classOf(code);
  const { kind, retryable } = code === undefined ? classifyStatus(httpStatus) : (row ?? { kind: 'unknown', retryable: false });
  if (row?.advice !== undefined) message = `${message} (${row.advice})`;
  return failure(kind, message, { retryable, code, httpStatus, traceId });
}

// RFC 9110 HTTP-date forms all start with a day name ("Sun, 06 Nov 1994 08:49:37 GMT",
// "Sunday, 06-Nov-94 ...", "Sun Nov  6 ..."). Checking that first keeps Date.parse
// from reading "1.5" or "12" as a date.
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/**
 * Retry-After as a delay in milliseconds: delay-seconds (`"120"`) or an HTTP-date
 * (a date in the past gives 0). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : undefined;
  }
  if (!HTTP_DATE.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
