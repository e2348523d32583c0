import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../../src/guest/core/config.ts';
import type { InboundEvent, InboundMessage } from '../../../../src/guest/core/webhook/events.ts';
import { dispatchToHandlers } from '../../../../src/guest/inbound/dispatch.ts';
import type { CallOutcome } from '../../../../src/guest/ports/host-api.ts';
import type { Log } from '../../../../src/guest/ports/log.ts';

const business = { phoneNumberId: '1', displayPhoneNumber: '15550001111' };
function message(id: string, userId?: string, kind: InboundMessage['kind'] = 'text'): InboundEvent {
  return {
    type: 'message',
    message: {
      content: `text of ${id}`,
      sender: { name: 'Ada', phone: '447700900123', userId, username: undefined },
      id,
      kind,
      timestamp: 1700000000,
      replyTo: undefined,
      replyId: undefined,
      forwarded: false,
      media: undefined,
      location: undefined,
      business,
    },
  };
}

function status(id: string, kind: 'sent' | 'delivered' | 'read'): InboundEvent {
  return {
    type: 'status',
    status: { id, recipient: '447700900123', status: kind, timestamp: 1700000001, errors: [], conversationId: undefined, pricingCategory: undefined, callbackData: undefined, business },
  };
}

function log(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (t) => lines.push(`info ${t}`), warn: (t) => lines.push(`warn ${t}`), error: (t) => lines.push(`error ${t}`) };
}

const ok = (): CallOutcome => ({ ok: true, json: 'null' });

describe('dispatchToHandlers', () => {
  it('calls each handler per event, events in order, handlers in listed order, with WIT-keyed JSON arguments', async () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one, b:two' });
    const calls: [string, string, string][] = [];
    const events = [message('wamid.1'), message('wamid.2', 'US.123')];
    const report = await dispatchToHandlers(events, config, (c, f, a) => (calls.push([c, f, a]), ok()), log());
    const args = calls.map(([, , json]) => JSON.parse(json) as [{ id: string; sender: Record<string, unknown> }]);
    expect(calls.map(([c], i) => [c, args[i]?.[0].id])).toEqual([
      ['a:one', 'wamid.1'],
      ['b:two', 'wamid.1'],
      ['a:one', 'wamid.2'],
      ['b:two', 'wamid.2'],
    ]);
    expect(calls[0]?.[1]).toBe('incoming-handler/on-message');
    expect(args[0]?.[0].sender).toStrictEqual({ name: 'Ada', phone: '447700900123', 'user-id': null, username: null });
    expect(args[2]?.[0].sender['user-id']).toBe('US.123');
    expect(report).toEqual({ delivered: 4, failed: 0, duplicates: 0 });
  });

  it('logs one line for a delivery, not one per event', async () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one', WHATSAPP_STATUS_HANDLER_COMPONENTS: 'a:one' });
    const lines = log();
    const events = [message('wamid.1'), message('wamid.2', undefined, 'image'), message('wamid.3'), status('wamid.9', 'read')];
    await dispatchToHandlers(events, config, ok, lines);
    expect(lines.lines).toEqual(['info 3 messages (text 2, image 1) dispatched to a:one', 'info status read of wamid.9 dispatched to a:one']);
  });

  it('names the one event of a delivery as it did event by event', async () => {
    const lines = log();
    await dispatchToHandlers([message('wamid.1')], readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one,b:two' }), ok, lines);
    expect(lines.lines).toEqual(['info message wamid.1 (text) dispatched to a:one, b:two']);
  });

  it('logs each failed dispatch with the event, the handler, the error kind and message, and still calls the others', async () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:gone,b:ok' });
    const called: string[] = [];
    const lines = log();
    const report = await dispatchToHandlers(
      [message('wamid.8'), message('wamid.9')],
      config,
      (component): CallOutcome => {
        called.push(component);
        return component === 'a:gone' ? { ok: false, error: { kind: 'component-not-found', message: "component 'a:gone' not found" } } : ok();
      },
      lines,
    );
    expect(called).toEqual(['a:gone', 'b:ok', 'a:gone', 'b:ok']);
    expect(report).toEqual({ delivered: 2, failed: 2, duplicates: 0 });
    expect(lines.lines).toEqual([
      "error message wamid.8 (text) NOT delivered to a:gone: component-not-found: component 'a:gone' not found",
      "error message wamid.9 (text) NOT delivered to a:gone: component-not-found: component 'a:gone' not found",
      'info 2 messages (text 2) dispatched to a:gone, b:ok; NOT delivered to a:gone (2 of 2)',
    ]);
  });

  it('says what it cannot dispatch when no handler is configured', async () => {
    const lines = log();
    const report = await dispatchToHandlers([message('wamid.3'), status('wamid.4', 'sent')], readConfig({}), () => {
      throw new Error('must not be called');
    }, lines);
    expect(report).toEqual({ delivered: 0, failed: 0, duplicates: 0 });
    expect(lines.lines).toEqual([
      'info message wamid.3 (text): no message handler configured, not dispatched',
      'info status sent of wamid.4: no status handler configured, not dispatched',
    ]);
  });

  it('skips events a claim store says were claimed before, and dispatches when the store fails', async () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one' });
    const seen = new Set<string>(['wamid.old']);
    const claims = {
      async claim(key: string) {
        if (key === 'wamid.broken') throw new Error('disk full');
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      },
      prune: () => 0,
    };
    const called: string[] = [];
    const lines = log();
    const report = await dispatchToHandlers(
      ['wamid.old', 'wamid.new', 'wamid.new', 'wamid.broken'].map((id) => message(id)),
      config,
      (_c, _f, args) => (called.push((JSON.parse(args) as [{ id: string }])[0].id), ok()),
      lines,
      claims,
    );
    expect(called).toEqual(['wamid.new', 'wamid.broken']);
    expect(report).toEqual({ delivered: 2, failed: 0, duplicates: 2 });
    expect(lines.lines).toEqual([
      'error message wamid.broken (text): disk full; dispatching it unclaimed',
      'info 2 messages (text 2) dispatched to a:one',
      'info 2 messages (text 2): already delivered (a redelivery), skipped',
    ]);
  });
});
