"""Problems found in scenario files, each pointing at a place in a file.

Two things every diagnostic relies on live here, once:

- :class:`Lines` turns a character index into a 1-based (line, column). A line
  ends at LF, CRLF or CR (what YAML 1.2 and editors agree on); NEL, U+2028 and
  U+2029 do not start a new line in our reports, whatever the YAML parser counts.
- :func:`shown` is how any value from a file is quoted in a message: control
  characters written out, long values cut short.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from partways.text import visible

#: The longest value quoted whole in a message; longer ones are cut.
MAX_SHOWN = 60

_BREAK_RE = re.compile(r"\r\n?|\n")


class Lines:
    """Maps character indexes of one text to 1-based (line, column).

    The table of line starts is built on the first lookup, in one pass; each
    lookup after that is a binary search.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def at(self, index: int) -> tuple[int, int]:
        """The (line, column) of character ``index`` (clamped to the text)."""
        starts = self._starts
        if starts is None:
            starts = [0]
            starts.extend(m.end() for m in _BREAK_RE.finditer(self._text))
            self._starts = starts
        index = min(max(index, 0), len(self._text))
        line = bisect_right(starts, index)
        # The LF of a CRLF belongs to the line the CR ends.
        if line > 1 and index == starts[line - 1] - 1 and self._text[index] == "\n":
            line -= 1
        return line, index - starts[line - 1] + 1

    def count(self) -> int:
        """How many lines the text has (the place after a final line break is a line)."""
        return self.at(len(self._text))[0]


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of character ``index`` in ``text`` (see :class:`Lines`)."""
    return Lines(text).at(index)


def shown(value: str) -> str:
    """``value`` as a message may quote it: control characters written out, at most
    about :data:`MAX_SHOWN` characters (a cut value says how long it was)."""
    if len(value) <= MAX_SHOWN:
        return visible(value)
    unit = "digits" if value.lstrip("-").isdecimal() else "characters"
    head, tail = visible(value[: MAX_SHOWN - 20]), visible(value[-10:])
    return f"{head}…{tail} ({len(value):,} {unit})"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file.

    ``path`` is the path as the user gave it (or as found inside a folder they gave);
    ``line`` and ``column`` are 1-based; ``code`` is a stable rule code such as ``PW201``.
    """

    path: str
    line: int
    column: int
    code: str
    message: str

    def format(self) -> str:
        """``PATH:LINE:COLUMN: error: MESSAGE [CODE]``, as the contract fixes it."""
        path, message = visible(self.path), visible(self.message)
        return f"{path}:{self.line}:{self.column}: error: {message} [{self.code}]"

    def to_json(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": visible(self.message),
        }
