import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../../src/guest/core/config.ts';
import { GraphTransportError } from '../../../../src/guest/ports/graph-http.ts';
import { failure, fakeGraph, sendText, sent as ok, testConfig } from './fake-graph.ts';

// Retries have their own tests (graph-client-retries.test.ts).
const config = testConfig({ WHATSAPP_SEND_RETRY_BUDGET_MS: '0' });

describe('GraphClient.sendTexts', () => {
  it('posts one text message to {base}/{version}/{phone-number-id}/messages with the normalised recipient', async () => {
    const graph = fakeGraph((_r, n) => ok(n));
    const ids = await sendText(graph.client(config), '+44 (7700) 900-123', 'hi', 'wamid.quoted');
    expect(ids).toEqual(['wamid.SENT1']);
    const [req] = graph.requests;
    expect(req).toMatchObject({ method: 'POST', url: 'http://graph.test/v26.0/1065/messages', accessToken: 'EAAG-secret-token-0123456789' });
    expect(req?.json).toMatchObject({ messaging_product: 'whatsapp', to: '447700900123', type: 'text', text: { body: 'hi' }, context: { message_id: 'wamid.quoted' } });
  });

  it('splits a long body into several messages, only the first quoting the replied message', async () => {
    const graph = fakeGraph((_r, n) => ok(n));
    const body = 'word '.repeat(2000).trim();
    const ids = await sendText(graph.client(config), '15550001111', body, 'wamid.q');
    expect(ids).toEqual(['wamid.SENT1', 'wamid.SENT2', 'wamid.SENT3']);
    const sent = graph.requests.map((r) => r.json as { text: { body: string }; context?: unknown });
    expect(sent.every((m) => m.text.body.length <= 4096)).toBe(true);
    expect(sent.map((m) => m.context !== undefined)).toEqual([true, false, false]);
  });

  it('rejects an empty body without a request', async () => {
    const graph = fakeGraph((_r, n) => ok(n));
    const error = await failure(sendText(graph.client(config), '15550001111', '  \n '));
    expect(error.failure.kind).toBe('invalid-request');
    expect(graph.requests).toHaveLength(0);
  });

  it('turns a Graph error into a classified failure carrying Meta\'s code and trace id', async () => {
    const graph = fakeGraph(() => ({
      status: 400,
      json: { error: { message: 'Re-engagement message', type: 'OAuthException', code: 131047, error_data: { details: 'more than 24 hours' }, fbtrace_id: 'AbC' } },
    }));
    const error = await failure(sendText(graph.client(config), '15550001111', 'hi'));
    expect(error.failure).toMatchObject({ kind: 'window-closed', code: 131047, httpStatus: 400, traceId: 'AbC', retryable: false });
    expect(error.failure.message).toContain('Re-engagement message');
  });

  it('says which parts were sent when a later part fails', async () => {
    const graph = fakeGraph((_r, n) => (n === 2 ? { status: 500, json: { error: { message: 'boom', code: 131000 } } } : ok(n)));
    const error = await failure(sendText(graph.client(config), '15550001111', 'x'.repeat(5000)));
    expect(error.failure.kind).toBe('server');
    expect(error.failure.message).toContain('wamid.SENT1');
  });

  it('maps transport failures to timeout and network', async () => {
    const timedOut = fakeGraph(() => ({ fail: new GraphTransportError({ kind: 'timeout', timeoutMs: 10000 }) }));
    const timeout = await failure(sendText(timedOut.client(config), '15550001111', 'hi'));
    expect(timeout.failure).toMatchObject({ kind: 'timeout', code: 0, httpStatus: 0 });
    const unreachable = fakeGraph(() => ({ fail: new GraphTransportError({ kind: 'network', reason: 'could not reach Graph: refused' }) }));
    const network = await failure(sendText(unreachable.client(config), '15550001111', 'hi'));
    expect(network.failure).toMatchObject({ kind: 'network', code: 0, httpStatus: 0 });
  });

  it('fails with a config error naming the variable when the token is missing', async () => {
    const graph = fakeGraph((_r, n) => ok(n));
    const client = graph.client(readConfig({ WHATSAPP_PHONE_NUMBER_ID: '1' }));
    const error = await failure(sendText(client, '15550001111', 'hi'));
    expect(error.failure.kind).toBe('config');
    expect(error.failure.message).toContain('WHATSAPP_ACCESS_TOKEN');
    expect(graph.requests).toHaveLength(0);
  });
});

describe('GraphClient.getSelf', () => {
  it('reads verified_name and the digits of display_phone_number, once per instance', async () => {
    const graph = fakeGraph(() => ({ json: { verified_name: 'Acme Support', display_phone_number: '+1 555-010-2030', id: '1065' } }));
    const client = graph.client(config);
    expect(await client.getSelf()).toEqual({ name: 'Acme Support', phone: '15550102030', address: '15550102030' });
    await client.getSelf();
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]?.url).toMatch(/^http:\/\/graph\.test\/v26\.0\/1065\?fields=/);
  });
});
