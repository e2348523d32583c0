// The component's settings, one row per environment variable: the variable, whether
// it is required, its default, how its value is read, whether it is a secret, and what
// it is for. `Config` and its reader (config.ts), the setup check, the list of secrets
// to redact, asterai.toml and the README's table all come from this table
// (tests/project/manifest.test.ts checks the last two against it).
import { ConfigError } from './failure.ts';

export interface Setting<T> {
  variable: string;
  /** Required for the component to do everything; a send or the webhook asks for it when it needs it. */
  required: boolean;
  /** Used when the variable is unset or blank. */
  default?: string;
  /** Redacted from every log line and every error. */
  secret: boolean;
  description: string;
  /**
   * The setting from the trimmed value, or the default (undefined when neither);
   * a value that is present but invalid is a ConfigError naming the variable.
   */
  read(value: string | undefined, variable: string): T;
}

export const SETTINGS = {
  accessToken: {
    variable: 'WHATSAPP_ACCESS_TOKEN',
    required: true,
    secret: true,
    description: 'Graph API bearer token: a permanent system-user token with the WhatsApp permissions',
    read: asIs,
  },
  phoneNumberId: {
    variable: 'WHATSAPP_PHONE_NUMBER_ID',
    required: true,
    secret: false,
    description: "The sending number's phone number id, shown under WhatsApp > API Setup in the Meta app",
    read: asIs,
  },
  appSecret: {
    variable: 'WHATSAPP_APP_SECRET',
    required: true,
    secret: true,
    description: 'The Meta app secret: the HMAC key that signs webhook deliveries (X-Hub-Signature-256)',
    read: asIs,
  },
  webhookVerifyToken: {
    variable: 'WHATSAPP_WEBHOOK_VERIFY_TOKEN',
    required: true,
    secret: true,
    description: 'Any secret string: Meta sends it back as hub.verify_token when you register the webhook',
    read: asIs,
  },
  incomingHandlerComponents: {
    variable: 'WHATSAPP_INCOMING_HANDLER_COMPONENTS',
    required: false,
    secret: false,
    description: 'Comma-separated component names (ns:name) that receive every inbound message through incoming-handler/on-message',
    read: parseComponentList,
  },
  statusHandlerComponents: {
    variable: 'WHATSAPP_STATUS_HANDLER_COMPONENTS',
    required: false,
    secret: false,
    description: 'Comma-separated component names (ns:name) that receive every delivery status through status-handler/on-status',
    read: parseComponentList,
  },
  echoHandlerComponents: {
    variable: 'WHATSAPP_ECHO_HANDLER_COMPONENTS',
    required: false,
    secret: false,
    description:
      'Comma-separated component names (ns:name) that receive what people at the business send from the WhatsApp Business app (smb_message_echoes) through echo-handler/on-echo',
    read: parseComponentList,
  },
  preferenceHandlerComponents: {
    variable: 'WHATSAPP_PREFERENCE_HANDLER_COMPONENTS',
    required: false,
    secret: false,
    description: "Comma-separated component names (ns:name) that receive users' marketing message preferences (user_preferences) through preference-handler/on-preference",
    read: parseComponentList,
  },
  eventHandlerComponents: {
    variable: 'WHATSAPP_EVENT_HANDLER_COMPONENTS',
    required: false,
    secret: false,
    description:
      'Comma-separated component names (ns:name) that receive every other webhook field (account_update, template status, calls, ...) verbatim through event-handler/on-event',
    read: parseComponentList,
  },
  apiBaseUrl: {
    variable: 'WHATSAPP_API_BASE_URL',
    required: false,
    default: 'https://graph.facebook.com',
    secret: false,
    description: 'Graph API base URL (tests point it at a local fake)',
    read: readBaseUrl,
  },
  apiVersion: {
    variable: 'WHATSAPP_API_VERSION',
    required: false,
    default: 'v25.0',
    secret: false,
    description: 'Graph API version, like v25.0',
    read: readApiVersion,
  },
  apiTimeoutMs: {
    variable: 'WHATSAPP_API_TIMEOUT_MS',
    required: false,
    default: '10000',
    secret: false,
    description: 'How long one Graph API call may take, in milliseconds, before the send fails with a timeout error',
    read: (value: string | undefined, variable: string) => readMilliseconds(value, variable, ' of at least 1', 1),
  },
  stateDir: {
    variable: 'WHATSAPP_STATE_DIR',
    required: false,
    secret: false,
    description:
      'A directory granted to the component (asterai --allow-dir) where each webhook delivery is journaled before it is acknowledged, so that a crash loses no event, a redelivery reaches handlers once, and failed handlers are retried',
    read: asIs,
  },
  handlerMaxAttempts: {
    variable: 'WHATSAPP_HANDLER_MAX_ATTEMPTS',
    required: false,
    default: '6',
    secret: false,
    description:
      'How many times an inbound event is offered to a handler that fails, the first time included, before it becomes a dead letter (with WHATSAPP_STATE_DIR); 1 disables retries',
    read: (value: string | undefined, variable: string) => readWholeNumber(value, variable, ' from 1 to 100', 1, 100),
  },
  handlerRetryWindowMs: {
    variable: 'WHATSAPP_HANDLER_RETRY_WINDOW_MS',
    required: false,
    default: '3600000',
    secret: false,
    description:
      'The time in milliseconds from a handler\'s first failure over which its retries are spread, each wait four times the one before, the last at the end of the window (with WHATSAPP_STATE_DIR; at most 7 days)',
    read: (value: string | undefined, variable: string) => readWholeNumber(value, variable, ' of milliseconds from 0 to 604800000 (7 days)', 0, MAX_RETRY_WINDOW_MS),
  },
  replaySchedule: {
    variable: 'WHATSAPP_REPLAY_SCHEDULE',
    required: false,
    default: '*/15 * * * * *',
    secret: false,
    description:
      'When events not yet delivered are replayed and failed handlers retried, as a cron expression for asterai:host-cron (UTC; 6 fields with seconds first, or 5) (with WHATSAPP_STATE_DIR)',
    read: readCronExpression,
  },
  sendRetryBudgetMs: {
    variable: 'WHATSAPP_SEND_RETRY_BUDGET_MS',
    required: false,
    default: '5000',
    secret: false,
    description: 'Total time in milliseconds a send may spend retrying rate-limited or failed Graph calls; 0 disables retries',
    read: (value: string | undefined, variable: string) => readMilliseconds(value, variable, ' (0 disables retries)', 0),
  },
} as const satisfies Readonly<Record<string, Setting<unknown>>>;

export type SettingKey = keyof typeof SETTINGS;

/** The rows in table order, each with its key. */
export const SETTING_ROWS = (Object.keys(SETTINGS) as SettingKey[]).map((key) => ({ key, ...(SETTINGS[key] as Setting<unknown>) }));

function asIs(value: string | undefined): string | undefined {
  return value;
}

/** Comma-separated names: trimmed, empty entries and duplicates dropped, first occurrence's order kept. */
export function parseComponentList(value: string | undefined): string[] {
  if (value === undefined) return [];
  const names: string[] = [];
  for (const part of value.split(',')) {
    const name = part.trim();
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

function readBaseUrl(value: string | undefined, variable: string): string {
  const text = value ?? '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(variable, `${variable} is not a valid URL: "${text}"; use an absolute http(s) URL like https://graph.facebook.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(variable, `${variable} must be an http or https URL, got "${text}"`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(variable, `${variable} must not have a query or fragment, got "${text}"; the version and path are appended to it`);
  }
  return text.replace(/\/+$/, '');
}

function readApiVersion(value: string | undefined, variable: string): string {
  const text = value ?? '';
  if (!/^v\d+\.\d+$/.test(text)) {
    throw new ConfigError(variable, `${variable} must look like v25.0 (a "v", a major and a minor number), got "${text}"`);
  }
  return text;
}

function readMilliseconds(value: string | undefined, variable: string, meaning: string, minimum: number): number {
  return readWholeNumber(value, variable, ` of milliseconds${meaning}`, minimum, Number.MAX_SAFE_INTEGER);
}

/** `meaning` follows "a whole number" in the error: ` of milliseconds (0 disables retries)`. */
function readWholeNumber(value: string | undefined, variable: string, meaning: string, minimum: number, maximum: number): number {
  const text = value ?? '';
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < minimum || n > maximum) {
    throw new ConfigError(variable, `${variable} must be a whole number${meaning}, got "${text}"`);
  }
  return n;
}

/**
 * Meta redelivers an unacknowledged webhook for up to 7 days (WhatsApp Cloud API, "Webhooks"),
 * and claims and journals are kept 8: a retry window longer than 7 days would outlive them.
 */
export const MAX_RETRY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** asterai's scheduler takes 5, 6 or 7 fields (runtime/src/runtime/cron.rs); the fields themselves are checked when it is created. */
function readCronExpression(value: string | undefined, variable: string): string {
  const text = (value ?? '').replace(/\s+/g, ' ');
  const fields = text.split(' ').length;
  if (fields < 5 || fields > 7) {
    throw new ConfigError(variable, `${variable} must be a cron expression of 5, 6 or 7 fields, like "*/15 * * * * *" (every 15 seconds), got "${value ?? ''}"`);
  }
  return text;
}
