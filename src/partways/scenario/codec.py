"""The model as JSON and back, derived from the dataclasses' fields.

:func:`encode` turns a :class:`~partways.scenario.model.Scenario` (or any value
it holds, or a :class:`~partways.scenario.diagnostics.Diagnostic`) into JSON
values; :func:`decode` turns them back, strictly, by the type hints of the
dataclass fields: nothing here lists a field by name, so a field added to the
model is carried without another edit. A scenario and a node are written as
objects keyed by field name; the small values (a choice, a mark, a diagnostic)
as lists in field order.

Decoding trusts nothing: every value must have exactly the type its field
declares (``True`` is not an int, a missing or extra key is refused), and a
position must be 1-based; anything else raises :class:`Invalid`. Whether a
decoded scenario keeps the format's rules is
:func:`partways.scenario.rules.scenario_problems`'s to say.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from partways.scenario.diagnostics import CODES, Diagnostic
from partways.scenario.model import Mark, Node, Scenario

__all__ = ["Invalid", "decode", "encode"]

T = TypeVar("T")

#: Written as objects keyed by field name; every other dataclass as a list in field order.
_AS_OBJECT: tuple[type, ...] = (Scenario, Node)

#: What a decoded value must also satisfy, beyond its fields' types.
_CHECKS: dict[type, Callable[[Any], bool]] = {
    Mark: lambda mark: mark.line >= 1 and mark.column >= 1,
    Diagnostic: lambda d: d.line >= 1 and d.column >= 1 and d.code in CODES,
}


class Invalid(ValueError):
    """The data is not what :func:`encode` gives for a value of the type asked for."""


def encode(value: Any) -> Any:
    """``value`` as JSON values (dicts, lists, strings, integers and None)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = ((f.name, encode(getattr(value, f.name))) for f in dataclasses.fields(value))
        if isinstance(value, _AS_OBJECT):
            return dict(items)
        return [item for _, item in items]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, Mapping):
        return {key: encode(item) for key, item in value.items()}
    return value


def decode(cls: type[T], data: Any) -> T:
    """The ``cls`` that :func:`encode` turned into ``data``; :class:`Invalid` when
    ``data`` is anything else."""
    hint: Any = cls  # a type is hashable; typing cannot say so of ``type[T]``
    value: T = _decoder(hint)(data)
    return value


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function that decodes a JSON value into ``hint`` (built once per type)."""
    if hint is str:
        return _str
    if hint is int:
        return _int
    if hint is Path:
        return lambda data: Path(_str(data))
    origin, args = get_origin(hint), get_args(hint)
    if origin is Union or origin is types.UnionType:
        (inner,) = (arg for arg in args if arg is not type(None))
        decode_inner = _decoder(inner)
        return lambda data: None if data is None else decode_inner(data)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda data: tuple(item(value) for value in _list(data))
    if origin is tuple:
        return _fixed_tuple_decoder(tuple(_decoder(arg) for arg in args))
    if origin in (dict, Mapping) and args[0] is str:
        item = _decoder(args[1])
        return lambda data: {_str(key): item(value) for key, value in _dict(data).items()}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass_decoder(hint)
    raise TypeError(f"no decoder for {hint!r}")  # a model field of a type not handled here


def _fixed_tuple_decoder(items: tuple[Callable[[Any], Any], ...]) -> Callable[[Any], Any]:
    def decode_tuple(data: Any) -> tuple[Any, ...]:
        values = _list(data)
        if len(values) != len(items):
            raise Invalid(f"expected a list of {len(items)}")
        return tuple(item(value) for item, value in zip(items, values, strict=True))

    return decode_tuple


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    hints = get_type_hints(cls)
    names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    decoders = tuple(_decoder(hints[name]) for name in names)
    keys = frozenset(names)
    check = _CHECKS.get(cls)
    as_object = issubclass(cls, _AS_OBJECT)

    def decode_one(data: Any) -> Any:
        if as_object:
            fields = _dict(data)
            if fields.keys() != keys:
                raise Invalid(f"a {cls.__name__} with other keys")
            values = [fields[name] for name in names]
        else:
            values = _list(data)
            if len(values) != len(names):
                raise Invalid(f"a {cls.__name__} of {len(values)} values")
        made = cls(**{name: dec(v) for name, dec, v in zip(names, decoders, values, strict=True)})
        if check is not None and not check(made):
            raise Invalid(f"a {cls.__name__} out of range")
        return made

    return decode_one


def _str(value: Any) -> str:
    if type(value) is not str:
        raise Invalid("expected a string")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise Invalid("expected an integer")
    return value


def _dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise Invalid("expected an object")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise Invalid("expected a list")
    return value
