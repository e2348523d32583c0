// The environment's HTTP server: preview2-shim's HTTPServer (a real socket served from the shim's
// I/O worker thread, handlers called on the main thread), routing each request to a component's
// wasi:http/incoming-handler. Nothing a guest does can make it exit or stop answering.
import type { IncomingRequest, ResponseOutparam } from '@bytecodealliance/preview2-shim/interfaces/wasi-http-types';
import * as shimHttp from '@bytecodealliance/preview2-shim/http';
import { messageOf } from '../runtime/error-message.ts';
import { GuardedResponseOutparam, RoutedIncomingRequest } from './guest-request.ts';
import { respondWithText } from './host-response.ts';

export type GatewayRoute = { component: string; pathWithQuery: string } | { notFound: string };

export interface GatewayHandlers {
  route(pathWithQuery: string): GatewayRoute;
  /** Runs the component's incoming-handler; throws when the guest traps. */
  serve(component: string, request: RoutedIncomingRequest, out: GuardedResponseOutparam): void;
  /** Host messages about a component (traps, missing responses), for its stderr. */
  report(component: string, message: string): void;
}

export interface ListeningAddress {
  port: number;
  /** `http://127.0.0.1:8080/` */
  url: string;
}

interface ShimHttpServer {
  listen(port: number, host: string): void;
  address(): unknown;
  stop(): void;
}

type IncomingHandler = { handle(request: IncomingRequest, out: ResponseOutparam): void };

/** The package's `types` condition points TypeScript at the browser build, which has no HTTPServer. */
function createShimHttpServer(handler: IncomingHandler): ShimHttpServer {
  const HTTPServer: unknown = Reflect.get(shimHttp, 'HTTPServer');
  if (typeof HTTPServer !== 'function') throw new Error('@bytecodealliance/preview2-shim/http has no HTTPServer (not running on Node?)');
  const server: unknown = Reflect.construct(HTTPServer, [handler]);
  if (typeof server !== 'object' || server === null || !('listen' in server) || !('address' in server) || !('stop' in server)) {
    throw new Error('preview2-shim HTTPServer has an unexpected shape');
  }
  return server as ShimHttpServer;
}

export class HttpGateway {
  #server: ShimHttpServer | undefined;

  constructor(private readonly handlers: GatewayHandlers) {}

  listen(port: number, host: string): ListeningAddress {
    if (this.#server) throw new Error('the HTTP gateway is already listening');
    const server = createShimHttpServer({ handle: (request, out) => this.handle(request, out) });
    try {
      server.listen(port, host);
    } catch (error) {
      // The shim starts a keep-alive interval before binding; stopping clears it (the stop
      // itself fails, there being no server in the worker to close).
      try {
        server.stop();
      } catch {}
      throw new Error(`cannot listen on ${host}:${port}: ${messageOf(error)}`);
    }
    this.#server = server;
    const boundPort = portOf(server.address());
    return { port: boundPort, url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}/` };
  }

  close(): void {
    this.#server?.stop();
    this.#server = undefined;
  }

  /** Called by the shim on the main thread; must never throw (the shim would crash the process). */
  private handle(request: IncomingRequest, out: ResponseOutparam): void {
    let component: string | undefined;
    let guarded: GuardedResponseOutparam | undefined;
    try {
      const pathWithQuery = request.pathWithQuery() ?? '/';
      const route = this.handlers.route(pathWithQuery);
      if ('notFound' in route) {
        respondWithText(out, 404, route.notFound);
        return;
      }
      component = route.component;
      guarded = new GuardedResponseOutparam(out, component);
      this.handlers.serve(component, new RoutedIncomingRequest(request, route.pathWithQuery), guarded);
      if (!guarded.responded) {
        this.handlers.report(component, `returned from incoming-handler without setting a response (${pathWithQuery})`);
        guarded.failIfUnanswered(`component '${component}' did not set a response`);
      }
    } catch (error) {
      const message = messageOf(error);
      if (component) this.handlers.report(component, `incoming-handler failed: ${message}`);
      try {
        if (guarded) guarded.failIfUnanswered(`component '${component}' failed: ${message}`);
        else respondWithText(out, 500, `host failed to route the request: ${message}`);
      } catch (responseError) {
        this.handlers.report(component ?? 'host', `could not answer 500: ${messageOf(responseError)}`);
      }
    }
  }
}

function portOf(address: unknown): number {
  if (typeof address === 'object' && address !== null && 'port' in address && typeof address.port === 'number') {
    return address.port;
  }
  throw new Error(`the HTTP server reported no port (address: ${JSON.stringify(address)})`);
}
