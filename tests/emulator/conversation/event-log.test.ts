// The emulator's conversation log (--log-events): one line per event, in the sandbox's columns.
import { describe, expect, it } from 'vitest';
import { deliveryLine, followConversation, logLine, shortWamids } from '../../../src/emulator/conversation/event-log.ts';
import { Transcript } from '../../../src/emulator/conversation/transcript.ts';
import type { WebhookDelivery } from '../../../src/emulator/types.ts';

const WAMID_IN = 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBRBMjlGODlGRUIwNzEwMDAwMDAwMQA=';
const WAMID_OUT = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBQ0QkVCREFBNjZGQUEwMDAwMDAwMgA=';

function delivery(fields: Partial<WebhookDelivery>): WebhookDelivery {
  return { seq: 1, time: '', kind: 'messages', url: 'http://127.0.0.1:1/webhook', body: '{}', signature: 'sha256=00', durationMs: 12, ...fields };
}

describe('logLine', () => {
  it('puts the local time to the millisecond, the source in a column, then the text', () => {
    const time = new Date(2026, 10, 28, 9, 5, 7, 42);
    expect(logLine(time, 'webhook', 'text')).toBe('09:05:07.042  webhook           text');
    expect(logLine(time, 'asterai:whatsapp', 'x')).toBe('09:05:07.042  asterai:whatsapp  x');
  });
});

describe('shortWamids', () => {
  it('keeps the tail of every wamid, which tells them apart', () => {
    expect(shortWamids(`👍 on ${WAMID_OUT}, see ${WAMID_IN}.`)).toBe('👍 on wamid…MDAwMDAwMgA=, see wamid…MDAwMDAwMQA=.');
    expect(shortWamids('no ids here')).toBe('no ids here');
  });
});

describe('deliveryLine', () => {
  it.each([
    [delivery({ status: 200 }), 1, '1 message, signed with the app secret → 200 accepted in 12 ms'],
    [delivery({ status: 200 }), 3, '3 messages, signed with the app secret → 200 accepted in 12 ms'],
    [delivery({ status: 401, response: 'invalid signature: mismatch' }), 1, '1 message, signed with the app secret → 401 "invalid signature: mismatch" in 12 ms'],
    [delivery({ error: 'fetch failed: connect ECONNREFUSED 127.0.0.1:1' }), 1, '1 message, signed with the app secret, not delivered: fetch failed: connect ECONNREFUSED 127.0.0.1:1 (12 ms)'],
    [delivery({ kind: 'statuses', status: 500, response: 'internal error' }), 1, 'a status, signed with the app secret → 500 "internal error" in 12 ms'],
  ])('%#: %s', (given, count, line) => {
    expect(deliveryLine(given, count)).toBe(line);
  });

  it('leaves accepted statuses to the status handlers', () => {
    expect(deliveryLine(delivery({ kind: 'statuses', status: 200 }), 1)).toBeUndefined();
  });
});

describe('followConversation', () => {
  it('writes a line when a user writes, the business reads and types, sends, or a send fails; not for ticks', async () => {
    const transcript = new Transcript();
    const lines: string[] = [];
    const stop = new AbortController();
    const following = followConversation(transcript, (line) => lines.push(line.slice(14)), stop.signal);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

    transcript.addInbound({ user: '16505551234', wamid: WAMID_IN, kind: 'text', text: 'hello', time: new Date().toISOString() });
    await settle();
    transcript.markRead(WAMID_IN, true);
    await settle();
    const sent = { wamid: WAMID_OUT, to: '16505551234', waId: '16505551234', kind: 'text', summary: 'You said: hello', body: {} };
    transcript.addOutbound(sent as never, new Date());
    await settle();
    transcript.setStatus(WAMID_OUT, 'sent');
    transcript.setStatus(WAMID_OUT, 'delivered');
    await settle();
    transcript.addInbound({ user: '16505551234', wamid: 'wamid.second', kind: 'image', text: 'media id 1', time: new Date().toISOString() });
    transcript.setStatus(WAMID_OUT, 'failed');
    await settle();
    stop.abort();
    await following;

    expect(lines).toEqual([
      'user → business   16505551234: hello',
      'business          read "hello", typing…',
      'business → user   16505551234: You said: hello',
      'user → business   16505551234: [image] media id 1',
      'business → user   ✗ failed: "You said: hello"',
    ]);
  });
});
