import { describe, expect, it } from 'vitest';
import { readOptions } from '../../src/emulator/options.ts';

describe('readOptions', () => {
  it('gives Meta-like defaults', () => {
    expect(readOptions([], {})).toEqual({
      host: '127.0.0.1',
      port: 0,
      accessToken: 'emulator-access-token',
      phoneNumberId: '106540352242922',
      displayPhoneNumber: '+1 555-078-3881',
      verifiedName: 'Emulated Business',
      wabaId: '102290129340398',
      statusDelayMs: 100,
      enforceWindow: false,
      authenticationTemplates: ['verification_code'],
      mediaUrlTtlMs: 300_000,
    });
  });

  it('reads the authentication templates as a comma-separated list', () => {
    expect(readOptions(['--authentication-templates', 'otp_login, verify_code ,'], {}).authenticationTemplates).toEqual(['otp_login', 'verify_code']);
  });

  it('turns the conversation log on with --log-events=true or EMULATOR_LOG_EVENTS', () => {
    expect(readOptions(['--log-events=true'], {}).logEvents).toBe(true);
    expect(readOptions([], { EMULATOR_LOG_EVENTS: 'true' }).logEvents).toBe(true);
    expect(readOptions([], {}).logEvents).toBeUndefined();
  });

  it('takes flags in both spellings over env vars', () => {
    const options = readOptions(['--port', '8080', '--access-token=flag-token', '--enforce-window=true'], {
      EMULATOR_PORT: '9090',
      EMULATOR_ACCESS_TOKEN: 'env-token',
      EMULATOR_APP_SECRET: 'env-secret',
      EMULATOR_WEBHOOK_URL: 'http://127.0.0.1:1/webhook',
    });
    expect(options).toMatchObject({ port: 8080, accessToken: 'flag-token', appSecret: 'env-secret', webhookUrl: 'http://127.0.0.1:1/webhook', enforceWindow: true });
  });

  it.each([
    [['--port', 'eighty'], '--port must be an integer, got "eighty"'],
    [['--nope'], 'unknown argument "--nope"'],
    [['--port'], '--port needs a value'],
    [['--enforce-window=yes'], '--enforce-window must be true or false'],
    [['--webhook-url', 'not a url'], '--webhook-url must be an absolute URL'],
  ])('rejects %j', (argv, message) => {
    expect(() => readOptions(argv, {})).toThrow(message);
  });
});
