// `asterai component call . <function> <args>...` on the Node host (cli/src/command/component/
// call.rs in asterai-io/asterai): the component project in a folder — build/component.wasm, named
// and documented by build/package.wasm — alone in an environment `<package namespace>/
// component-call` with the shell's environment variables, one function called with arguments
// read by the asterai CLI's rules (json-abi/cli-arguments.ts), and the result printed as asterai
// prints it: a string as it is, anything else as compact JSON, nothing for a function without a
// result.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedComponent } from './component/loaded-component.ts';
import { Environment, type EnvironmentOptions } from './environment.ts';
import { cliArgumentsToJson } from './json-abi/cli-arguments.ts';
import { toJsonText } from './json-abi/json-value.ts';
import type { WitFunction } from './wit/model.ts';
import { shortInterfaceName } from './wit/names.ts';
import { decodeWitPackage } from './wit/package-wasm.ts';

/** A failure asterai's CLI reports as `error: <message>` with exit status 1. */
export class ComponentCallError extends Error {}

export interface ComponentCall {
  /** The component project folder (`.`). */
  dir: string;
  /** `interface/function`, or a function name found in only one interface. */
  functionName: string;
  args: string[];
  env: Record<string, string>;
  allowDirs: string[];
  /** Where the lines asterai prints go. */
  print: (line: string) => void;
}

export async function componentCall(call: ComponentCall, options: Partial<EnvironmentOptions> = {}): Promise<void> {
  const wasm = join(call.dir, 'build', 'component.wasm');
  const packageWasm = join(call.dir, 'build', 'package.wasm');
  if (!existsSync(wasm)) throw new ComponentCallError(`component not built yet (expected ${wasm}). Run: npm run build`);
  if (!existsSync(packageWasm)) throw new ComponentCallError(`package.wasm not found (expected ${packageWasm}). Run: npm run build`);
  const pkg = await decodeWitPackage(readFileSync(packageWasm)).catch((error: unknown) => {
    throw new ComponentCallError(`failed to decode package.wasm: ${error instanceof Error ? error.message : String(error)}`);
  });
  const [name, version] = pkg.name.split('@') as [string, string | undefined];
  if (!version) throw new ComponentCallError('package.wasm has no version');
  const scratch = mkdtempSync(join(tmpdir(), 'component-call-'));
  const wit = join(scratch, 'package.wit');
  writeFileSync(wit, pkg.witText);
  let environment: Environment | undefined;
  try {
    environment = await Environment.load({
      namespace: name.split(':')[0]!,
      name: 'component-call',
      components: [{ name, wasm, wit, version }],
      env: call.env,
      allowDirs: call.allowDirs,
      ...options,
    });
    call.print(`calling ${name} function ${call.functionName}`);
    const component = environment.components[0]!;
    const { qualified, signature } = findFunction(component, call.functionName);
    let args: string;
    try {
      args = toJsonText(cliArgumentsToJson(signature.params, call.args));
    } catch (error) {
      throw new ComponentCallError(error instanceof Error ? error.message : String(error));
    }
    const outcome = environment.call(name, qualified, args);
    if ('err' in outcome) throw new ComponentCallError(outcome.err.message);
    if (signature.result === undefined) return;
    const result: unknown = JSON.parse(outcome.ok);
    call.print(typeof result === 'string' ? result : outcome.ok);
  } finally {
    await environment?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * As asterai's `find_function`: `interface/function` exactly; a bare function name when only
 * one exported interface has it.
 */
function findFunction(component: LoadedComponent, functionName: string): { qualified: string; signature: WitFunction } {
  if (functionName.includes('/')) {
    const found = component.findFunction(functionName);
    if (!found) throw new ComponentCallError('function not found');
    return { qualified: functionName, signature: found.signature };
  }
  const matches = component.exports.flatMap((iface) =>
    (component.interfaces.get(iface)?.functions ?? [])
      .filter((fn) => fn.name === functionName)
      .map((fn) => ({ qualified: `${shortInterfaceName(iface)}/${fn.name}`, signature: fn })),
  );
  if (matches.length === 0) throw new ComponentCallError('function not found');
  if (matches.length > 1) {
    throw new ComponentCallError(
      `function '${functionName}' is ambiguous, found in multiple interfaces: ${matches.map((m) => m.qualified).join(', ')}. ` +
        'Use the full interface/function format.',
    );
  }
  return matches[0]!;
}
