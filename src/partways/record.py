"""A small immutable record base, for the types on the command line's hot path.

``dataclasses`` costs as much to import as the whole coach takes to run, so the
few value types that ``partways coach`` builds (scores, findings, analyses) use
this instead: slots, equality and hashing by value, a readable ``repr``, and
assignment refused like a frozen dataclass (``AttributeError``).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

__all__ = ["Record"]


class Record:
    """Subclasses name their fields, in order, in ``_fields`` (and in ``__slots__``, in
    any order), and set them in ``__init__`` with :meth:`_init`."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _init(self, *values: Any) -> None:
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, *self._values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self._values(), strict=True))
        return f"{self.__class__.__name__}({inner})"
