// The incoming-request and response-outparam a component's incoming-handler receives.
//
// Stripping the route prefix: preview2-shim's IncomingRequest cannot be constructed from outside
// (its `_create` is deleted after load), and jco only checks that the `handle` arguments are
// `instanceof` the classes passed as `wasi:http/types`. So the host passes its own classes there:
// a request that reports the stripped path and delegates everything else to the shim's request,
// and an outparam that forwards a response but answers a guest's error-code itself (the shim
// would `process.exit(1)`). The alternative, a `node:http` front server proxying to an internal
// HTTPServer, was measured against this on a long-lived probe instance: one client 235 vs 275
// req/s (p50 3.7 vs 2.9 ms), eight clients 304 vs 327 req/s; it also needs a second port and
// rewrites the request the guest sees (authority, headers) on its way through.
import { http } from '@bytecodealliance/preview2-shim';
import type {
  ErrorCode,
  IncomingRequest,
  OutgoingResponse,
  ResponseOutparam,
  Result,
} from '@bytecodealliance/preview2-shim/interfaces/wasi-http-types';
import { respondWithText } from './host-response.ts';

export class RoutedIncomingRequest {
  constructor(
    private readonly request: IncomingRequest,
    private readonly routedPathWithQuery: string,
  ) {}

  method() {
    return this.request.method();
  }

  pathWithQuery(): string {
    return this.routedPathWithQuery;
  }

  scheme() {
    return this.request.scheme();
  }

  authority() {
    return this.request.authority();
  }

  headers() {
    return this.request.headers();
  }

  consume() {
    return this.request.consume();
  }
}

export class GuardedResponseOutparam {
  #state: 'unset' | 'set' | 'failed' = 'unset';

  constructor(
    private readonly out: ResponseOutparam,
    private readonly component: string,
  ) {}

  /** True once a response (the guest's, or the host's 500 for its error-code) is on its way. */
  get responded(): boolean {
    return this.#state !== 'unset';
  }

  static set(param: GuardedResponseOutparam, response: Result<OutgoingResponse, ErrorCode>): void {
    if (!(param instanceof GuardedResponseOutparam)) throw new TypeError('response-outparam.set: not an outparam of this host');
    if (param.#state !== 'unset') throw new Error(`component '${param.component}' set its response-outparam twice`);
    if (response.tag === 'ok') {
      param.#state = 'set';
      http.types.ResponseOutparam.set(param.out, response);
      return;
    }
    param.#state = 'failed';
    respondWithText(param.out, 500, `component '${param.component}' failed the request: ${describeErrorCode(response.val)}`);
  }

  /** Answers 500 for a guest that trapped or returned without setting a response. */
  failIfUnanswered(reason: string): void {
    if (this.#state !== 'unset') return;
    this.#state = 'failed';
    respondWithText(this.out, 500, reason);
  }
}

/** `wasi:http/types` for guests: the shim's, with the two classes above in place of its own. */
export const guestHttpTypes: Record<string, unknown> = {
  ...http.types,
  IncomingRequest: RoutedIncomingRequest,
  ResponseOutparam: GuardedResponseOutparam,
};

function describeErrorCode(error: ErrorCode): string {
  return 'val' in error && error.val !== undefined ? `${error.tag} (${JSON.stringify(error.val)})` : error.tag;
}
