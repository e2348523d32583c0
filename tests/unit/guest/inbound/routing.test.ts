import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../../src/guest/core/config.ts';
import { SETTINGS } from '../../../../src/guest/core/settings.ts';
import type { InboundEvent, InboundMessage } from '../../../../src/guest/core/webhook/events.ts';
import { EVENT_TYPES, ROUTES, routeEvents } from '../../../../src/guest/inbound/routing.ts';
import { message, status, user } from '../core/webhook/support.ts';

const business = { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881' };

const EVENTS: Record<InboundEvent['type'], InboundEvent> = {
  message: message({ id: 'wamid.M', kind: 'text', content: 'hi', timestamp: 1 }),
  status: status({ id: 'wamid.S', status: 'read', timestamp: 2 }),
  echo: {
    type: 'echo',
    echo: { content: 'On it', to: user({ phone: '16505551234' }), id: 'wamid.E', kind: 'text', timestamp: 3, media: undefined, location: undefined, originalId: undefined, business },
  },
  preference: {
    type: 'preference',
    preference: { user: user({ phone: '16505551234' }), category: 'marketing_messages', value: 'stop', detail: 'User requested to stop marketing messages', timestamp: 4, business },
  },
  event: { type: 'event', event: { field: 'account_update', value: '{"event":"VERIFIED_ACCOUNT"}', entryId: '102290129340398', time: 5 } },
};

describe('ROUTES: each event type, its handler list, function and interfaces', () => {
  it.each(EVENT_TYPES)('%s', (type) => {
    const { setting, functionName, interfaces } = ROUTES[type];
    const [iface] = functionName.split('/');
    // The function is called on the interface the handlers must export, and the setting names it.
    expect(interfaces.every((name) => name.startsWith(`asterai:whatsapp/${iface}@`))).toBe(true);
    expect(interfaces[0]).toBe(`asterai:whatsapp/${iface}@0.3.0`);
    expect(SETTINGS[setting].description).toContain(functionName);
  });

  it('every type goes to its own list, through its own function, with its record as the one argument', () => {
    const env = Object.fromEntries(EVENT_TYPES.map((type) => [SETTINGS[ROUTES[type].setting].variable, `x:${type}`]));
    const routed = routeEvents(Object.values(EVENTS), readConfig(env));
    for (const [i, type] of EVENT_TYPES.entries()) {
      const event = routed[i]!;
      expect(event.type).toBe(type);
      expect(event.deliveries).toEqual([{ handler: `x:${type}`, function: ROUTES[type].functionName, args: 0 }]);
      expect(event.args).toHaveLength(1);
      expect(JSON.parse(event.args[0]!)).toHaveLength(1);
    }
    expect(JSON.parse(routed[4]!.args[0]!)).toEqual([{ field: 'account_update', value: '{"event":"VERIFIED_ACCOUNT"}', 'entry-id': '102290129340398', time: 5 }]);
  });

  it('names each event for the log, counts it by what tells events of its type apart, and orders it within its chat', () => {
    const routed = routeEvents(Object.values(EVENTS), readConfig({}));
    expect(routed.map(({ key, conversation, kind, label }) => ({ key, conversation, kind, label }))).toEqual([
      { key: 'wamid.M', conversation: '106540352242922/16505551234', kind: 'text', label: 'message wamid.M (text)' },
      { key: 'wamid.S:read', conversation: '106540352242922/16505551234', kind: 'read', label: 'status read of wamid.S' },
      { key: 'echo:wamid.E', conversation: '106540352242922/16505551234', kind: 'text', label: 'echo wamid.E (text)' },
      { key: 'preference:16505551234:marketing_messages:stop:4', conversation: '106540352242922/16505551234', kind: 'stop', label: 'preference stop of 16505551234' },
      {
        key: 'event:account_update:102290129340398:5:{"event":"VERIFIED_ACCOUNT"}',
        conversation: '102290129340398/account_update',
        kind: 'account_update',
        label: 'event account_update',
      },
    ]);
    // none configured: no arguments written, no deliveries
    expect(routed.every((event) => event.args.length === 0 && event.deliveries.length === 0)).toBe(true);
  });

  it('a message in a group is ordered within the group, a user without a phone number within their user id', () => {
    const [inGroup, byUserId] = routeEvents(
      [
        message({ id: 'wamid.G', kind: 'text', content: 'hi all', timestamp: 1, groupId: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOTo' }),
        message({ id: 'wamid.U', kind: 'text', content: 'hola', timestamp: 1, sender: { phone: '', userId: 'US.13491208655302741918' } }),
      ],
      readConfig({}),
    );
    expect(inGroup!.conversation).toBe('106540352242922/Y2FwaV9ncm91cDoxNzA1NTU1MDEzOTo');
    expect(byUserId!.conversation).toBe('106540352242922/US.13491208655302741918');
  });
});

describe('a message whose kind is new in 0.3.0, for handlers built against earlier WITs', () => {
  const NEW_KINDS: [InboundMessage['kind'], string][] = [
    ['welcome', 'unsupported'],
    ['flow-reply', 'interactive'],
    ['edit', 'unsupported'],
    ['revoke', 'unsupported'],
    ['number-change', 'system'],
    ['user-id-change', 'system'],
    ['identity-change', 'system'],
  ];

  it.each(NEW_KINDS)('%s is shown as %s to a handler that does not export incoming-handler@0.3.0, with the same content', (kind, before) => {
    const asked: string[] = [];
    const [event] = routeEvents([message({ id: 'wamid.N', kind, content: '[readable]', timestamp: 1 })], readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'new:one,old:one' }), (component, iface) => {
      asked.push(`${component} ${iface}`);
      return component.startsWith('new:');
    });
    expect(event!.deliveries).toEqual([
      { handler: 'new:one', function: 'incoming-handler/on-message', args: 0 },
      { handler: 'old:one', function: 'incoming-handler/on-message', args: 1 },
    ]);
    expect(JSON.parse(event!.args[0]!)[0]).toMatchObject({ kind, content: '[readable]' });
    expect(JSON.parse(event!.args[1]!)[0]).toMatchObject({ kind: before, content: '[readable]' });
    expect(asked).toEqual(['new:one asterai:whatsapp/incoming-handler@0.3.0', 'old:one asterai:whatsapp/incoming-handler@0.3.0']);
  });

  it('the host is asked once per handler and delivery, and only when an event needs adapting', () => {
    let asked = 0;
    const config = readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'old:one' });
    const implementsInterface = () => (asked++, false);
    const texts = [0, 1, 2].map((i) => message({ id: `wamid.T${i}`, kind: 'text', content: 'hi', timestamp: 1 }));
    expect(routeEvents(texts, config, implementsInterface).map((event) => event.args.length)).toEqual([1, 1, 1]);
    expect(asked).toBe(0);
    const welcomes = [0, 1, 2].map((i) => message({ id: `wamid.W${i}`, kind: 'welcome', content: 'hi', timestamp: 1 }));
    expect(routeEvents(welcomes, config, implementsInterface).map((event) => event.deliveries[0]!.args)).toEqual([1, 1, 1]);
    expect(asked).toBe(1);
    routeEvents(welcomes, config, implementsInterface);
    expect(asked).toBe(2);
  });

  it('a handler the host cannot answer for gets the adapted form, which 0.3.0 decodes too', () => {
    const [event] = routeEvents([message({ id: 'wamid.R', kind: 'revoke', content: '[deleted a message]', timestamp: 1 })], readConfig({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'x:y' }), () => {
      throw new Error('host unavailable');
    });
    expect(JSON.parse(event!.args[event!.deliveries[0]!.args]!)[0].kind).toBe('unsupported');
  });
});
