// Secrets never leave the component: every log line and every failure an export
// returns goes through a Redactor made from the configured secrets.
import type { SendFailure } from './failure.ts';

const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are not searched for: redacting a 1-3 character
 * value would mangle every message, and such a value protects nothing anyway.
 */
const MIN_REDACTED_LENGTH = 8;

export interface Redactor {
  text(text: string): string;
  /** The failure with its message redacted (the same object when there was nothing to remove). */
  failure(failure: SendFailure): SendFailure;
}

/** Removes the given secrets (those set and at least 8 characters long). */
export function redactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = formsOf(redactableSecrets(secrets));
  const text = (value: string) => replaceForms(value, forms);
  return {
    text,
    failure(failure) {
      const message = text(failure.message);
      return message === failure.message ? failure : { ...failure, message };
    },
  };
}

/** The secrets worth redacting: set, and long enough to be told apart from ordinary text. */
export function redactableSecrets(secrets: readonly (string | undefined)[]): string[] {
  return secrets.filter((s): s is string => !!s && s.length >= MIN_REDACTED_LENGTH);
}

/**
 * Replaces every occurrence of each non-empty secret, and of its URL-encoded form
 * (Graph may echo a request URL or form body), with `[redacted]`. Longer secrets
 * go first so that a secret containing another is replaced whole.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return replaceForms(text, formsOf(secrets));
}

/** Each secret as written, percent-encoded and form-encoded, longest first. */
function formsOf(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function replaceForms(text: string, forms: readonly string[]): string {
  let result = text;
  for (const form of forms) {
    if (result.includes(form)) result = result.split(form).join(REDACTED);
  }
  return result;
}
