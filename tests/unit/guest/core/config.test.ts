import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  readConfig,
  readSettings,
  requireSetting,
  secretsIn,
} from '../../../../src/guest/core/config.ts';

const FULL = {
  WHATSAPP_ACCESS_TOKEN: 'EAAG-token',
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
  WHATSAPP_APP_SECRET: 'app-secret',
  WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'verify-me',
};

function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readConfig', () => {
  it('reads a complete environment', () => {
    expect(
      readConfig({
        ...FULL,
        WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'acme:agent,acme:logger',
        WHATSAPP_STATUS_HANDLER_COMPONENTS: 'acme:receipts',
        WHATSAPP_ECHO_HANDLER_COMPONENTS: 'acme:agent',
        WHATSAPP_PREFERENCE_HANDLER_COMPONENTS: 'acme:agent, acme:crm',
        WHATSAPP_EVENT_HANDLER_COMPONENTS: 'acme:ops',
        WHATSAPP_API_BASE_URL: 'http://127.0.0.1:8999',
        WHATSAPP_API_VERSION: 'v26.0',
        WHATSAPP_STATE_DIR: '/state',
        WHATSAPP_SEND_RETRY_BUDGET_MS: '0',
        WHATSAPP_API_TIMEOUT_MS: '2500',
      }),
    ).toStrictEqual({
      accessToken: 'EAAG-token',
      phoneNumberId: '106540352242922',
      appSecret: 'app-secret',
      webhookVerifyToken: 'verify-me',
      incomingHandlerComponents: ['acme:agent', 'acme:logger'],
      statusHandlerComponents: ['acme:receipts'],
      echoHandlerComponents: ['acme:agent'],
      preferenceHandlerComponents: ['acme:agent', 'acme:crm'],
      eventHandlerComponents: ['acme:ops'],
      apiBaseUrl: 'http://127.0.0.1:8999',
      apiVersion: 'v26.0',
      stateDir: '/state',
      handlerMaxAttempts: 6,
      handlerRetryWindowMs: 3_600_000,
      replaySchedule: '*/15 * * * * *',
      sendRetryBudgetMs: 0,
      apiTimeoutMs: 2500,
    });
  });

  it('reads an empty environment as all unset, with defaults', () => {
    expect(readConfig({})).toStrictEqual({
      accessToken: undefined,
      phoneNumberId: undefined,
      appSecret: undefined,
      webhookVerifyToken: undefined,
      incomingHandlerComponents: [],
      statusHandlerComponents: [],
      echoHandlerComponents: [],
      preferenceHandlerComponents: [],
      eventHandlerComponents: [],
      apiBaseUrl: 'https://graph.facebook.com',
      apiVersion: 'v25.0',
      stateDir: undefined,
      handlerMaxAttempts: 6,
      handlerRetryWindowMs: 3_600_000,
      replaySchedule: '*/15 * * * * *',
      sendRetryBudgetMs: 5000,
      apiTimeoutMs: 10_000,
    });
  });

  it('trims values and treats blank as unset (defaults apply)', () => {
    const config = readConfig({
      WHATSAPP_ACCESS_TOKEN: '  tok \n',
      WHATSAPP_APP_SECRET: '   ',
      WHATSAPP_API_VERSION: ' ',
      WHATSAPP_API_BASE_URL: '',
      WHATSAPP_SEND_RETRY_BUDGET_MS: ' 250 ',
      WHATSAPP_STATE_DIR: '\t',
    });
    expect(config.accessToken).toBe('tok');
    expect(config.appSecret).toBeUndefined();
    expect(config.apiVersion).toBe('v25.0');
    expect(config.apiBaseUrl).toBe('https://graph.facebook.com');
    expect(config.sendRetryBudgetMs).toBe(250);
    expect(config.stateDir).toBeUndefined();
  });

  it.each([
    ['https://graph.facebook.com/', 'https://graph.facebook.com'],
    ['https://graph.facebook.com///', 'https://graph.facebook.com'],
    ['http://localhost:8080/fake/', 'http://localhost:8080/fake'],
    ['http://127.0.0.1:9', 'http://127.0.0.1:9'],
  ])('base URL %s becomes %s', (value, expected) => {
    expect(readConfig({ WHATSAPP_API_BASE_URL: value }).apiBaseUrl).toBe(expected);
  });

  it.each([
    ['WHATSAPP_API_BASE_URL', 'graph.facebook.com', 'not a valid URL'],
    ['WHATSAPP_API_BASE_URL', 'ftp://graph.facebook.com', 'http or https'],
    ['WHATSAPP_API_BASE_URL', 'https://graph.facebook.com/?x=1', 'query or fragment'],
    ['WHATSAPP_API_VERSION', '25.0', 'v25.0'],
    ['WHATSAPP_API_VERSION', 'v25', 'v25.0'],
    ['WHATSAPP_API_VERSION', 'latest', 'v25.0'],
    ['WHATSAPP_SEND_RETRY_BUDGET_MS', '5s', 'whole number'],
    ['WHATSAPP_SEND_RETRY_BUDGET_MS', '-1', 'whole number'],
    ['WHATSAPP_SEND_RETRY_BUDGET_MS', '1.5', 'whole number'],
    ['WHATSAPP_SEND_RETRY_BUDGET_MS', '99999999999999999999', 'whole number'],
    ['WHATSAPP_API_TIMEOUT_MS', '0', 'at least 1'],
    ['WHATSAPP_API_TIMEOUT_MS', '10s', 'whole number'],
  ])('%s=%s is a ConfigError naming the variable and the value', (variable, value, hint) => {
    const error = configError(() => readConfig({ [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(`"${value}"`);
    expect(error.message).toContain(hint);
  });
});

describe('readSettings', () => {
  it('lists missing and blank required variables in table order, as not set', () => {
    const { problems } = readSettings({ WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'x', WHATSAPP_ACCESS_TOKEN: '  ' });
    expect(problems.map((p) => [p.variable, p.unset])).toEqual([
      ['WHATSAPP_ACCESS_TOKEN', true],
      ['WHATSAPP_PHONE_NUMBER_ID', true],
      ['WHATSAPP_APP_SECRET', true],
    ]);
  });

  it('reports every missing and invalid variable at once, in table order, and keeps the valid values', () => {
    const { problems, values } = readSettings({
      WHATSAPP_ACCESS_TOKEN: 't',
      WHATSAPP_PHONE_NUMBER_ID: '1',
      WHATSAPP_API_VERSION: '25',
      WHATSAPP_SEND_RETRY_BUDGET_MS: 'lots',
    });
    expect(problems.map((p) => p.variable)).toEqual([
      'WHATSAPP_APP_SECRET',
      'WHATSAPP_WEBHOOK_VERIFY_TOKEN',
      'WHATSAPP_API_VERSION',
      'WHATSAPP_SEND_RETRY_BUDGET_MS',
    ]);
    for (const problem of problems) expect(problem).toBeInstanceOf(ConfigError);
    expect(values).toMatchObject({ accessToken: 't', apiBaseUrl: 'https://graph.facebook.com', apiTimeoutMs: 10_000 });
    expect('apiVersion' in values).toBe(false);
  });

  it('reads each value once', () => {
    let reads = 0;
    const env = new Proxy(FULL as Record<string, string>, {
      get(target, name: string) {
        if (name === 'WHATSAPP_API_VERSION') reads++;
        return target[name];
      },
    });
    expect(readSettings(env).problems).toEqual([]);
    expect(reads).toBe(1);
  });

  it('is empty for a valid environment', () => {
    expect(readSettings(FULL).problems).toEqual([]);
  });
});

describe('secretsIn', () => {
  it('gives the secret settings as set and trimmed, and nothing else', () => {
    expect(secretsIn({ ...FULL, WHATSAPP_APP_SECRET: ' app-secret ' }).sort()).toEqual(
      ['EAAG-token', 'EAAG-token', ' app-secret ', 'app-secret', 'verify-me', 'verify-me'].sort(),
    );
  });
});

describe('requireSetting', () => {
  const config = readConfig({ WHATSAPP_ACCESS_TOKEN: 'tok', WHATSAPP_STATE_DIR: '/s' });

  it('returns a set value', () => {
    expect(requireSetting(config, 'accessToken')).toBe('tok');
    expect(requireSetting(config, 'stateDir')).toBe('/s');
    expect(requireSetting(config, 'apiVersion')).toBe('v25.0');
  });

  it.each([
    ['phoneNumberId', 'WHATSAPP_PHONE_NUMBER_ID'],
    ['appSecret', 'WHATSAPP_APP_SECRET'],
    ['webhookVerifyToken', 'WHATSAPP_WEBHOOK_VERIFY_TOKEN'],
  ] as const)('throws a ConfigError naming the env var for %s', (key, variable) => {
    const error = configError(() => requireSetting(config, key));
    expect(error.variable).toBe(variable);
    expect(error.name).toBe('ConfigError');
    expect(error.message.startsWith(`${variable} is not set: `)).toBe(true);
  });

  it('says how to fix it', () => {
    const error = configError(() => requireSetting(config, 'appSecret'));
    expect(error.message).toBe(
      "WHATSAPP_APP_SECRET is not set: add it to the environment's variables " +
        '(The Meta app secret: the HMAC key that signs webhook deliveries (X-Hub-Signature-256))',
    );
  });
});
