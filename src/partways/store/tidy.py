"""A history record as readers expect it, whatever JSON values its fields hold.

Which fields a record has, and of what kind, is read from :class:`Outcome`,
:class:`Turn` and :class:`Scores` (their fields and type hints:
:func:`partways.records.field_types`): a field added
there is tidied here with no change, and an odd one (a type this module does
not know) fails the tests instead of passing through untidied.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Literal, get_args, get_origin

from partways.records import Outcome, field_types
from partways.text import strip_control
from partways.vocab import ABANDONED

#: Choice numbers larger than this are not numbers a rehearsal makes.
MAX_CHOICE = 1000


def _text(value: object) -> str:
    """Any JSON value as printable text: strings cleaned, numbers written, the rest ''."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        try:
            text = str(value)
        except ValueError:  # an int of more digits than Python will print
            return ""
    else:
        return ""
    if not text.isascii():
        # A lone surrogate cannot be printed or written as UTF-8: it becomes U+FFFD
        # (a pair of them becomes the character it stands for).
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return strip_control(text)


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _score(value: object) -> int:
    """A score 0-100 from any JSON value (a number or a string of digits; else 0)."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, float):
        if not math.isfinite(value):
            return 0
        value = int(value)
    elif isinstance(value, str):
        try:
            value = int(value.strip()) if len(value) <= 20 else 0
        except ValueError:
            return 0
    if not isinstance(value, int):
        return 0
    return max(0, min(100, value))


def _choice(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_CHOICE:
        return value
    return None


def _text_list(value: object) -> list[str]:
    return (
        [_text(item) for item in value if isinstance(item, str)] if isinstance(value, list) else []
    )


#: How a field of each type is tidied. The only plain ``int`` fields are scores.
_BY_TYPE: dict[object, Callable[[object], object]] = {
    str: _text,
    str | None: _optional_text,
    int: _score,
    int | None: _choice,
    tuple[str, ...]: _text_list,
}


def _tidier(hint: Any) -> Callable[[object], object]:
    """The function that tidies a field of type ``hint``."""
    if hint in _BY_TYPE:
        return _BY_TYPE[hint]
    if get_origin(hint) is Literal:
        return _text  # e.g. a turn's `how`: kept as text, like any string
    if isinstance(hint, type):  # a record class, e.g. Scores
        return lambda value: _object(hint, value)
    if get_origin(hint) is tuple and get_args(hint)[1:] == (Ellipsis,):
        item = get_args(hint)[0]
        return lambda value: (
            [_object(item, entry) for entry in value if isinstance(entry, dict)]
            if isinstance(value, list)
            else []
        )
    raise TypeError(f"no way to tidy a field of type {hint!r}")


def _object(cls: type, value: object) -> dict[str, Any]:
    """``value`` as the JSON object of the dataclass ``cls``: its fields, each tidied."""
    given: dict[str, Any] = value if isinstance(value, dict) else {}
    return {name: _tidier(hint)(given.get(name)) for name, hint in field_types(cls).items()}


def tidy(record: dict[str, Any]) -> dict[str, Any]:
    """A record as readers expect it — ``Outcome.to_json()``'s shape — whatever JSON
    values its fields hold.

    The result has exactly the fields of ``Outcome.to_json()`` (others are
    dropped). Text fields are strings without control characters (only newline
    and tab survive: :func:`partways.text.strip_control`); ``ending_node``,
    ``client_line``, ``lesson`` and a turn's ``mood`` are such a string or
    ``None``; ``abandoned`` is a bool, true exactly when ``outcome`` is
    ``abandoned`` (a record marked ``"abandoned": true`` gets that outcome);
    ``scores`` has the four integer keys, each 0-100; ``turns`` is a list of
    objects of the same kind (entries that are not objects are dropped), each
    with ``choice`` an int or ``None`` and ``tags`` a list of strings. Never
    raises, so one odd record never stops the app. ``Outcome.from_json`` reads
    the result.
    """
    tidied = _object(Outcome, record)
    if record.get("abandoned") is True:
        tidied["outcome"] = ABANDONED
    return Outcome.from_json(tidied).to_json()
