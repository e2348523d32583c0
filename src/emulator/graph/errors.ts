// Graph API error responses, shaped like Meta's:
//   { "error": { "message", "type", "code", "error_subcode"?, "error_data"?: { "messaging_product",
//     "details" }, "fbtrace_id" } }
// Titles, details and HTTP statuses follow Meta's "WhatsApp error codes" page
// (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes) and
// the Graph API error-handling guide. The emulator only ever answers with errors from here.
import { jsonReply, type Reply } from '../exchange.ts';
import type { GraphErrorSpec } from '../types.ts';
import { newTraceId } from './ids.ts';

interface GraphErrorTemplate {
  status: number;
  title: string;
  details?: string;
  /** Messages of Graph-level errors (auth) are not prefixed with `(#code)`. */
  plainMessage?: boolean;
}

export const GRAPH_ERRORS: Readonly<Record<number, GraphErrorTemplate>> = {
  0: { status: 401, title: 'AuthException', details: 'We were unable to authenticate the app user.' },
  1: { status: 400, title: 'An unknown error occurred', details: 'Invalid request or possible server error.' },
  2: { status: 503, title: 'Service temporarily unavailable', details: 'Temporary due to downtime or due to being overloaded.' },
  3: { status: 500, title: 'Capability or permissions issue' },
  4: { status: 400, title: 'Application request limit reached', details: 'The app has reached its API call rate limit.' },
  10: { status: 403, title: 'Application does not have permission for this action' },
  100: { status: 400, title: 'Invalid parameter' },
  190: { status: 401, title: 'Error validating access token: Session has expired.', plainMessage: true },
  200: { status: 403, title: 'Permissions error' },
  368: { status: 403, title: 'Temporarily blocked for policies violations' },
  80007: { status: 400, title: 'Rate limit issues', details: 'The WhatsApp Business Account has reached its rate limit.' },
  130429: { status: 400, title: 'Rate limit hit', details: 'Cloud API message throughput has been reached.' },
  130472: { status: 400, title: "User's number is part of an experiment" },
  130497: { status: 403, title: 'Business account is restricted from messaging users in this country' },
  131000: { status: 500, title: 'Something went wrong', details: 'Message failed to send due to an unknown error.' },
  131005: { status: 403, title: 'Access denied', details: 'Permission is either not granted or has been removed.' },
  131008: { status: 400, title: 'Required parameter is missing', details: 'The request is missing a required parameter.' },
  131009: { status: 400, title: 'Parameter value is not valid', details: 'One or more parameter values are invalid.' },
  131016: { status: 503, title: 'Service unavailable', details: 'A service is temporarily unavailable.' },
  131021: { status: 400, title: 'Recipient cannot be sender', details: 'Sender and recipient phone number is the same.' },
  131026: {
    status: 400,
    title: 'Message Undeliverable',
    details: 'Unable to deliver message. The recipient may not be a WhatsApp user or may be using an old WhatsApp version.',
  },
  131030: {
    status: 400,
    title: 'Recipient phone number not in allowed list',
    details: 'Recipient phone number not in allowed list: add it to the recipient list and try again.',
  },
  131031: { status: 403, title: 'Account has been locked', details: 'The business account was restricted or disabled for a policy violation.' },
  131042: { status: 400, title: 'Business eligibility payment issue', details: 'There was an error related to your payment method.' },
  131047: {
    status: 400,
    title: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131048: { status: 400, title: 'Spam rate limit hit', details: 'Message failed to send because there are restrictions on how many messages can be sent from this phone number.' },
  131050: { status: 400, title: 'User has stopped marketing messages', details: 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.' },
  // Meta, "Business-scoped user IDs": error code 131062.
  131062: { status: 400, title: 'Business-scoped User ID (BSUID) recipients are not supported for this message', details: 'Business-scoped User ID (BSUID) recipients are not supported for this message.' },
  131051: { status: 400, title: 'Unsupported message type', details: 'Message type is not currently supported.' },
  131052: { status: 400, title: 'Media download error', details: "Unable to download the media sent by the user." },
  131053: { status: 400, title: 'Media upload error', details: 'Unable to upload the media used in the message.' },
  131056: {
    status: 400,
    title: '(Business Account, Consumer Account) pair rate limit hit',
    details: 'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  },
  131057: { status: 400, title: 'Account in maintenance mode', details: 'Business account is in maintenance mode.' },
  132000: { status: 400, title: 'Number of parameters does not match the expected number of params', details: 'The number of variable parameter values included in the request did not match the number of variable parameters defined in the template.' },
  132001: { status: 404, title: 'Template name does not exist in the translation', details: 'The template does not exist in the specified language or the template has not been approved.' },
  132005: { status: 400, title: 'Translated text too long', details: 'Translated text is too long.' },
  132007: { status: 400, title: 'Template Format Character Policy Violated', details: 'Template content violates a WhatsApp policy.' },
  132012: { status: 400, title: 'Parameter format does not match format in the created template', details: 'Variable parameter values formatted incorrectly.' },
  132015: { status: 400, title: 'Template is Paused', details: 'Template is paused due to low quality so it cannot be sent in a template message.' },
  132016: { status: 400, title: 'Template is Disabled', details: 'Template has been paused too many times due to low quality and is now permanently disabled.' },
  133010: { status: 400, title: 'Account not registered', details: 'The phone number is not registered on the WhatsApp Business Platform.' },
};

export interface GraphError {
  status: number;
  body: {
    error: {
      message: string;
      type: string;
      code: number;
      error_subcode?: number;
      error_data?: { messaging_product: 'whatsapp'; details: string };
      fbtrace_id: string;
    };
  };
}

/** Meta's error JSON for a code, with the table's title and details unless overridden. */
export function graphError(spec: GraphErrorSpec): GraphError {
  const { code, message, details, subcode, type, status } = typeof spec === 'number' ? { code: spec } : spec;
  const template = GRAPH_ERRORS[code];
  const title = template?.title ?? 'An unknown error occurred';
  const text = message ?? (template?.plainMessage ? title : `(#${code}) ${title}`);
  const detailText = details ?? template?.details;
  return {
    status: status ?? template?.status ?? (code >= 131000 && code < 133000 ? 400 : 500),
    body: {
      error: {
        message: text,
        type: type ?? 'OAuthException',
        code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        ...(detailText === undefined ? {} : { error_data: { messaging_product: 'whatsapp' as const, details: detailText } }),
        fbtrace_id: newTraceId(),
      },
    },
  };
}

/** Graph answers errors with the trace id in `x-fb-trace-id` as well. */
export function graphErrorReply(spec: GraphErrorSpec, extraHeaders: Record<string, string> = {}): Reply {
  const { status, body } = graphError(spec);
  const headers: Record<string, string> = { 'x-fb-trace-id': body.error.fbtrace_id, ...extraHeaders };
  if (status === 401) headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${body.error.message.replace(/"/g, "'")}"`;
  return jsonReply(status, body, headers);
}

/** A request that breaks a parameter rule: code 100, Meta's wording, HTTP 400. */
export function invalidParameter(message: string, details?: string): Reply {
  return graphErrorReply({ code: 100, message: `(#100) ${message}`, ...(details === undefined ? {} : { details }) });
}

/** What Graph answers for an id it does not know (or that does not support the call). */
export function unknownObject(method: string, id: string): Reply {
  return graphErrorReply({
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message:
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to ` +
      'missing permissions, or does not support this operation. Please read the Graph API documentation at ' +
      'https://developers.facebook.com/docs/graph-api',
  });
}
