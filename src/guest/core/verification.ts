import { timingSafeEqual } from './constant-time.ts';

export interface VerificationAnswer {
  status: 200 | 400 | 403;
  body: string;
}

const encoder = new TextEncoder();

/**
 * Answers Meta's webhook verification GET: `hub.mode=subscribe`, `hub.verify_token`
 * equal to ours, and `hub.challenge` echoed back verbatim.
 *
 * `query` is the raw query string without `?` (a leading `?` is tolerated). Values
 * are decoded the way URLSearchParams does (UTF-8 percent-decoding, `+` is a space)
 * and the first occurrence of a parameter wins. A parameter that is absent, or a
 * challenge that is empty (there is nothing to echo), is a 400. A wrong mode or token
 * is a 403; an empty configured token never matches, so an unconfigured component
 * cannot be subscribed by sending an empty hub.verify_token.
 */
export function answerVerification(query: string, verifyToken: string): VerificationAnswer {
  const params = new URLSearchParams(query);
  const mode = params.get('hub.mode');
  const token = params.get('hub.verify_token');
  const challenge = params.get('hub.challenge');

  const missing = [
    mode === null ? 'hub.mode' : undefined,
    token === null ? 'hub.verify_token' : undefined,
    challenge === null || challenge === '' ? 'hub.challenge' : undefined,
  ].filter((name) => name !== undefined);
  if (mode === null || token === null || challenge === null || challenge === '') {
    return { status: 400, body: `missing ${missing.join(', ')}` };
  }
  if (mode !== 'subscribe') {
    return { status: 403, body: 'hub.mode must be subscribe' };
  }
  const tokenMatches = timingSafeEqual(encoder.encode(token), encoder.encode(verifyToken));
  if (verifyToken === '' || !tokenMatches) {
    return { status: 403, body: 'hub.verify_token does not match' };
  }
  return { status: 200, body: challenge };
}
