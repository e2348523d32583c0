"""The wasmtime test host: runs components on wasmtime (wasmtime-py) for the Node side
(src/wasmtime-host/wasmtime-host.ts), which drives it with one JSON message per line.

Node -> here:
  {"op": "load", "id", "component", "wasm", "cacheDir", "env": [[k, v]], "dirs": [path]}
  {"op": "call", "id", "component", "interface", "function", "args": [wire], "longLived": bool}
  {"op": "instantiate", "id", "component"}          (benchmarks: one fresh instance, timed)
  {"op": "compile", "id", "wasm"}                   (benchmarks: one compilation, no cache)
  {"op": "reply", "seq", "ok": wire} | {"op": "reply", "seq", "err": message}
here -> Node:
  {"event": "ready", "wasmtime": version}
  {"id", "ok": {...}} | {"id", "err": {"stage", "message"}}
  {"event": "output", "component", "stream": "stdout" | "stderr", "data": base64}
  {"event": "host-call", "seq", "component", "interface", "function", "args": [wire]}

A guest's asterai:host/api or asterai:host-cron/scheduler call becomes a host-call; the guest waits until the Node side
replies, and meanwhile this host serves whatever else the Node side asks, so a component can
call itself (asterai instantiates the target fresh). Values travel as wire.py describes.
"""
import base64
import json
import sys
import time
import traceback
from typing import Any, Dict, List

from wasmtime import Engine
from wasmtime.component import FuncType

from engine import CallFailed, HostedComponent, compile_ms, load_component, ms_since, wasmtime_version
from wire import from_wasmtime, to_wasmtime

protocol_in = sys.stdin.buffer
protocol_out = sys.stdout
# Anything else that prints (wasmtime-py reports a failing output callback with print) goes to
# stderr, never into the protocol.
sys.stdout = sys.stderr
engine = Engine()
components: Dict[str, HostedComponent] = {}
next_seq = 0


def send(message: Dict[str, Any]) -> None:
    protocol_out.write(json.dumps(message, allow_nan=False) + '\n')
    protocol_out.flush()


def receive() -> Dict[str, Any]:
    line = protocol_in.readline()
    if not line:
        sys.exit(0)
    return json.loads(line)


def output(component: str, stream: str, data: bytes) -> None:
    send({'event': 'output', 'component': component, 'stream': stream, 'data': base64.b64encode(data).decode('ascii')})


def host_call(component: str, interface: str, func_type: FuncType, function: str, args: List[Any]) -> Any:
    global next_seq
    next_seq += 1
    seq = next_seq
    params = func_type.params
    send({'event': 'host-call', 'seq': seq, 'component': component, 'interface': interface, 'function': function,
          'args': [from_wasmtime(ty, arg) for (_name, ty), arg in zip(params, args)]})
    while True:
        message = receive()
        if message.get('op') == 'reply' and message.get('seq') == seq:
            if 'err' in message:
                raise RuntimeError(f"the host failed {function}: {message['err']}")
            result_type = func_type.result
            return None if result_type is None else to_wasmtime(result_type, message['ok'])
        serve(message)


def serve(message: Dict[str, Any]) -> None:
    request_id = message.get('id')
    try:
        send({'id': request_id, 'ok': handle(message)})
    except CallFailed as failure:
        send({'id': request_id, 'err': {'stage': failure.stage, 'message': str(failure)}})
    except Exception as error:
        traceback.print_exc(file=sys.stderr)
        send({'id': request_id, 'err': {'stage': 'host', 'message': f'{type(error).__name__}: {error}'}})


def handle(message: Dict[str, Any]) -> Any:
    op = message.get('op')
    if op == 'load':
        component, report = load_component(engine, message['wasm'], message['cacheDir'])
        components[message['component']] = HostedComponent(
            engine, message['component'], component, [tuple(pair) for pair in message['env']],
            message['dirs'], host_call, output)
        return report
    if op == 'call':
        hosted = components[message['component']]
        wire_args = message['args']

        def arguments(func_type: FuncType) -> List[Any]:
            return [to_wasmtime(ty, arg) for (_name, ty), arg in zip(func_type.params, wire_args)]

        func_type, result, timing = hosted.call(message['interface'], message['function'], arguments,
                                                bool(message.get('longLived')))
        result_type = func_type.result
        return {'result': None if result_type is None else from_wasmtime(result_type, result), **timing}
    if op == 'instantiate':
        started = time.perf_counter()
        components[message['component']].instantiate()
        return {'instantiateMs': ms_since(started)}
    if op == 'compile':
        return {'compileMs': compile_ms(engine, message['wasm'])}
    raise ValueError(f'unknown op {op!r}')


def main() -> None:
    send({'event': 'ready', 'wasmtime': wasmtime_version()})
    while True:
        serve(receive())


if __name__ == '__main__':
    main()
