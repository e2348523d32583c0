"""The component on wasmtime, served the way the asterai runtime serves it: compiled once per
process (and cached on disk by the wasm's hash), a fresh Store and instance for every call,
the environment's variables, the directories it grants (asterai --allow-dir), the guest's
stdout and stderr captured, wasi:http's real client for outgoing requests, and
asterai:host/api@1.0.0 and asterai:host-cron/scheduler@0.1.0 answered by a callback (the Node
side, see host.py)."""
import hashlib
import os
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

import wasmtime
from wasmtime import Engine, Store, WasiConfig
from wasmtime.component import Component, Func, FuncType, Instance, Linker

HOST_API = 'asterai:host/api@1.0.0'
HOST_CRON = 'asterai:host-cron/scheduler@0.1.0'
# The asterai host interfaces, as asterai links them for every component. Every function of an
# interface a component imports must be defined, or instantiation fails ("function
# implementation is missing").
HOST_INTERFACES = {
    HOST_API: (
        'get-runtime-info',
        'list-components',
        'list-other-components',
        'get-component',
        'component-implements',
        'call-component-function',
    ),
    HOST_CRON: ('create-schedule', 'cancel-schedule', 'list-schedules'),
}

# (calling component, the interface, the host function's type, its name, its arguments) -> its
# result, in wasmtime-py values.
HostCall = Callable[[str, str, FuncType, str, List[Any]], Any]
# (component, stream, bytes)
OutputSink = Callable[[str, str, bytes], None]


class CallFailed(Exception):
    """The call did not produce a value; `stage` is instantiate, export or trap."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


def load_component(engine: Engine, wasm_path: str, cache_dir: str) -> Tuple[Component, Dict[str, Any]]:
    """Deserializes the compiled component from the cache, or compiles it (~5.5 s for ours) and caches it."""
    with open(wasm_path, 'rb') as f:
        wasm = f.read()
    digest = hashlib.sha256(wasm).hexdigest()[:24]
    cached = os.path.join(cache_dir, f'{digest}-wasmtime{wasmtime_version()}.cwasm')
    started = time.perf_counter()
    if os.path.exists(cached):
        try:
            component = Component.deserialize_file(engine, cached)
            return component, {'cache': 'hit', 'loadMs': ms_since(started)}
        except wasmtime.WasmtimeError:
            pass  # written by another build of the engine: compile again
    component = Component(engine, wasm)
    compile_ms = ms_since(started)
    os.makedirs(cache_dir, exist_ok=True)
    staging = f'{cached}.{os.getpid()}.tmp'
    with open(staging, 'wb') as f:
        f.write(component.serialize())
    # Several processes may compile at once: each renames a complete file.
    os.replace(staging, cached)
    return component, {'cache': 'miss', 'compileMs': compile_ms, 'loadMs': ms_since(started)}


def compile_ms(engine: Engine, wasm_path: str) -> float:
    """How long compiling the component takes, without the cache."""
    with open(wasm_path, 'rb') as f:
        wasm = f.read()
    started = time.perf_counter()
    Component(engine, wasm)
    return ms_since(started)


class HostedComponent:
    def __init__(self, engine: Engine, name: str, component: Component, env: List[Tuple[str, str]],
                 dirs: List[str], host_call: HostCall, output: OutputSink) -> None:
        self.engine = engine
        self.name = name
        self.component = component
        self.env = env
        self.dirs = dirs
        self.output = output
        self.linker = Linker(engine)
        self.linker.add_wasip2()
        self.linker.add_wasi_http()
        imported = component.type.imports(engine)
        with self.linker.root() as root:
            for interface, functions in HOST_INTERFACES.items():
                host_types = imported.get(interface)
                with root.add_instance(interface) as instance:
                    for function in functions:
                        func_type = host_types.ty.exports(engine)[function].ty if host_types else None
                        instance.add_func(function, self._host_function(interface, function, func_type, host_call))
        # One long-lived instance, for benchmarks: replaced after a trap.
        self.kept: Optional[Tuple[Store, Instance]] = None

    def _host_function(self, interface: str, function: str, func_type: Optional[FuncType],
                       host_call: HostCall) -> Callable[..., Any]:
        def call(_store: Any, *args: Any) -> Any:
            if func_type is None:
                raise RuntimeError(f'{self.name} does not import {interface}')
            return host_call(self.name, interface, func_type, function, list(args))
        return call

    def instantiate(self) -> Tuple[Store, Instance]:
        store = Store(self.engine)
        wasi = WasiConfig()
        wasi.env = self.env
        wasi.stdout_custom = lambda data: self.output(self.name, 'stdout', data)
        wasi.stderr_custom = lambda data: self.output(self.name, 'stderr', data)
        for directory in self.dirs:
            wasi.preopen_dir(directory, directory)
        store.set_wasi(wasi)
        store.set_wasi_http()
        try:
            return store, self.linker.instantiate(store, self.component)
        except wasmtime.WasmtimeError as error:
            raise CallFailed('instantiate', str(error)) from error

    def call(self, interface: str, function: str, args: Callable[[FuncType], List[Any]],
             long_lived: bool) -> Tuple[FuncType, Any, Dict[str, float]]:
        """Calls `interface`/`function`; `args` turns the function's type into its arguments."""
        started = time.perf_counter()
        if long_lived:
            self.kept = self.kept or self.instantiate()
            store, instance = self.kept
        else:
            store, instance = self.instantiate()
        instantiated = time.perf_counter()
        func = self._export(store, instance, interface, function)
        func_type = func.type(store)
        try:
            values = args(func_type)
            result = func(store, *values)
            func.post_return(store)
        except Exception as error:
            # A trap, or a host function that failed (which traps the guest): the instance can
            # never be entered again.
            self.kept = None
            raise CallFailed('trap', str(error)) from error
        timing = {'instantiateMs': (instantiated - started) * 1000, 'callMs': ms_since(instantiated)}
        return func_type, result, timing

    def _export(self, store: Store, instance: Instance, interface: str, function: str) -> Func:
        interface_index = instance.get_export_index(store, interface)
        function_index = interface_index and instance.get_export_index(store, function, interface_index)
        func = function_index and instance.get_func(store, function_index)
        if not func:
            raise CallFailed('export', f"'{interface}' has no '{function}'")
        return func


def wasmtime_version() -> str:
    from importlib.metadata import version
    return version('wasmtime')


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000
