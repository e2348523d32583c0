import { describe, expect, it } from 'vitest';
import { answerVerification } from '../../../../src/guest/core/verification.ts';

const TOKEN = 'my-verify-token';

describe('answerVerification', () => {
  it.each([
    // [query, configured token, status, body]
    ['hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=1158201444', TOKEN, 200, '1158201444'],
    ['hub.challenge=abc&hub.verify_token=my-verify-token&hub.mode=subscribe', TOKEN, 200, 'abc'],
    ['?hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=42', TOKEN, 200, '42'],
    // percent-encoded names and values, UTF-8, '+' as space
    ['hub.mode=subscribe&hub.verify_token=caf%C3%A9+%26+cr%C3%A8me&hub.challenge=x', 'café & crème', 200, 'x'],
    ['hub%2Emode=subscribe&hub.verify_token=my-verify-token&hub.challenge=x', TOKEN, 200, 'x'],
    ['hub.mode=subscribe&hub.verify_token=%F0%9F%94%91key&hub.challenge=x', '🔑key', 200, 'x'],
    // the challenge is echoed decoded and exactly
    ['hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=a%20b%2Bc', TOKEN, 200, 'a b+c'],
    // the first occurrence wins
    ['hub.mode=subscribe&hub.verify_token=my-verify-token&hub.verify_token=other&hub.challenge=1&hub.challenge=2', TOKEN, 200, '1'],
    ['hub.mode=subscribe&hub.verify_token=other&hub.verify_token=my-verify-token&hub.challenge=1', TOKEN, 403, 'hub.verify_token does not match'],
    // missing parameters → 400, whatever else is wrong
    ['', TOKEN, 400, 'missing hub.mode, hub.verify_token, hub.challenge'],
    ['hub.verify_token=my-verify-token&hub.challenge=1', TOKEN, 400, 'missing hub.mode'],
    ['hub.mode=subscribe&hub.challenge=1', TOKEN, 400, 'missing hub.verify_token'],
    ['hub.mode=subscribe&hub.verify_token=my-verify-token', TOKEN, 400, 'missing hub.challenge'],
    ['hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=', TOKEN, 400, 'missing hub.challenge'],
    ['hub.mode=unsubscribe&hub.verify_token=wrong', TOKEN, 400, 'missing hub.challenge'],
    ['hub_mode=subscribe&hub_verify_token=my-verify-token&hub_challenge=1', TOKEN, 400, 'missing hub.mode, hub.verify_token, hub.challenge'],
    // wrong mode or token → 403
    ['hub.mode=unsubscribe&hub.verify_token=my-verify-token&hub.challenge=1', TOKEN, 403, 'hub.mode must be subscribe'],
    ['hub.mode=Subscribe&hub.verify_token=my-verify-token&hub.challenge=1', TOKEN, 403, 'hub.mode must be subscribe'],
    ['hub.mode=&hub.verify_token=my-verify-token&hub.challenge=1', TOKEN, 403, 'hub.mode must be subscribe'],
    ['hub.mode=subscribe&hub.verify_token=my-verify-toke&hub.challenge=1', TOKEN, 403, 'hub.verify_token does not match'],
    ['hub.mode=subscribe&hub.verify_token=my-verify-token2&hub.challenge=1', TOKEN, 403, 'hub.verify_token does not match'],
    ['hub.mode=subscribe&hub.verify_token=MY-VERIFY-TOKEN&hub.challenge=1', TOKEN, 403, 'hub.verify_token does not match'],
    ['hub.mode=subscribe&hub.verify_token=my-verify-token+&hub.challenge=1', TOKEN, 403, 'hub.verify_token does not match'],
    // NFC é vs NFD e + combining accent: different bytes, no match
    ['hub.mode=subscribe&hub.verify_token=cafe%CC%81&hub.challenge=1', 'café', 403, 'hub.verify_token does not match'],
    // an empty configured token never matches, not even an empty hub.verify_token
    ['hub.mode=subscribe&hub.verify_token=&hub.challenge=1', '', 403, 'hub.verify_token does not match'],
  ] as const)('%j (token %j) → %i %j', (query, token, status, body) => {
    expect(answerVerification(query, token)).toEqual({ status, body });
  });
});
