// Guest of the test-only `host-test:probe` component (tests/host/wit/probe.wit).
// Plain JS for componentize-js: it runs inside StarlingMonkey, not in Node.
import {
  callComponentFunction,
  componentImplements,
  getComponent,
  getRuntimeInfo,
  listComponents,
  listOtherComponents,
} from 'asterai:host/api@1.0.0';
import { cancelSchedule, createSchedule, listSchedules } from 'asterai:host-cron/scheduler@0.1.0';
import { getArguments, getEnvironment } from 'wasi:cli/environment@0.2.0';
import { exit } from 'wasi:cli/exit@0.2.0';
import { getStdin } from 'wasi:cli/stdin@0.2.0';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.0';
import { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.0';

let counter = 0;

const envVar = (key) => getEnvironment().find(([name]) => name === key)?.[1];

export const shapes = {
  movePoint(p, dx) {
    return { ...p, x: p.x + dx };
  },
  describe(s) {
    switch (s.tag) {
      case 'circle':
        return `circle r=${s.val}`;
      case 'rect':
        return `rect at ${s.val.x},${s.val.y} ${s.val.color} ${s.val.label ?? '-'}`;
      default:
        return s.tag;
    }
  },
  grow(s) {
    if (s.tag === 'circle') return { tag: 'circle', val: s.val * 2 };
    if (s.tag === 'rect') return { tag: 'rect', val: { ...s.val, x: s.val.x * 2, y: s.val.y * 2 } };
    return { tag: 'empty' };
  },
  classify(raw) {
    // componentize-js 0.23 hands s64 arguments over as their unsigned bit pattern.
    const n = BigInt.asIntN(64, raw);
    if (n < 0n) throw { code: 422, reason: `negative: ${n}` };
    return n === 0n ? 'zero' : 'positive';
  },
  check(fail) {
    if (fail) throw 'asked to fail';
  },
  sumBytes(data) {
    return BigInt(data.reduce((sum, byte) => sum + byte, 0));
  },
  makeBytes(n) {
    return Uint8Array.from({ length: n }, (_, i) => i);
  },
  doubleAll(values) {
    return Array.from(values, (v) => v * 2);
  },
  swap([text, number]) {
    return [number, text];
  },
  grant(p) {
    return { ...p, write: true };
  },
  maybe(o) {
    return o === undefined ? undefined : o.toUpperCase();
  },
  deep(o) {
    return o;
  },
  tally(items) {
    return items.map((item) => (item.tag === 'ok' ? { tag: 'ok', val: item.val + 1 } : item));
  },
  big(n, m) {
    return [n + 1n, m - 1n];
  },
  ratio(a, b) {
    return a / b;
  },
  initial(c) {
    return c.toUpperCase();
  },
  echoIds(ids) {
    return ids;
  },
  nothing() {},
};

export const probe = {
  bump() {
    counter += 1;
    return counter;
  },
  envVar(key) {
    return envVar(key);
  },
  preopens() {
    return getDirectories().map(([, path]) => path);
  },
  trap(message) {
    throw new Error(message);
  },
  log(line) {
    console.log(line);
  },
  call(component, fn, argsJson) {
    try {
      return callComponentFunction(component, fn, argsJson);
    } catch (e) {
      // A non-Error throw becomes the `err` of the result (an Error would trap).
      throw JSON.stringify(e.payload ?? { message: String(e) });
    }
  },
  hostView() {
    return JSON.stringify({
      runtime: getRuntimeInfo(),
      all: listComponents().map((c) => c.name),
      others: listOtherComponents().map((c) => c.name),
      self: getComponent('host-test:probe'),
      missing: getComponent('nobody:here') ?? null,
      implementsShapes: componentImplements('host-test:probe', 'host-test:probe/shapes@0.1.0'),
      implementsShort: componentImplements('host-test:probe', 'shapes'),
    });
  },
  schedule(cron, component, fn, argsJson) {
    try {
      return createSchedule(cron, component, fn, argsJson);
    } catch (e) {
      throw String(e.payload ?? e);
    }
  },
  unschedule(id) {
    try {
      cancelSchedule(id);
    } catch (e) {
      throw String(e.payload ?? e);
    }
  },
  schedules() {
    return JSON.stringify(listSchedules(), (_key, value) => (typeof value === 'bigint' ? Number(value) : value));
  },
  stdioView() {
    return JSON.stringify({ args: getArguments(), stdin: readStdin() });
  },
};

function readStdin() {
  try {
    return `${getStdin().blockingRead(1024n).length} bytes`;
  } catch (e) {
    return e?.payload?.tag ?? String(e);
  }
}

export const run = {
  run() {
    const mode = envVar('PROBE_RUN') ?? 'ok';
    console.log(`probe run: ${mode}`);
    // componentize-js turns any throw in a `result` export into `err`; exiting ends the instance.
    if (mode === 'err') throw new Error('run failed on purpose');
    if (mode === 'exit') exit({ tag: 'err' });
  },
};

const encoder = new TextEncoder();

function respond(responseOut, status, text, afterResponse) {
  const response = new OutgoingResponse(Fields.fromList([['content-type', encoder.encode('text/plain')]]));
  response.setStatusCode(status);
  const body = response.body();
  ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
  const stream = body.write();
  stream.blockingWriteAndFlush(encoder.encode(text));
  stream[Symbol.dispose]();
  OutgoingBody.finish(body, undefined);
  afterResponse?.();
}

function readBody(request) {
  const stream = request.consume().stream();
  const chunks = [];
  for (;;) {
    try {
      chunks.push(stream.blockingRead(65536n));
    } catch {
      break;
    }
  }
  return new TextDecoder().decode(Uint8Array.from(chunks.flatMap((chunk) => [...chunk])));
}

export const incomingHandler = {
  handle(request, responseOut) {
    const pathWithQuery = request.pathWithQuery() ?? '';
    const path = pathWithQuery.split('?')[0];
    counter += 1;
    switch (path) {
      case '/trap':
        throw new Error('handler trapped on purpose');
      case '/exit':
        exit({ tag: 'err' });
        return;
      case '/no-response':
        return;
      case '/error-response':
        ResponseOutparam.set(responseOut, { tag: 'err', val: { tag: 'internal-error', val: 'guest gave up' } });
        return;
      case '/slow-tail':
        respond(responseOut, 200, 'early', () => {
          const until = Date.now() + 1500;
          while (Date.now() < until) {
            // Keeps the instance busy after the response has been handed over.
          }
          console.log(`tail finished at ${Date.now()}`);
        });
        return;
      default: {
        const body = readBody(request);
        const method = request.method();
        respond(
          responseOut,
          200,
          JSON.stringify({
            method: method.tag === 'other' ? method.val : method.tag,
            pathWithQuery,
            body,
            counter,
            greeting: envVar('GREETING') ?? null,
          }),
        );
      }
    }
  },
};
