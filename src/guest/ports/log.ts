// Log lines go to the component's stdout/stderr, which asterai (and the Node
// host) print with the component's name. Every line passes through redaction,
// so no configured secret can reach a log even when Graph echoes it back.
import { redactSecrets, redactableSecrets } from '../core/errors.ts';

export interface Log {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

export function createLog(secrets: readonly (string | undefined)[]): Log {
  const known = redactableSecrets(secrets);
  const clean = (text: string) => redactSecrets(text, known);
  return {
    info: (text) => console.log(clean(text)),
    warn: (text) => console.warn(`warning: ${clean(text)}`),
    error: (text) => console.error(`error: ${clean(text)}`),
  };
}
