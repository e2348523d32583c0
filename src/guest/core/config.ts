// The one config reader. Env vars reach the component through wasi:cli/environment;
// the port turns them into a plain map, this reads it once against the settings
// table, and everything else reads `Config`.
import { ConfigError } from './failure.ts';
import { SETTINGS, SETTING_ROWS, type SettingKey } from './settings.ts';

export { ConfigError };

export type Config = { readonly [K in SettingKey]: ReturnType<(typeof SETTINGS)[K]['read']> };

type Env = Readonly<Record<string, string | undefined>>;

export interface SettingsReading {
  /** Every setting whose value is valid; a required one that is unset is undefined. */
  values: Partial<Config>;
  /** In table order: each required variable that is unset and each value that is invalid. */
  problems: ConfigError[];
}

/** Reads every setting once. */
export function readSettings(env: Env): SettingsReading {
  const values: Record<string, unknown> = {};
  const problems: ConfigError[] = [];
  for (const { key, variable, required, default: fallback, read } of SETTING_ROWS) {
    const value = valueOf(env, variable);
    if (value === undefined && required) problems.push(notSetError(variable));
    try {
      values[key] = read(value ?? fallback, variable);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error);
    }
  }
  return { values: values as Partial<Config>, problems };
}

/**
 * The whole configuration. Missing required values are left undefined (a send or
 * the webhook asks for them with `requireSetting`, so a component that only sends
 * does not need the app secret); a value that is present but invalid throws its
 * ConfigError, because silently using a default instead would send to the wrong place.
 */
export function readConfig(env: Env): Config {
  const { values, problems } = readSettings(env);
  const invalid = problems.find((problem) => !problem.unset);
  if (invalid) throw invalid;
  return values as Config;
}

/** The secrets among the settings, as the environment gives them: what every log line and error is redacted of. */
export function secretsIn(env: Env): string[] {
  return SETTING_ROWS.flatMap(({ secret, variable }) => {
    const value = secret ? env[variable] : undefined;
    return value === undefined ? [] : [value, value.trim()];
  });
}

/** The value of a setting, or a ConfigError naming its env var when it is not set. */
export function requireSetting<K extends SettingKey>(config: Config, key: K): NonNullable<Config[K]> {
  const value = config[key];
  if (value === undefined || value === null || value === '') throw notSetError(SETTINGS[key].variable);
  return value as NonNullable<Config[K]>;
}

/** The error for a required setting that is not there, with what the variable is for. */
export function notSetError(variable: string): ConfigError {
  const description = SETTING_ROWS.find((row) => row.variable === variable)?.description ?? '';
  return new ConfigError(variable, `${variable} is not set: add it to the environment's variables (${description})`, true);
}

/** Trimmed value, or undefined when unset or blank. */
function valueOf(env: Env, variable: string): string | undefined {
  const trimmed = env[variable]?.trim();
  return trimmed === '' ? undefined : trimmed;
}
