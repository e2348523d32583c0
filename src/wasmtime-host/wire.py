"""Component values <-> the typed JSON the Node side sends and reads ("wire" values).

The Node side converts asterai's JSON arguments with the WIT types (src/host/json-abi) and
sends every value in one unambiguous form; this module turns it into the Python objects
wasmtime-py takes, guided by the component's own types as wasmtime reflects them, and back:

  bool, string, char, enum    as JSON
  u8 .. u32, s8 .. s32        JSON integers; u64 and s64 as decimal strings (exact)
  f32, f64                    JSON numbers, or "NaN", "Infinity", "-Infinity"
  list<u8>                    base64
  list, tuple                 arrays
  record                      an object keyed by the WIT field names
  flags                       an array of the names that are set
  option, result, variant     {"tag": case, "val": payload?}
"""
import base64
import math
from typing import Any, List, Optional, Tuple

from wasmtime.component import (
    F32, F64, S8, S16, S32, S64, U8, U16, U32, U64,
    BorrowType, Bool, Char, EnumType, FlagsType, ListType, OptionType, OwnType, Record,
    RecordType, ResultType, String, TupleType, ValType, Variant, VariantType,
)

SMALL_INTEGERS = (S8, S16, S32, U8, U16, U32)


class WireError(Exception):
    """A value that does not fit its type; the message says which."""


def to_wasmtime(ty: ValType, wire: Any) -> Any:
    if isinstance(ty, (Bool, String, Char, EnumType)):
        return wire
    if isinstance(ty, SMALL_INTEGERS):
        return int(wire)
    if isinstance(ty, (S64, U64)):
        return int(wire)
    if isinstance(ty, (F32, F64)):
        return float(wire)
    if isinstance(ty, ListType):
        if isinstance(ty.element, U8):
            return base64.b64decode(wire)
        element = ty.element
        return [to_wasmtime(element, item) for item in wire]
    if isinstance(ty, TupleType):
        return tuple(to_wasmtime(t, item) for t, item in zip(ty.elements, wire))
    if isinstance(ty, RecordType):
        record = Record()
        for name, field in ty.fields:
            setattr(record, name, to_wasmtime(field, wire[name]))
        return record
    if isinstance(ty, FlagsType):
        return set(wire)
    if isinstance(ty, (OptionType, ResultType, VariantType)):
        tag = wire['tag']
        payload_type = _case_type(ty, tag)
        payload = None if payload_type is None else to_wasmtime(payload_type, wire.get('val'))
        # wasmtime-py takes a Variant only where the cases' Python classes overlap
        # (`_tagged`, its own rule); elsewhere it takes the bare payload.
        return Variant(tag, payload) if ty._tagged() else payload
    if isinstance(ty, (OwnType, BorrowType)):
        raise WireError('resources cannot be passed by value')
    raise WireError(f'unsupported type {type(ty).__name__}')


def from_wasmtime(ty: ValType, value: Any) -> Any:
    if isinstance(ty, (Bool, String, Char, EnumType)):
        return value
    if isinstance(ty, SMALL_INTEGERS):
        return value
    if isinstance(ty, (S64, U64)):
        return str(value)
    if isinstance(ty, (F32, F64)):
        if math.isnan(value):
            return 'NaN'
        if math.isinf(value):
            return 'Infinity' if value > 0 else '-Infinity'
        return value
    if isinstance(ty, ListType):
        if isinstance(ty.element, U8):
            return base64.b64encode(bytes(value)).decode('ascii')
        element = ty.element
        return [from_wasmtime(element, item) for item in value]
    if isinstance(ty, TupleType):
        return [from_wasmtime(t, item) for t, item in zip(ty.elements, value)]
    if isinstance(ty, RecordType):
        return {name: from_wasmtime(field, getattr(value, name)) for name, field in ty.fields}
    if isinstance(ty, FlagsType):
        return sorted(value)
    if isinstance(ty, (OptionType, ResultType, VariantType)):
        tag, payload = _tag_of(ty, value)
        payload_type = _case_type(ty, tag)
        if payload_type is None:
            return {'tag': tag}
        return {'tag': tag, 'val': from_wasmtime(payload_type, payload)}
    if isinstance(ty, (OwnType, BorrowType)):
        raise WireError('resources cannot be returned by value')
    raise WireError(f'unsupported type {type(ty).__name__}')


def _cases(ty: Any) -> List[Tuple[str, Optional[ValType]]]:
    if isinstance(ty, OptionType):
        return [('none', None), ('some', ty.payload)]
    if isinstance(ty, ResultType):
        return [('ok', ty.ok), ('err', ty.err)]
    return ty.cases


def _case_type(ty: Any, tag: str) -> Optional[ValType]:
    for name, payload_type in _cases(ty):
        if name == tag:
            return payload_type
    raise WireError(f"no case '{tag}' in {type(ty).__name__}")


def _tag_of(ty: Any, value: Any) -> Tuple[str, Any]:
    """The case of a value wasmtime-py returned: a Variant, or a bare payload told apart by its class."""
    if ty._tagged():
        return value.tag, value.payload
    for name, payload_type in _cases(ty):
        if payload_type is None:
            if value is None:
                return name, None
            continue
        classes: set = set()
        payload_type.add_classes(classes)
        if isinstance(value, tuple(classes)):
            return name, value
    raise WireError(f'value of class {type(value).__name__} matches no case of {type(ty).__name__}')
