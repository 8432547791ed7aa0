"""Problems found in scenario files, each pointing at a place in a file.

Everything a diagnostic is made of lives here, once:

- :class:`Code`, the stable problem codes, each with its meaning in
  :data:`MEANINGS` (the table in ``scenarios/README.md`` lists the same, and a
  test keeps the two in step). ``PW0xx`` file and YAML level, ``PW1xx`` keys,
  types and values, ``PW2xx`` text, ``PW3xx`` the node graph, ``PW4xx`` problems
  across files. Codes never change meaning.
- :class:`Lines` turns a character index into a 1-based (line, column). A line
  ends at LF, CRLF or CR (what YAML 1.2 and editors agree on); NEL, U+2028 and
  U+2029 do not start a new line in our reports, whatever the YAML parser counts.
- :func:`shown` is how any value from a file is quoted in a message: control
  characters written out, long values cut short; :func:`control_name` names one
  control character; :func:`suggest` offers the closest known word.
"""

from __future__ import annotations

import difflib
import heapq
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from partways.text import visible

#: The longest value quoted whole in a message; longer ones are cut.
MAX_SHOWN = 60
#: A word longer than this gets no "did you mean" (difflib is quadratic in length).
MAX_SUGGEST_LENGTH = 64
#: At most this many options, those closest in length, are compared with a word.
MAX_SUGGEST_CANDIDATES = 200

_BREAK_RE = re.compile(r"\r\n?|\n")


class Code(StrEnum):
    """The stable code of each kind of problem (its value is what a diagnostic shows)."""

    # File and YAML level.
    NOT_UTF8 = "PW001"
    TOO_BIG = "PW002"
    BAD_YAML = "PW003"
    DUPLICATE = "PW004"
    ALIAS = "PW005"
    YAML_TAG = "PW006"
    TOO_DEEP = "PW007"
    UNREADABLE = "PW008"
    # Keys, types and values.
    NOT_A_MAPPING = "PW100"
    UNKNOWN_KEY = "PW101"
    MISSING_KEY = "PW102"
    WRONG_TYPE = "PW103"
    FORMAT = "PW104"
    BAD_ID = "PW105"
    NOT_ALLOWED = "PW106"
    DIFFICULTY = "PW107"
    CHOICE_COUNT = "PW108"
    UNKNOWN_STANCE = "PW109"
    NO_DEFAULT = "PW110"
    MISPLACED_KEY = "PW111"
    NO_KIND = "PW112"
    UNKNOWN_TAG = "PW113"
    # Text.
    NOT_A_STRING = "PW201"
    EMPTY = "PW202"
    CONTROL = "PW203"
    PLACEHOLDER = "PW204"
    NO_YOU = "PW205"
    # The node graph.
    NO_SUCH_NODE = "PW301"
    UNREACHABLE = "PW302"
    DEAD_END = "PW303"
    NO_CLEAN_EXIT = "PW304"
    # Across files.
    ID_TAKEN = "PW401"


#: What each code means: the "problem" column of the table in ``scenarios/README.md``
#: (without its backticks).
MEANINGS: dict[Code, str] = {
    Code.NOT_UTF8: "not UTF-8 text, or a binary file",
    Code.TOO_BIG: "file larger than 5 MiB",
    Code.BAD_YAML: "YAML syntax error",
    Code.DUPLICATE: "duplicate key (or node)",
    Code.ALIAS: "anchor or alias",
    Code.YAML_TAG: "YAML tag not allowed",
    Code.TOO_DEEP: "nested too deeply",
    Code.UNREADABLE: "cannot read the file or folder",
    Code.NOT_A_MAPPING: "top level is not a mapping",
    Code.UNKNOWN_KEY: "unknown key",
    Code.MISSING_KEY: "required key missing",
    Code.WRONG_TYPE: "wrong type",
    Code.FORMAT: "unsupported format version",
    Code.BAD_ID: "invalid scenario id",
    Code.NOT_ALLOWED: "value not in the allowed list",
    Code.DIFFICULTY: "difficulty out of range",
    Code.CHOICE_COUNT: "wrong number of choices",
    Code.UNKNOWN_STANCE: "unknown stance in a reply",
    Code.NO_DEFAULT: "reply without default",
    Code.MISPLACED_KEY: "key not allowed in this kind of node",
    Code.NO_KIND: "node is neither a turn nor an ending",
    Code.UNKNOWN_TAG: "unknown tag on a choice",
    Code.NOT_A_STRING: "text value is not a string",
    Code.EMPTY: "empty text",
    Code.CONTROL: "control character in text",
    Code.PLACEHOLDER: "unknown placeholder",
    Code.NO_YOU: "{you} used but no you given",
    Code.NO_SUCH_NODE: "target is not a node",
    Code.UNREACHABLE: "node unreachable from start",
    Code.DEAD_END: "node cannot reach an ending",
    Code.NO_CLEAN_EXIT: "no clean-exit ending reachable",
    Code.ID_TAKEN: "id already used by another file",
}

#: Every code's value, for checking a code read back from elsewhere (the catalog cache).
CODES: frozenset[str] = frozenset(code.value for code in Code)


class Lines:
    """Maps character indexes of one text to 1-based (line, column).

    The table of line starts is built on the first lookup, in one pass; each
    lookup after that is a binary search.
    """

    __slots__ = ("_starts", "_text", "mark_shift")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        #: Characters at the start of the text that the YAML parser's marks do not
        #: count (libyaml skips a leading byte order mark); see :meth:`at_mark`.
        self.mark_shift = 0

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

    def at_mark(self, index: int) -> tuple[int, int]:
        """The (line, column) of the parser mark ``index`` (see :attr:`mark_shift`)."""
        return self.at(index + self.mark_shift)

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


_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x0D: "CR",
    0x1B: "ESC",
    0x7F: "DEL",
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
}


def control_name(ch: str) -> str:
    """``U+001B (ESC)``: a control character as a message names it."""
    code = ord(ch)
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def one_of(options: Iterable[str]) -> str:
    """``a, b or c``."""
    options = list(options)
    return ", ".join(options[:-1]) + " or " + options[-1]


def suggest(word: str, options: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the option closest to ``word``, or ``""``.

    The work is bounded whatever the file holds: a long word gets no suggestion;
    only options of similar length are compared (a difflib ratio of 0.6 needs the
    shorter string to be at least 3/7 of the longer), and at most
    :data:`MAX_SUGGEST_CANDIDATES` of them, the closest in length first.
    """
    n = len(word)
    if n > MAX_SUGGEST_LENGTH:
        return ""
    lowered = word.lower()
    low, high = (3 * n + 6) // 7, (7 * n) // 3
    similar: list[str] = []
    for option in options:
        m = len(option)
        if low <= m <= high:
            if m == n and option != word and option.lower() == lowered:
                return f"; did you mean '{shown(option)}'?"
            similar.append(option)
    if len(similar) > MAX_SUGGEST_CANDIDATES:
        similar = heapq.nsmallest(
            MAX_SUGGEST_CANDIDATES, similar, key=lambda option: abs(len(option) - n)
        )
    close = difflib.get_close_matches(lowered, similar, n=1, cutoff=0.6)
    return f"; did you mean '{shown(close[0])}'?" if close else ""


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
        """``PATH:LINE:COLUMN: error: MESSAGE [CODE]``, as ``scenarios/README.md`` shows."""
        path, message = visible(self.path), visible(self.message)
        return f"{path}:{self.line}:{self.column}: error: {message} [{self.code}]"

    def to_json(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": str(self.code),
            "message": visible(self.message),
        }


def at_start(path: str, code: Code, message: str) -> Diagnostic:
    """A problem of the whole file, placed at its start (line 1, column 1)."""
    return Diagnostic(path, 1, 1, code.value, message)


def by_position(diags: list[Diagnostic]) -> list[Diagnostic]:
    """``diags`` sorted by line, column and code (a stable sort: ties keep their order)."""
    return sorted(diags, key=lambda d: (d.line, d.column, d.code))
