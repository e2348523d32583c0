import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../../src/guest/core/config.ts';
import type { InboundEvent, InboundMessage } from '../../../../src/guest/core/webhook.ts';
import { dispatchToHandlers } from '../../../../src/guest/inbound/dispatch.ts';
import type { CallOutcome } from '../../../../src/guest/ports/host-api.ts';
import type { Log } from '../../../../src/guest/ports/log.ts';

const business = { phoneNumberId: '1', displayPhoneNumber: '15550001111' };
function message(id: string, userId?: string): InboundMessage {
  return {
    content: `text of ${id}`,
    sender: { name: 'Ada', phone: '447700900123', userId },
    id,
    kind: 'text',
    timestamp: 1700000000,
    forwarded: false,
    business,
  };
}

function log(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (t) => lines.push(`info ${t}`), warn: (t) => lines.push(`warn ${t}`), error: (t) => lines.push(`error ${t}`) };
}

describe('dispatchToHandlers', () => {
  it('calls each handler per event, events in order, handlers in listed order, with WIT-keyed JSON', async () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one, b:two' });
    const calls: [string, string, unknown[]][] = [];
    const events: InboundEvent[] = [
      { type: 'message', message: message('wamid.1') },
      { type: 'message', message: message('wamid.2', 'US.123') },
    ];
    const report = await dispatchToHandlers(events, config, (c, f, a) => (calls.push([c, f, [...a]]), { ok: true, json: 'null' }), log());
    expect(calls.map(([c, , a]) => [c, (a[0] as { id: string }).id])).toEqual([
      ['a:one', 'wamid.1'],
      ['b:two', 'wamid.1'],
      ['a:one', 'wamid.2'],
      ['b:two', 'wamid.2'],
    ]);
    expect(calls[0]?.[1]).toBe('incoming-handler/on-message');
    expect((calls[0]?.[2][0] as { sender: Record<string, unknown> }).sender).toMatchObject({ 'user-id': null, name: 'Ada' });
    expect((calls[2]?.[2][0] as { sender: Record<string, unknown> }).sender['user-id']).toBe('US.123');
    expect(report).toEqual({ delivered: 4, failed: 0, duplicates: 0 });
  });

  it('logs a failing or missing handler with its name, error kind and message, and still calls the others', async () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:gone,b:ok' });
    const called: string[] = [];
    const lines = log();
    const report = await dispatchToHandlers(
      [{ type: 'message', message: message('wamid.9') }],
      config,
      (component): CallOutcome => {
        called.push(component);
        return component === 'a:gone'
          ? { ok: false, error: { kind: 'component-not-found', message: "component 'a:gone' not found" } }
          : { ok: true, json: 'null' };
      },
      lines,
    );
    expect(called).toEqual(['a:gone', 'b:ok']);
    expect(report).toEqual({ delivered: 1, failed: 1, duplicates: 0 });
    const error = lines.lines.find((l) => l.startsWith('error'));
    expect(error).toContain('a:gone');
    expect(error).toContain('component-not-found');
    expect(error).toContain("component 'a:gone' not found");
  });

  it('logs events it cannot dispatch when no handler is configured', async () => {
    const lines = log();
    const report = await dispatchToHandlers([{ type: 'message', message: message('wamid.3') }], readConfig({}), () => {
      throw new Error('must not be called');
    }, lines);
    expect(report).toEqual({ delivered: 0, failed: 0, duplicates: 0 });
    expect(lines.lines.join('\n')).toContain('wamid.3');
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
      ['wamid.old', 'wamid.new', 'wamid.new', 'wamid.broken'].map((id) => ({ type: 'message' as const, message: message(id) })),
      config,
      (_c, _f, args) => (called.push((args[0] as { id: string }).id), { ok: true, json: 'null' }),
      lines,
      claims,
    );
    expect(called).toEqual(['wamid.new', 'wamid.broken']);
    expect(report).toEqual({ delivered: 2, failed: 0, duplicates: 2 });
    expect(lines.lines.join('\n')).toContain('disk full');
  });
});
