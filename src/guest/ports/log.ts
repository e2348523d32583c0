// Log lines go to the component's stdout/stderr, which asterai (and the Node
// host) print with the component's name. Every line passes through redaction,
// so no configured secret can reach a log even when Graph echoes it back.
import { redactSecrets } from '../core/errors.ts';

export interface Log {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

/**
 * Secrets shorter than this are not searched for: redacting a 1-3 character
 * value would mangle every log line, and such a value protects nothing anyway.
 */
const MIN_REDACTED_LENGTH = 8;

export function createLog(secrets: readonly (string | undefined)[]): Log {
  const known = secrets.filter((s): s is string => !!s && s.length >= MIN_REDACTED_LENGTH);
  const clean = (text: string) => redactSecrets(text, known);
  return {
    info: (text) => console.log(clean(text)),
    warn: (text) => console.warn(`warning: ${clean(text)}`),
    error: (text) => console.error(`error: ${clean(text)}`),
  };
}
