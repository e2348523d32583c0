import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../../src/guest/core/config.ts';
import type { InboundEvent } from '../../../../src/guest/core/webhook/events.ts';
import { dispatchOnce } from '../../../../src/guest/inbound/dispatch.ts';
import { routeEvents } from '../../../../src/guest/inbound/routing.ts';
import type { CallOutcome } from '../../../../src/guest/ports/host-api.ts';
import { log, message, status } from '../support/events.ts';

const ok = (): CallOutcome => ({ ok: true, json: 'null' });

describe('routeEvents', () => {
  it('routes each event to the handlers of its type, in order, with WIT-keyed JSON arguments, a claim key and a conversation', () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one, b:two', WHATSAPP_STATUS_HANDLER_COMPONENTS: 'c:three' });
    const [text, read] = routeEvents([message('wamid.1', 'US.1'), status('wamid.9', 'read')], config);
    expect(text).toMatchObject({
      key: 'wamid.1',
      conversation: '1/447700900123',
      type: 'message',
      kind: 'text',
      label: 'message wamid.1 (text)',
      deliveries: [
        { handler: 'a:one', function: 'incoming-handler/on-message', args: 0 },
        { handler: 'b:two', function: 'incoming-handler/on-message', args: 0 },
      ],
    });
    const [arg] = JSON.parse(text!.args[0]!) as [{ id: string; sender: Record<string, unknown> }];
    expect(arg.sender).toStrictEqual({ name: 'Ada', phone: '447700900123', 'user-id': 'US.1', username: null, 'parent-user-id': null, address: '447700900123' });
    expect(read).toMatchObject({ key: 'wamid.9:read', conversation: '1/447700900123', type: 'status', kind: 'read', label: 'status read of wamid.9' });
    expect(read!.deliveries).toEqual([{ handler: 'c:three', function: 'status-handler/on-status', args: 0 }]);
  });

  it('keys a conversation by the user id when a user shows no phone number', () => {
    const [event] = routeEvents([message('wamid.1', 'US.7', 'text', '')], readConfig({}));
    expect(event).toMatchObject({ conversation: '1/US.7', args: [], deliveries: [] });
  });
});

describe('dispatchOnce (no state dir)', () => {
  it('calls each handler per event, events in order, handlers in listed order', () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one, b:two' });
    const calls: [string, string, string][] = [];
    const report = dispatchOnce(routeEvents([message('wamid.1'), message('wamid.2', 'US.123')], config), (c, f, a) => (calls.push([c, f, a]), ok()), log());
    expect(calls.map(([c, f, a]) => [c, f, (JSON.parse(a) as [{ id: string }])[0].id])).toEqual([
      ['a:one', 'incoming-handler/on-message', 'wamid.1'],
      ['b:two', 'incoming-handler/on-message', 'wamid.1'],
      ['a:one', 'incoming-handler/on-message', 'wamid.2'],
      ['b:two', 'incoming-handler/on-message', 'wamid.2'],
    ]);
    expect(report).toEqual({ delivered: 4, failed: 0, duplicates: 0, deadLettered: 0, pending: 0 });
  });

  it('logs one line for a delivery, not one per event', () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one', WHATSAPP_STATUS_HANDLER_COMPONENTS: 'a:one' });
    const lines = log();
    const events = [status('wamid.9', 'read'), message('wamid.1'), message('wamid.2', undefined, 'image'), message('wamid.3')];
    dispatchOnce(routeEvents(events, config), ok, lines);
    expect(lines.lines).toEqual(['info 3 messages (text 2, image 1) dispatched to a:one', 'info status read of wamid.9 dispatched to a:one']);
  });

  it('names the one event of a delivery as it did event by event', () => {
    const lines = log();
    dispatchOnce(routeEvents([message('wamid.1')], readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:one,b:two' })), ok, lines);
    expect(lines.lines).toEqual(['info message wamid.1 (text) dispatched to a:one, b:two']);
  });

  it('logs each failed dispatch with the event, the handler, the error kind and message, and still calls the others', () => {
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'a:gone,b:ok' });
    const called: string[] = [];
    const lines = log();
    const report = dispatchOnce(
      routeEvents([message('wamid.8'), message('wamid.9')], config),
      (component): CallOutcome => {
        called.push(component);
        return component === 'a:gone' ? { ok: false, error: { kind: 'component-not-found', message: "component 'a:gone' not found" } } : ok();
      },
      lines,
    );
    expect(called).toEqual(['a:gone', 'b:ok', 'a:gone', 'b:ok']);
    expect(report).toEqual({ delivered: 2, failed: 2, duplicates: 0, deadLettered: 0, pending: 0 });
    expect(lines.lines).toEqual([
      "error message wamid.8 (text) NOT delivered to a:gone: component-not-found: component 'a:gone' not found",
      "error message wamid.9 (text) NOT delivered to a:gone: component-not-found: component 'a:gone' not found",
      'info 2 messages (text 2) dispatched to a:gone, b:ok; NOT delivered to a:gone (2 of 2)',
    ]);
  });

  it('says what it cannot dispatch when no handler is configured', () => {
    const lines = log();
    const report = dispatchOnce(routeEvents([message('wamid.3'), status('wamid.4', 'sent')], readConfig({})), () => {
      throw new Error('must not be called');
    }, lines);
    expect(report).toEqual({ delivered: 0, failed: 0, duplicates: 0, deadLettered: 0, pending: 0 });
    expect(lines.lines).toEqual([
      'info message wamid.3 (text): no message handler configured, not dispatched',
      'info status sent of wamid.4: no status handler configured, not dispatched',
    ]);
  });

  it('echoes, preferences and events go to their own lists, each named in the summary by what tells them apart', () => {
    const config = readConfig({ WHATSAPP_ECHO_HANDLER_COMPONENTS: 'a:desk', WHATSAPP_PREFERENCE_HANDLER_COMPONENTS: 'a:crm', WHATSAPP_EVENT_HANDLER_COMPONENTS: 'a:ops' });
    const business = { phoneNumberId: '1', displayPhoneNumber: '15550001111' };
    const to = { name: '', phone: '447700900123', userId: undefined, username: undefined, parentUserId: undefined, address: '447700900123' };
    const events: InboundEvent[] = [
      { type: 'echo', echo: { content: 'On it', to, id: 'wamid.E1', kind: 'text', timestamp: 1, media: undefined, location: undefined, originalId: undefined, business } },
      { type: 'preference', preference: { user: to, category: 'marketing_messages', value: 'stop', detail: 'x', timestamp: 2, business } },
      { type: 'event', event: { field: 'account_update', value: '{}', entryId: '9', time: 3 } },
      { type: 'event', event: { field: 'security', value: '{}', entryId: '9', time: 4 } },
      message('wamid.M'),
    ];
    const calls: string[] = [];
    const lines = log();
    dispatchOnce(routeEvents(events, config), (c, f) => (calls.push(`${c} ${f}`), ok()), lines);
    expect(calls).toEqual(['a:desk echo-handler/on-echo', 'a:crm preference-handler/on-preference', 'a:ops event-handler/on-event', 'a:ops event-handler/on-event']);
    expect(lines.lines).toEqual([
      'info message wamid.M (text): no message handler configured, not dispatched',
      'info echo wamid.E1 (text) dispatched to a:desk',
      'info preference stop of 447700900123 dispatched to a:crm',
      'info 2 events (account_update 1, security 1) dispatched to a:ops',
    ]);
  });
});
