// What the webhook answers, decided from the request alone: route, method,
// Meta's GET verification handshake, body size and the X-Hub-Signature-256
// check. Nothing here dispatches; a verified payload is handed back to the
// caller, which acknowledges first and dispatches after (Meta redelivers what
// is not acknowledged quickly).
import type { Config } from '../core/config.ts';
import { parseJson } from '../core/json.ts';
import { verifySignature, type HmacSha256 } from '../core/signature.ts';
import { answerVerification } from '../core/verification.ts';
import type { HttpRequest, HttpResponse } from '../ports/http-incoming.ts';
import type { Log } from '../ports/log.ts';

export const WEBHOOK_PATH = '/webhook';
/** Meta's maximum webhook payload is 3 MB (WhatsApp Cloud API, "Webhooks"). */
export const MAX_WEBHOOK_BYTES = 3 * 1024 * 1024;

export interface WebhookOutcome {
  response: HttpResponse;
  /** The parsed JSON of a verified POST; absent for everything else. */
  payload?: unknown;
}

/** `hmacSha256` computes the signature's MAC (the port that keeps the key). */
export async function answerWebhook(request: HttpRequest, config: Config, log: Log, hmacSha256: HmacSha256): Promise<WebhookOutcome> {
  if (request.path !== WEBHOOK_PATH) return plain(404, `not found: the webhook is at ${WEBHOOK_PATH}`);
  switch (request.method) {
    case 'GET':
      return answerHandshake(request, config, log);
    case 'POST':
      return acceptDelivery(request, config, log, hmacSha256);
    default:
      return { response: { status: 405, headers: { allow: 'GET, POST', 'content-type': 'text/plain' }, body: 'method not allowed' } };
  }
}

function answerHandshake(request: HttpRequest, config: Config, log: Log): WebhookOutcome {
  if (!config.webhookVerifyToken) {
    log.error('webhook verification refused: WHATSAPP_WEBHOOK_VERIFY_TOKEN is not set');
    return plain(500, 'webhook verify token not configured');
  }
  const answer = answerVerification(request.query, config.webhookVerifyToken);
  if (answer.status === 200) log.info('webhook verification: answered Meta\'s challenge');
  else log.warn(`webhook verification refused with ${answer.status}: ${answer.body}`);
  return plain(answer.status, answer.body);
}

async function acceptDelivery(request: HttpRequest, config: Config, log: Log, hmacSha256: HmacSha256): Promise<WebhookOutcome> {
  if (!config.appSecret) {
    // Without the secret nothing can be verified, and nothing unsigned is ever accepted.
    log.error('webhook POST refused: WHATSAPP_APP_SECRET is not set, so signatures cannot be checked');
    return plain(500, 'app secret not configured');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_WEBHOOK_BYTES) return tooLarge(log, declared);
  const body = request.readBody(MAX_WEBHOOK_BYTES);
  if (body === 'too-large') return tooLarge(log, undefined);

  const verdict = await verifySignature(config.appSecret, body, request.headers.get('x-hub-signature-256'), hmacSha256);
  if (verdict !== 'valid') {
    log.warn(`webhook POST rejected (401): signature ${verdict}`);
    return plain(401, `invalid signature: ${verdict}`);
  }
  const payload = parseJson(body);
  if (payload === undefined) {
    // A 4xx would make Meta redeliver for days; there is nothing to retry.
    log.error(`webhook POST: signed body of ${body.length} bytes is not valid JSON; acknowledged and dropped`);
    return plain(200, 'ok');
  }
  return { ...plain(200, 'ok'), payload };
}

function tooLarge(log: Log, declared: number | undefined): WebhookOutcome {
  log.warn(`webhook POST rejected (413): body ${declared === undefined ? 'exceeds' : `of ${declared} bytes exceeds`} ${MAX_WEBHOOK_BYTES} bytes`);
  return plain(413, 'payload too large');
}

function plain(status: number, body: string): WebhookOutcome {
  return { response: { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body } };
}
