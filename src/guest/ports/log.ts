// Log lines go to the component's stdout/stderr, which asterai (and the Node
// host) print with the component's name. Every line passes through the redactor,
// so no configured secret can reach a log even when Graph echoes it back.
import type { Redactor } from '../core/redaction.ts';

export interface Log {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

export function createLog(redactor: Redactor): Log {
  return {
    info: (text) => console.log(redactor.text(text)),
    warn: (text) => console.warn(`warning: ${redactor.text(text)}`),
    error: (text) => console.error(`error: ${redactor.text(text)}`),
  };
}
