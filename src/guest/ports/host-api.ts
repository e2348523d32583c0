// asterai:host/api, the runtime's registry of the environment's components.
import {
  callComponentFunction,
  componentImplements,
  getComponent,
  listComponents,
  listOtherComponents,
  type CallError,
} from 'asterai:host/api@1.0.0';
import { describeError, errorPayload } from '../core/failure.ts';

export type CallOutcome = { ok: true; json: string } | { ok: false; error: CallError };

/** A host `result<_, call-error>` error arrives as a thrown Error whose `payload` is the call-error. */
export function callFunction(component: string, functionName: string, argsJson: string): CallOutcome {
  try {
    return { ok: true, json: callComponentFunction(component, functionName, argsJson) };
  } catch (thrown) {
    return { ok: false, error: asCallError(thrown) };
  }
}

export function componentExists(component: string): boolean {
  return getComponent(component) !== undefined;
}

export function implementsInterface(component: string, interfaceName: string): boolean {
  return componentImplements(component, interfaceName);
}

/** This component's name in the environment: the one component that is not among the others. */
export function ownName(): string | undefined {
  const others = new Set(listOtherComponents().map((c) => c.name));
  return listComponents().find((c) => !others.has(c.name))?.name;
}

function asCallError(thrown: unknown): CallError {
  const payload = errorPayload(thrown);
  if (payload && typeof payload === 'object' && 'kind' in payload && 'message' in payload) {
    return payload as CallError;
  }
  return { kind: 'invocation-failed', message: describeError(thrown) };
}
