// The emulator's public shapes: what its control API (`/_emulator/...`) accepts and returns.
// spawn.ts and the tests import these; nothing here depends on Node.

/** One HTTP request the emulator received on its Graph side (everything but `/_emulator/`). */
export interface RecordedRequest {
  /** 1, 2, 3... in arrival order; never reused until the emulator restarts. */
  seq: number;
  /** ISO-8601 time the request headers arrived. */
  time: string;
  method: string;
  /** Path with the query string, as sent: `/v25.0/106540352242922/messages?x=1`. */
  path: string;
  /** Header names lowercased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The raw body decoded as UTF-8 (binary uploads come out lossy: see `multipart`). */
  body: string;
  bodyBytes: number;
  /** The parsed body when the content-type says JSON and it parses; otherwise undefined. */
  json?: unknown;
  /** The parts of a multipart/form-data body: fields as text, files summarised. */
  multipart?: RecordedMultipart;
  /** The fault that answered this request instead of the emulator, if any. */
  fault?: FaultSpec;
}

export interface RecordedMultipart {
  fields: Record<string, string>;
  files: Array<{ name: string; filename?: string; contentType?: string; size: number; sha256: string }>;
}

/** A Graph error to answer with, by Meta error code; see graph/errors.ts for the table. */
export type GraphErrorSpec =
  | number
  | {
      code: number;
      message?: string;
      details?: string;
      subcode?: number;
      type?: string;
      status?: number;
    };

/**
 * One scripted failure. Queued by `POST /_emulator/faults`; the first fault whose `match`
 * fits an incoming Graph request answers it, and is used up after `times` requests.
 */
export interface FaultSpec {
  match?: {
    /** Case-insensitive HTTP method. */
    method?: string;
    /** A regular expression (JavaScript syntax) tested against the path with its query. */
    pathPattern?: string;
  };
  /** How many requests this fault answers (default 1); "always" keeps it until cleared. */
  times?: number | 'always';
  /** Wait this long before answering (or before continuing normally when nothing else is set). */
  delayMs?: number;
  /** Answer with this status (default 200 with `body`, or the Graph error's status). */
  status?: number;
  /** Answer with this body: a string is sent as is, anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer with Meta's error JSON for this code (realistic message, fbtrace_id, HTTP status). */
  graphError?: GraphErrorSpec;
  /** Put the request's Authorization header into the error message (Graph sometimes echoes the token). */
  echoAuthorization?: boolean;
  /** Never answer; the request stays open until the client goes away. */
  hang?: boolean;
  /** Answer 200 with a body that is not JSON. */
  garbage?: boolean;
  /** Destroy the socket without an HTTP response. */
  drop?: boolean;
}

/** A queued fault and how many more requests it will answer. */
export interface PendingFault {
  fault: FaultSpec;
  remaining: number | 'always';
}

/** Settings that may be changed while the emulator runs (`PATCH /_emulator/config`). */
export interface RuntimeSettings {
  /** Where inbound messages and statuses are POSTed (the component's webhook). */
  webhookUrl?: string;
  /** HMAC-SHA256 key for `X-Hub-Signature-256`. */
  appSecret?: string;
  /** Pause between the sent, delivered and read statuses of one message; -1 disables them. */
  statusDelayMs: number;
  /** How long a media download URL stays valid. */
  mediaUrlTtlMs: number;
}

/** Everything the emulator needs to start. */
export interface EmulatorOptions extends RuntimeSettings {
  host: string;
  port: number;
  accessToken: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  wabaId: string;
}
