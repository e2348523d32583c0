// The emulator's public shapes: what its control API (`/_emulator/...`) accepts and returns.
// spawn.ts and the tests import these; nothing here depends on Node.

/** One HTTP request the emulator received on its Graph side (everything but `/_emulator/`); the latest 10,000 are kept. */
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
  /** The raw body decoded as UTF-8 (binary uploads come out lossy: see `multipart`), up to 1 MiB. */
  body: string;
  bodyBytes: number;
  /** Set when `body` holds only the first MiB. */
  bodyTruncated?: boolean;
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
    /**
     * A regular expression tested against the body as text: `"to":` picks the sends of
     * `POST /messages` and leaves out read receipts, which go to the same path.
     */
    bodyPattern?: string;
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
  /**
   * Accept the message (200 and a wamid) but report it `failed` with this Graph error code in
   * the status webhook, as Meta does for undeliverable messages (131026) and the like.
   */
  failStatus?: number;
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
  /**
   * Refuse free-form messages (131047) to users who have not written in the last 24 hours, as
   * Meta does outside the customer service window. Off by default: tests send to anyone.
   */
  enforceWindow: boolean;
  /**
   * The templates Meta files as authentication templates (one-tap, zero-tap, copy code): Meta
   * refuses to send them to a user id (131062, "Business-scoped user IDs"), as the emulator does.
   */
  authenticationTemplates: string[];
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
  /** Print one readable line per conversation event on stderr (conversation/event-log.ts). */
  logEvents?: boolean;
}

// ---- The sandbox half: the user's side of the conversation and the webhooks Meta would send.

export type OutboundStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';
export type InboundStatus = 'received' | 'read';

/** One message in a user's conversation with the business, either way. */
export interface TranscriptEntry {
  /** Bumped whenever the entry changes (e.g. a status): poll with `since` to see changes. */
  revision: number;
  direction: 'outbound' | 'inbound';
  /** The user's WhatsApp id (digits). */
  user: string;
  wamid: string;
  /** text, image, audio, video, document, sticker, location, reaction, buttons, list, template,
   * contacts, echo (sent from the WhatsApp Business app) (outbound); the InboundKind (inbound). */
  kind: string;
  /** A one-line rendering of the content. */
  text: string;
  time: string;
  /** Outbound: Meta's delivery status. Inbound: "read" once the business marked it read. */
  status: OutboundStatus | InboundStatus;
  /** The message this one replies to (context). */
  replyTo?: string;
  /** Inbound: the business showed the typing indicator for it. */
  typing?: boolean;
}

export interface TranscriptPage {
  /** The transcript's current revision: pass it back as `since` to get only what changes next. */
  revision: number;
  entries: TranscriptEntry[];
}

/** What a user (or, for `echo`, someone at the business in the WhatsApp Business app) does. */
export const INBOUND_KINDS = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'button-reply',
  'list-reply',
  'reaction',
  'unsupported',
  'contacts',
  'welcome',
  'referral',
  'flow-reply',
  'order',
  'edit',
  'revoke',
  'number-change',
  'user-id-change',
  'identity-change',
  'echo',
  'opt-out',
  'opt-in',
  'event',
] as const;

export type InboundKind = (typeof INBOUND_KINDS)[number];

/** `POST /_emulator/inbound`: a user writes to the business (or something else Meta reports happens). */
export interface InboundSpec {
  /** The user's number (default 16505551234). */
  from?: string;
  /** Profile name (default "Sandbox User"). */
  name?: string;
  /** The user's business-scoped user id (default: one the emulator derives from the number). */
  userId?: string;
  /** The user's parent business-scoped user id, as linked business portfolios see it. */
  parentUserId?: string;
  /** The user's WhatsApp username (default none; "@sandbox.user" with `phoneHidden`). */
  username?: string;
  /**
   * The user adopted a username and Meta does not share their phone number: the webhook has no
   * `from` and no `wa_id`, only the user id (Meta, "Business-scoped user IDs").
   */
  phoneHidden?: boolean;
  /** The message is written in this group (`group_id`); the conversation is the group's. */
  groupId?: string;
  kind?: InboundKind;
  /**
   * text body, media caption, the reply's title, a shared contact's name, a Flow's answer, an
   * order's note, an edit's new text, the number a user changed to, the staff's text of an echo.
   */
  text?: string;
  /** context.id: the message this one replies to (button/list replies default to the last one offered). */
  replyTo?: string;
  /** Media: bytes (default a small sample of the right type), mime type, document filename. */
  dataBase64?: string;
  mimeType?: string;
  filename?: string;
  latitude?: number;
  longitude?: number;
  locationName?: string;
  address?: string;
  /** button-reply / list-reply: the option chosen, by id, or by position in the offer (default 0). */
  optionId?: string;
  optionIndex?: number;
  /** reaction: the emoji ("" removes) and the message reacted to (default the last one sent to the user). */
  emoji?: string;
  /** reaction, edit, revoke: the message they concern (default the last one sent to, or by, the user). */
  messageId?: string;
  /** event: the webhook field, and its value (a JSON object), for any field but messages. */
  field?: string;
  value?: unknown;
  /** Several messages in one webhook POST: a count (in one `messages` array) or a shape. */
  batch?: number | { entries?: number; changes?: number; messages?: number };
}

/** One webhook POST the emulator made. */
export interface WebhookDelivery {
  seq: number;
  time: string;
  /** `messages` (user messages), `statuses`, or another webhook field (`smb_message_echoes`, `user_preferences`, ...). */
  kind: 'messages' | 'statuses' | 'other';
  /** The webhook field of an `other` delivery. */
  field?: string;
  url: string;
  /** The exact bytes sent, as text (Meta's escaped JSON). */
  body: string;
  signature: string;
  /** The webhook's answer, or the network error. */
  status?: number;
  response?: string;
  error?: string;
  durationMs: number;
}

export interface InboundResult {
  messages: TranscriptEntry[];
  delivery: WebhookDelivery;
}
