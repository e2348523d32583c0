// What every instance of a component is linked against: WASI from preview2-shim, sandboxed to
// the environment (its env vars, its allowed directories), with the host's own stdio, exit and
// wasi:http/types, plus asterai:host/api and asterai:host-cron/scheduler as seen by that component. jco keys imports by
// unversioned interface name.
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';
import type { ImportObject } from '../component/transpiled-component.ts';
import { ASTERAI_HOST_IMPORT } from '../host-api/asterai-host-api.ts';
import { HOST_CRON_IMPORT } from '../host-cron/cron-scheduler.ts';
import { guestHttpTypes } from '../http/guest-request.ts';
import { guestExit } from './guest-exit.ts';
import { closedInputStream, lineOutputStream, type LineWriter } from './guest-stdio.ts';

export function environmentWasi(env: Record<string, string>, allowDirs: readonly string[]): ImportObject {
  return new WASIShim({
    sandbox: {
      env: { ...env },
      // No arguments, as wasmtime gives none by default (the shim would pass the host's argv).
      args: [],
      preopens: Object.fromEntries(allowDirs.map((dir) => [dir, dir])),
    },
  }).getImportObject();
}

export interface ComponentLinks {
  component: string;
  wasi: ImportObject;
  stdout: LineWriter;
  stderr: LineWriter;
  hostApi: Record<string, unknown>;
  hostCron: Record<string, unknown>;
}

export function guestImports({ component, wasi, stdout, stderr, hostApi, hostCron }: ComponentLinks): ImportObject {
  return {
    ...wasi,
    'wasi:cli/stdin': { getStdin: closedInputStream },
    'wasi:cli/stdout': { getStdout: () => lineOutputStream(stdout) },
    'wasi:cli/stderr': { getStderr: () => lineOutputStream(stderr) },
    'wasi:cli/exit': guestExit(component),
    'wasi:http/types': guestHttpTypes,
    [ASTERAI_HOST_IMPORT]: hostApi,
    [HOST_CRON_IMPORT]: hostCron,
  };
}
