// wasi:cli/environment. Read on every call, never at module top level: top-level
// code runs at build time (wizer snapshot), where the import is not available.
import { getEnvironment } from 'wasi:cli/environment@0.2.0';

export function readEnvironment(): Record<string, string> {
  return Object.fromEntries(getEnvironment());
}
