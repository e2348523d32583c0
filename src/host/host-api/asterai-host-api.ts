// asterai:host/api@1.0.0 over the components of an environment, for one calling component.
import { fileURLToPath } from 'node:url';
import type { LoadedComponent } from '../component/loaded-component.ts';
import { jsonString as text } from '../json-abi/json-value.ts';
import type { CallOutcome } from '../runtime/function-call.ts';
import { loadWitDirectory } from '../wit/load-directory.ts';
import type { WitInterface } from '../wit/model.ts';
import { bindImports } from './bind-imports.ts';
import { componentInfo } from './component-info.ts';

/** What `get-runtime-info` reports: this Node host, not an asterai release. */
export const HOST_RUNTIME_VERSION = '0.1.0-node';

export const ASTERAI_HOST_API = 'asterai:host/api@1.0.0';
/** jco keys imports by unversioned interface name. */
export const ASTERAI_HOST_IMPORT = 'asterai:host/api';

/** The project's vendored copy of asterai's host interface (wit/deps/asterai-host/host.wit). */
const HOST_WIT = fileURLToPath(new URL('../../../wit/deps/asterai-host/host.wit', import.meta.url));

export interface HostApiContext {
  components(): readonly LoadedComponent[];
  call(componentName: string, functionName: string, argsJson: string): CallOutcome;
  /** What `get-runtime-info` reports (default HOST_RUNTIME_VERSION). */
  runtimeVersion?: string;
}

let hostInterface: WitInterface | undefined;

export function asteraiHostInterface(): WitInterface {
  hostInterface ??= loadWitDirectory(HOST_WIT).findInterface(ASTERAI_HOST_API);
  if (!hostInterface) throw new Error(`${HOST_WIT} does not define ${ASTERAI_HOST_API}`);
  return hostInterface;
}

/** The import object for `asterai:host/api`, as seen by the component named `caller`. */
export function asteraiHostApi(context: HostApiContext, caller: string): Record<string, (...args: unknown[]) => unknown> {
  const find = (name: string) => context.components().find((component) => component.name === name);
  return bindImports(asteraiHostInterface(), {
    'get-runtime-info': () => ({ version: context.runtimeVersion ?? HOST_RUNTIME_VERSION }),
    'list-components': () => context.components().map(componentInfo),
    'list-other-components': () =>
      context
        .components()
        .filter((component) => component.name !== caller)
        .map(componentInfo),
    'get-component': (name) => {
      const component = find(text(name));
      return component ? componentInfo(component) : null;
    },
    // An exact string compare against the fully qualified names, as asterai does.
    'component-implements': (name, iface) => find(text(name))?.exportsInterface(text(iface)) ?? false,
    'call-component-function': (component, fn, args) => {
      const outcome = context.call(text(component), text(fn), text(args));
      return 'ok' in outcome ? outcome.ok : { error: { kind: outcome.err.kind, message: outcome.err.message } };
    },
  });
}
