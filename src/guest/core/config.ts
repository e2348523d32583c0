// The one config reader. Env vars reach the component through wasi:cli/environment;
// the port turns them into a plain map and everything else reads `Config`.

export interface EnvVarSpec {
  name: string;
  required: boolean;
  default?: string;
  description: string;
}

/**
 * The single table of env vars. asterai.toml and the README list the same names,
 * requiredness, defaults and descriptions (a test checks they agree).
 */
export const ENV_VARS: readonly EnvVarSpec[] = [
  {
    name: 'WHATSAPP_ACCESS_TOKEN',
    required: true,
    description: 'Graph API bearer token: a permanent system-user token with the WhatsApp permissions',
  },
  {
    name: 'WHATSAPP_PHONE_NUMBER_ID',
    required: true,
    description: "The sending number's phone number id, shown under WhatsApp > API Setup in the Meta app",
  },
  {
    name: 'WHATSAPP_APP_SECRET',
    required: true,
    description: 'The Meta app secret: the HMAC key that signs webhook deliveries (X-Hub-Signature-256)',
  },
  {
    name: 'WHATSAPP_WEBHOOK_VERIFY_TOKEN',
    required: true,
    description: 'Any secret string: Meta sends it back as hub.verify_token when you register the webhook',
  },
  {
    name: 'WHATSAPP_INCOMING_HANDLER_COMPONENTS',
    required: false,
    description: 'Comma-separated component names (ns:name) that receive every inbound message through incoming-handler/on-message',
  },
  {
    name: 'WHATSAPP_STATUS_HANDLER_COMPONENTS',
    required: false,
    description: 'Comma-separated component names (ns:name) that receive every delivery status through status-handler/on-status',
  },
  {
    name: 'WHATSAPP_API_BASE_URL',
    required: false,
    default: 'https://graph.facebook.com',
    description: 'Graph API base URL (tests point it at a local fake)',
  },
  {
    name: 'WHATSAPP_API_VERSION',
    required: false,
    default: 'v25.0',
    description: 'Graph API version, like v25.0',
  },
  {
    name: 'WHATSAPP_API_TIMEOUT_MS',
    required: false,
    default: '10000',
    description: 'How long one Graph API call may take, in milliseconds, before the send fails with a timeout error',
  },
  {
    name: 'WHATSAPP_STATE_DIR',
    required: false,
    description: 'A directory granted to the component (asterai --allow-dir) where inbound events are claimed so that redeliveries reach handlers once',
  },
  {
    name: 'WHATSAPP_SEND_RETRY_BUDGET_MS',
    required: false,
    default: '5000',
    description: 'Total time in milliseconds a send may spend retrying rate-limited or failed Graph calls; 0 disables retries',
  },
];

export interface Config {
  accessToken?: string;
  phoneNumberId?: string;
  appSecret?: string;
  webhookVerifyToken?: string;
  incomingHandlerComponents: string[];
  statusHandlerComponents: string[];
  apiBaseUrl: string;
  apiVersion: string;
  stateDir?: string;
  sendRetryBudgetMs: number;
  /** Per Graph call; after it a send is a `timeout` failure. */
  apiTimeoutMs: number;
}

/** Which env var each setting comes from: error messages name the variable, not the key. */
export const SETTING_VARIABLES: { readonly [K in keyof Config]-?: string } = {
  accessToken: 'WHATSAPP_ACCESS_TOKEN',
  phoneNumberId: 'WHATSAPP_PHONE_NUMBER_ID',
  appSecret: 'WHATSAPP_APP_SECRET',
  webhookVerifyToken: 'WHATSAPP_WEBHOOK_VERIFY_TOKEN',
  incomingHandlerComponents: 'WHATSAPP_INCOMING_HANDLER_COMPONENTS',
  statusHandlerComponents: 'WHATSAPP_STATUS_HANDLER_COMPONENTS',
  apiBaseUrl: 'WHATSAPP_API_BASE_URL',
  apiVersion: 'WHATSAPP_API_VERSION',
  stateDir: 'WHATSAPP_STATE_DIR',
  sendRetryBudgetMs: 'WHATSAPP_SEND_RETRY_BUDGET_MS',
  apiTimeoutMs: 'WHATSAPP_API_TIMEOUT_MS',
};

/** A setting that is missing or invalid. `variable` is the env var to fix. */
export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function specOf(name: string): EnvVarSpec {
  const spec = ENV_VARS.find((s) => s.name === name);
  if (spec === undefined) throw new Error(`no env var ${name} in ENV_VARS`);
  return spec;
}

/** The error for a required setting that is not there, with what the variable is for. */
export function notSetError(variable: string): ConfigError {
  return new ConfigError(
    variable,
    `${variable} is not set: add it to the environment's variables (${specOf(variable).description})`,
  );
}

/** Trimmed value, or undefined when unset or blank. */
function valueOf(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
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

function defaultOf(name: string): string {
  const value = specOf(name).default;
  if (value === undefined) throw new Error(`env var ${name} has no default`);
  return value;
}

function readBaseUrl(env: Env): string {
  const variable = 'WHATSAPP_API_BASE_URL';
  const value = valueOf(env, variable) ?? defaultOf(variable);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `${variable} is not a valid URL: "${value}"; use an absolute http(s) URL like https://graph.facebook.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(variable, `${variable} must be an http or https URL, got "${value}"`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(variable, `${variable} must not have a query or fragment, got "${value}"; the version and path are appended to it`);
  }
  return value.replace(/\/+$/, '');
}

function readApiVersion(env: Env): string {
  const variable = 'WHATSAPP_API_VERSION';
  const value = valueOf(env, variable) ?? defaultOf(variable);
  if (!/^v\d+\.\d+$/.test(value)) {
    throw new ConfigError(variable, `${variable} must look like v25.0 (a "v", a major and a minor number), got "${value}"`);
  }
  return value;
}

function readMilliseconds(env: Env, variable: string, meaning: string, minimum: number): number {
  const value = valueOf(env, variable) ?? defaultOf(variable);
  const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < minimum) {
    throw new ConfigError(variable, `${variable} must be a whole number of milliseconds${meaning}, got "${value}"`);
  }
  return ms;
}

function readRetryBudget(env: Env): number {
  return readMilliseconds(env, 'WHATSAPP_SEND_RETRY_BUDGET_MS', ' (0 disables retries)', 0);
}

function readApiTimeout(env: Env): number {
  return readMilliseconds(env, 'WHATSAPP_API_TIMEOUT_MS', ' of at least 1', 1);
}

/**
 * Reads the whole configuration. Missing required values are left undefined (a
 * send or the webhook asks for them with `requireSetting`, so a component that
 * only sends does not need the app secret); a value that is present but invalid
 * throws a ConfigError naming the variable, because silently using a default
 * instead would send to the wrong place.
 */
export function readConfig(env: Env): Config {
  return {
    accessToken: valueOf(env, 'WHATSAPP_ACCESS_TOKEN'),
    phoneNumberId: valueOf(env, 'WHATSAPP_PHONE_NUMBER_ID'),
    appSecret: valueOf(env, 'WHATSAPP_APP_SECRET'),
    webhookVerifyToken: valueOf(env, 'WHATSAPP_WEBHOOK_VERIFY_TOKEN'),
    incomingHandlerComponents: parseComponentList(valueOf(env, 'WHATSAPP_INCOMING_HANDLER_COMPONENTS')),
    statusHandlerComponents: parseComponentList(valueOf(env, 'WHATSAPP_STATUS_HANDLER_COMPONENTS')),
    apiBaseUrl: readBaseUrl(env),
    apiVersion: readApiVersion(env),
    stateDir: valueOf(env, 'WHATSAPP_STATE_DIR'),
    sendRetryBudgetMs: readRetryBudget(env),
    apiTimeoutMs: readApiTimeout(env),
  };
}

/** Names of required variables that are missing or blank, in table order. */
export function missingRequired(env: Env): string[] {
  return ENV_VARS.filter((spec) => spec.required && valueOf(env, spec.name) === undefined).map((spec) => spec.name);
}

/**
 * Every problem at once, in table order (for `run`, which reports them all at
 * environment start): one ConfigError per missing required variable and per
 * invalid value.
 */
export function configProblems(env: Env): ConfigError[] {
  const problems: ConfigError[] = [];
  const invalid = new Map<string, ConfigError>();
  for (const read of [readBaseUrl, readApiVersion, readRetryBudget, readApiTimeout]) {
    try {
      read(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      invalid.set(error.variable, error);
    }
  }
  for (const spec of ENV_VARS) {
    if (spec.required && valueOf(env, spec.name) === undefined) problems.push(notSetError(spec.name));
    const error = invalid.get(spec.name);
    if (error !== undefined) problems.push(error);
  }
  return problems;
}

/** The value of a setting, or a ConfigError naming its env var when it is not set. */
export function requireSetting<K extends keyof Config>(config: Config, key: K): NonNullable<Config[K]> {
  const value = config[key];
  if (value === undefined || value === null || value === '') {
    const variables: Readonly<Record<string, string>> = SETTING_VARIABLES;
    const variable = variables[key];
    throw variable === undefined ? new ConfigError(key, `setting ${key} is not set`) : notSetError(variable);
  }
  return value as NonNullable<Config[K]>;
}
