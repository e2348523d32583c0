// wasi:cli/exit for guests. The shim's version calls `process.exit`, which would take the whole
// host down; in wasmtime an exit ends only the instance (it unwinds as an `I32Exit` trap).
export class GuestExitError extends Error {
  override name = 'GuestExitError';
}

export function guestExit(component: string): { exit(status: { tag: 'ok' | 'err' }): never; exitWithCode(code: number): never } {
  return {
    exit(status) {
      throw new GuestExitError(`component '${component}' called wasi:cli/exit (${status.tag === 'ok' ? 'success' : 'failure'})`);
    },
    exitWithCode(code) {
      throw new GuestExitError(`component '${component}' called wasi:cli/exit with code ${code}`);
    },
  };
}
