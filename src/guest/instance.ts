// What one instance of the component keeps while it lives: the environment, the
// redacting log, the configuration and the Graph clients, each made on first use; and
// how an export reports a failure through them (redacted, logged).
// asterai serves every request and call with a fresh instance, so this lives as
// long as one request; nothing is made at module top level, which runs at build
// time (componentize-js snapshots it with wizer), before any environment exists.
import { readConfig, secretsIn, type Config } from './core/config.ts';
import { toFailure, type SendFailure } from './core/failure.ts';
import { redactor, type Redactor } from './core/redaction.ts';
import { readEnvironment } from './ports/environment.ts';
import { createLog, type Log } from './ports/log.ts';
import { GraphClient } from './send/graph-client.ts';

export interface Instance {
  env: Record<string, string>;
  /** Removes the configured secrets from what leaves the component. */
  redact: Redactor;
  log: Log;
}

let instance: Instance | undefined;
let config: Config | undefined;
let graph: GraphClient | undefined;
let legacyGraph: GraphClient | undefined;

export function current(): Instance {
  if (instance) return instance;
  const env = readEnvironment();
  const redact = redactor(secretsIn(env));
  instance = { env, redact, log: createLog(redact) };
  return instance;
}

/** The configuration; a ConfigError when a value is invalid. */
export function currentConfig(): Config {
  config ??= readConfig(current().env);
  return config;
}

/** The client of the typed `whatsapp` interface: retries within the budget, and logs each retry. */
export function graphClient(): GraphClient {
  const { log } = current();
  graph ??= new GraphClient(currentConfig(), undefined, {
    onRetry: ({ attempts, waitMs, failure }) =>
      log.warn(`Graph call failed (${failure.kind}, code ${failure.code}: ${failure.message}); try ${attempts + 1} in ${waitMs} ms`),
  });
  return graph;
}

/** The 0.1.0 `api` sends exactly as it always did: one request per message, no retries. */
export function legacyGraphClient(): GraphClient {
  legacyGraph ??= new GraphClient({ ...currentConfig(), sendRetryBudgetMs: 0 });
  return legacyGraph;
}

/** Logs that `what` failed, and gives the failure to return: any thrown value, with no configured secret in it. */
export function reportFailure(what: string, e: unknown): SendFailure {
  let failure = toFailure(e);
  try {
    failure = current().redact.failure(failure);
  } catch {
    // The environment cannot even be read, so no secret from it can be in the failure.
  }
  logError(`${what} failed: ${failure.kind} (code ${failure.code}): ${failure.message}`);
  return failure;
}

/** Through the redacting log, or straight to stderr when even the environment cannot be read. */
export function logError(text: string): void {
  try {
    current().log.error(text);
  } catch {
    console.error(`error: ${text}`);
  }
}
