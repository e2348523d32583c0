// call-component-function, step for step as asterai does it (runtime/src/runtime/entry.rs):
// find the component and the function, check and convert the JSON args, call a FRESH instance,
// serialise the result. Every failure is a call-error value with asterai's kind and message.
// The steps before and after the call are engine-independent (`prepareCall`, `callResult`):
// the wasmtime host (src/wasmtime-host) runs the same ones around its own engine.
import { instanceFunction, type ExportedFunction, type LoadedComponent } from '../component/loaded-component.ts';
import type { JcoInstance } from '../component/transpiled-component.ts';
import { jcoToJson, resultToJson } from '../json-abi/from-jco.ts';
import { toJsonText, type JsonValue } from '../json-abi/json-value.ts';
import { jsonToJco } from '../json-abi/to-jco.ts';
import { unalias, type WitType } from '../wit/model.ts';
import { messageOf } from './error-message.ts';

export type CallErrorKind =
  | 'component-not-found'
  | 'function-not-found'
  | 'invalid-args'
  | 'invocation-failed'
  | 'serialization-failed';

export interface CallError {
  kind: CallErrorKind;
  message: string;
}

export type CallOutcome = { ok: string } | { err: CallError };

export interface CallTarget {
  find(componentName: string): LoadedComponent | undefined;
  instantiate(component: LoadedComponent): JcoInstance;
}

/** A call whose target exists and whose arguments fit its WIT signature, as jco values. */
export interface PreparedCall {
  component: LoadedComponent;
  fn: ExportedFunction;
  args: unknown[];
}

/** What the called function gave back: its value (a top-level `result`'s ok value), or that `result`'s err. */
export type Returned = { ok: unknown } | { err: unknown };

const COMPONENT_NAME = /^[^:/\s]+:[^:/\s]+$/;

export function callComponentFunction(target: CallTarget, componentName: string, functionName: string, argsJson: string): CallOutcome {
  const prepared = prepareCall(target.find, componentName, functionName, argsJson);
  if ('err' in prepared) return prepared;
  const { component, fn, args } = prepared;

  let instance: JcoInstance;
  try {
    instance = target.instantiate(component);
  } catch (error) {
    return failure('invocation-failed', `failed to instantiate component: ${messageOf(error)}`);
  }
  const call = instanceFunction(instance, fn.interfaceName, fn.signature.name);
  if (!call) return failure('invocation-failed', `failed to get function: '${fn.interfaceName}' has no '${fn.signature.name}'`);

  const resultType = fn.signature.result ? unalias(fn.signature.result) : undefined;
  let returned: Returned;
  try {
    returned = { ok: call(...args) };
  } catch (error) {
    // jco throws a top-level `result` err as an Error carrying `payload`; anything else is a trap.
    if (resultType?.kind !== 'result' || !hasPayload(error)) return failure('invocation-failed', messageOf(error));
    returned = { err: error.payload };
  }
  return callResult(fn, returned);
}

/** Finds the function and converts the JSON args by asterai's rules; a failure is the call-error asterai gives. */
export function prepareCall(
  find: (componentName: string) => LoadedComponent | undefined,
  componentName: string,
  functionName: string,
  argsJson: string,
): PreparedCall | { err: CallError } {
  if (!COMPONENT_NAME.test(componentName)) {
    return failure('component-not-found', `invalid component name: '${componentName}' is not 'namespace:name'`);
  }
  const component = find(componentName);
  if (!component) return failure('component-not-found', `component '${componentName}' not found`);
  const fn = component.findFunction(functionName);
  if (!fn) return failure('function-not-found', `function '${functionName}' not found on '${componentName}'`);

  let args: unknown;
  try {
    args = JSON.parse(argsJson);
  } catch (error) {
    return failure('invalid-args', `invalid JSON args: ${messageOf(error)}`);
  }
  if (!Array.isArray(args)) return failure('invalid-args', 'invalid JSON args: expected a JSON array of positional arguments');
  const params = fn.signature.params;
  if (args.length !== params.length) {
    return failure('invalid-args', `expected ${params.length} arg(s), got ${args.length}`);
  }
  try {
    return { component, fn, args: params.map((param, index) => jsonToJco(param.type, args[index])) };
  } catch (error) {
    return failure('invalid-args', `failed to convert args: ${messageOf(error)}`);
  }
}

/** The returned value serialised as asterai serialises it, or serialization-failed. */
export function callResult(fn: ExportedFunction, returned: Returned): CallOutcome {
  const resultType = fn.signature.result ? unalias(fn.signature.result) : undefined;
  try {
    return { ok: toJsonText(returnedJson(resultType, returned)) };
  } catch (error) {
    return failure('serialization-failed', messageOf(error));
  }
}

/** A function without a result serialises to `null`, as in asterai. */
function returnedJson(resultType: WitType | undefined, returned: Returned): JsonValue {
  if (resultType === undefined) return null;
  if (resultType.kind === 'result') return resultToJson(resultType, returned);
  return 'ok' in returned ? jcoToJson(resultType, returned.ok) : null;
}

export function failure(kind: CallErrorKind, message: string): { err: CallError } {
  return { err: { kind, message } };
}

function hasPayload(error: unknown): error is { payload: unknown } {
  return typeof error === 'object' && error !== null && Object.hasOwn(error, 'payload');
}
