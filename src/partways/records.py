"""What a rehearsal leaves behind — :class:`Turn` and :class:`Outcome` — and their JSON form.

The JSON form is derived from the dataclasses' fields, in this one place:
:func:`encode` writes a dataclass as an object of its fields (tuples as lists,
nested dataclasses as objects), :func:`decode` reads one back from its type
hints. A nested value that is not a dataclass (say, a hand-written record class)
takes part when it has ``to_json()`` and a constructor taking its fields by
name. A field added to :class:`Turn`, :class:`Outcome` or
:class:`~partways.scores.Scores` is logged, read back and tidied
(:func:`partways.store.tidy.tidy`) with no other change.

Plain Python: the engine makes these, the store keeps them, neither the store
nor the command line needs the engine (or the coach) to read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, is_dataclass
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

from partways.scores import Scores
from partways.vocab import ABANDONED

D = TypeVar("D")


_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def field_types(cls: type) -> dict[str, Any]:
    """``cls``'s fields and their (evaluated) type hints, in order: the parameters of
    its constructor, which for a dataclass are its fields."""
    known = _FIELD_TYPES.get(cls)
    if known is None:
        hints = get_type_hints(cls.__init__)  # type: ignore[misc]
        known = _FIELD_TYPES[cls] = {name: hint for name, hint in hints.items() if name != "return"}
    return known


def encode(value: object) -> Any:
    """``value`` as JSON values: a dataclass as an object of its fields, a tuple as a list."""
    if is_dataclass(value) and not isinstance(value, type):
        return {name: encode(getattr(value, name)) for name in field_types(type(value))}
    if hasattr(value, "to_json") and not isinstance(value, type):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    return value


def decode(cls: type[D], data: Mapping[str, Any]) -> D:
    """The dataclass ``cls`` from ``data``, an object :func:`encode` wrote (keys it
    does not know are ignored). The values are taken as they are: tidy them first."""
    values = {name: _decode(hint, data[name]) for name, hint in field_types(cls).items()}
    return cls(**values)


def _decode(hint: Any, value: Any) -> Any:
    if isinstance(hint, type) and is_dataclass(hint):
        return decode(hint, value)
    if get_origin(hint) is tuple:
        item = get_args(hint)[0]
        return tuple(_decode(item, element) for element in value)
    if isinstance(hint, type) and isinstance(value, Mapping):
        return hint(**value)
    return value


@dataclass(frozen=True, slots=True)
class Turn:
    """One exchange: what the client said, and what the user answered."""

    node: str
    client: str
    mood: str | None
    said: str
    how: Literal["picked", "typed"]
    choice: int | None
    stance: str
    tags: tuple[str, ...]
    coach: str
    next: str

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = encode(self)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Turn:
        return decode(cls, data)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a rehearsal ended, ready to be logged."""

    scenario: str
    title: str
    language: str
    outcome: str
    ending_node: str | None
    client_line: str | None
    lesson: str | None
    client_name: str
    you_name: str
    started: str
    finished: str
    turns: tuple[Turn, ...]
    scores: Scores

    @property
    def abandoned(self) -> bool:
        return self.outcome == ABANDONED

    def to_json(self) -> dict[str, Any]:
        """The fields, with ``abandoned`` (derived from ``outcome``) right after ``outcome``."""
        data: dict[str, Any] = {}
        for key, value in encode(self).items():
            data[key] = value
            if key == "outcome":
                data["abandoned"] = self.abandoned
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Outcome:
        """An outcome from a (tidied) record; ``abandoned`` is derived, not read."""
        return decode(cls, data)
