import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../../src/guest/core/config.ts';
import { SETTING_ROWS, parseComponentList } from '../../../../src/guest/core/settings.ts';

describe('the settings table', () => {
  it('lists every variable once, in the documented order, with the documented defaults and secrets', () => {
    expect(SETTING_ROWS.map((v) => [v.variable, v.required, v.default, v.secret])).toEqual([
      ['WHATSAPP_ACCESS_TOKEN', true, undefined, true],
      ['WHATSAPP_PHONE_NUMBER_ID', true, undefined, false],
      ['WHATSAPP_APP_SECRET', true, undefined, true],
      ['WHATSAPP_WEBHOOK_VERIFY_TOKEN', true, undefined, true],
      ['WHATSAPP_INCOMING_HANDLER_COMPONENTS', false, undefined, false],
      ['WHATSAPP_STATUS_HANDLER_COMPONENTS', false, undefined, false],
      ['WHATSAPP_ECHO_HANDLER_COMPONENTS', false, undefined, false],
      ['WHATSAPP_PREFERENCE_HANDLER_COMPONENTS', false, undefined, false],
      ['WHATSAPP_EVENT_HANDLER_COMPONENTS', false, undefined, false],
      ['WHATSAPP_API_BASE_URL', false, 'https://graph.facebook.com', false],
      ['WHATSAPP_API_VERSION', false, 'v25.0', false],
      ['WHATSAPP_API_TIMEOUT_MS', false, '10000', false],
      ['WHATSAPP_STATE_DIR', false, undefined, false],
      ['WHATSAPP_HANDLER_MAX_ATTEMPTS', false, '6', false],
      ['WHATSAPP_HANDLER_RETRY_WINDOW_MS', false, '3600000', false],
      ['WHATSAPP_REPLAY_SCHEDULE', false, '*/15 * * * * *', false],
      ['WHATSAPP_SEND_RETRY_BUDGET_MS', false, '5000', false],
    ]);
    for (const row of SETTING_ROWS) expect(row.description.length).toBeGreaterThan(10);
  });

  it('has defaults that readConfig itself accepts', () => {
    const config = readConfig({});
    expect(config.apiBaseUrl).toBe('https://graph.facebook.com');
    expect(config.apiVersion).toBe('v25.0');
    expect(config.sendRetryBudgetMs).toBe(5000);
    expect([config.handlerMaxAttempts, config.handlerRetryWindowMs, config.replaySchedule]).toEqual([6, 3_600_000, '*/15 * * * * *']);
  });

  it.each([
    ['WHATSAPP_HANDLER_MAX_ATTEMPTS', '0', 'WHATSAPP_HANDLER_MAX_ATTEMPTS must be a whole number from 1 to 100, got "0"'],
    ['WHATSAPP_HANDLER_MAX_ATTEMPTS', '2.5', 'WHATSAPP_HANDLER_MAX_ATTEMPTS must be a whole number from 1 to 100, got "2.5"'],
    ['WHATSAPP_HANDLER_RETRY_WINDOW_MS', '604800001', 'WHATSAPP_HANDLER_RETRY_WINDOW_MS must be a whole number of milliseconds from 0 to 604800000 (7 days), got "604800001"'],
    ['WHATSAPP_REPLAY_SCHEDULE', 'hourly', 'WHATSAPP_REPLAY_SCHEDULE must be a cron expression of 5, 6 or 7 fields, like "*/15 * * * * *" (every 15 seconds), got "hourly"'],
  ])('refuses %s=%s', (variable, value, message) => {
    expect(() => readConfig({ [variable]: value })).toThrow(message);
  });

  it('reads a replay schedule of 5 fields, spaces collapsed', () => {
    expect(readConfig({ WHATSAPP_REPLAY_SCHEDULE: ' */5   * * * * ' }).replaySchedule).toBe('*/5 * * * *');
  });
});

describe('parseComponentList', () => {
  it.each([
    [undefined, []],
    ['', []],
    [' , ,, ', []],
    ['acme:agent', ['acme:agent']],
    [' acme:agent , acme:logger ,', ['acme:agent', 'acme:logger']],
    ['b:two,a:one,b:two, a:one ,c:three', ['b:two', 'a:one', 'c:three']],
  ])('%j → %j', (value, expected) => {
    expect(parseComponentList(value)).toEqual(expected);
  });

  it('is what readConfig uses for both handler lists', () => {
    const config = readConfig({
      WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'x:a, ,x:a,x:b',
      WHATSAPP_STATUS_HANDLER_COMPONENTS: ',x:c,',
    });
    expect(config.incomingHandlerComponents).toEqual(['x:a', 'x:b']);
    expect(config.statusHandlerComponents).toEqual(['x:c']);
  });
});
