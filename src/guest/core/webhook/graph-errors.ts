// The `errors[]` Meta puts in a webhook (on a change's value, a message or a
// status): `{ code, title, message, error_data: { details } }`.
import { asFiniteNumber, asObject, asString, nonBlank } from '../json.ts';
import type { GraphErrorInfo } from './events.ts';

export function errorInfo(value: unknown): GraphErrorInfo {
  const error = asObject(value) ?? {};
  const code = asFiniteNumber(error.code);
  const title = asString(error.title) ?? '';
  return {
    code: code !== undefined && Number.isInteger(code) ? code : 0,
    title,
    message: asString(error.message) ?? title,
    details: nonBlank(asObject(error.error_data)?.details),
  };
}

/** `131026 Message undeliverable: Message Undeliverable.`, each part once, errors joined by "; ". */
export function describeErrors(errors: readonly GraphErrorInfo[]): string {
  return errors
    .map((e) => {
      const parts = [`${e.code} ${e.title}`.trim()];
      if (e.message !== '' && e.message !== e.title) parts.push(e.message);
      if (e.details !== undefined && e.details !== e.message && e.details !== e.title) parts.push(e.details);
      return parts.join(': ');
    })
    .join('; ');
}
