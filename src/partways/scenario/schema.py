"""What a scenario file may hold: one table of fields per level, and the rules of a value.

Each level of a file (the scenario, a node, a choice) is a table of
:class:`Field`: its key, the :class:`Kind` of value it takes, the values
allowed, and whether it is required. The keys are the names of the fields of
the dataclasses in :mod:`partways.scenario.model`, so a clean value goes
straight into the model under its key.

Both checkers read these tables: :mod:`partways.scenario.validate` (a file's
YAML node tree, every problem at its place, with its code) and
:mod:`partways.scenario.rules` (a model already built, such as one decoded from
the catalog cache). ``scenarios/README.md`` describes the same rules for authors.
Nothing here imports YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from partways.scenario.diagnostics import Code
from partways.scenario.model import FORMAT_VERSION, PLACEHOLDERS, REPLY_KEYS
from partways.text import first_control, is_blank
from partways.vocab import ENDINGS, LANGUAGES, MOODS, REACTIONS, REASONS, TAGS

__all__ = [
    "CHOICE_FIELDS",
    "ENDING",
    "ID_RE",
    "MAX_CHOICES",
    "NODE_FIELDS",
    "PLACEHOLDER_RE",
    "REPLY_KEYS",
    "SCENARIO_FIELDS",
    "TURN",
    "Field",
    "Kind",
    "TextFaults",
    "keys",
    "required",
    "text_faults",
]

#: A scenario id: lowercase letters and digits, words joined by '-'.
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: ``{...}`` in text: only the names in :data:`model.PLACEHOLDERS` may appear.
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
#: A turn offers at most this many choices (the digit keys 1-9).
MAX_CHOICES = 9

#: The two kinds of node; a node with an ``ending`` is an ending, any other a turn.
TURN = "turn"
ENDING = "ending"


class Kind(Enum):
    """How a field's value is read and checked."""

    TEXT = "text"  # visible text, no control characters, only {client} and {you}
    NAME = "name"  # text that may use no placeholder at all
    ID = "id"  # a scenario id (ID_RE)
    ENUM = "enum"  # one of the field's ``allowed`` values
    INT = "int"  # a plain integer from ``low`` to ``high``
    REF = "ref"  # a node id (checked with the graph)
    NODES = "nodes"  # mapping of node id -> node (NODE_FIELDS)
    CHOICES = "choices"  # list of 1 to MAX_CHOICES choices (CHOICE_FIELDS)
    REPLY = "reply"  # mapping of REPLY_KEYS -> node id, with 'default'
    TAGS = "tags"  # list of tag names (TAGS)


@dataclass(frozen=True, slots=True)
class Field:
    """One key of one level of a scenario file."""

    key: str
    kind: Kind
    #: Required always (True), never (False), or only on this kind of node (TURN).
    required: bool | str = False
    #: The values an ENUM field takes, in the order messages list them.
    allowed: tuple[str, ...] = ()
    #: The kind of node the key belongs on (TURN or ENDING); None for both, and off nodes.
    on: str | None = None
    #: An INT field's range, the code of a value out of it, and its message
    #: (``{value}`` is where the value goes).
    low: int = 0
    high: int = 0
    code: Code | None = None
    out_of_range: str = ""
    #: ``allowed`` as a set, for fast membership tests.
    allowed_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "allowed_set", frozenset(self.allowed))


SCENARIO_FIELDS: tuple[Field, ...] = (
    Field(
        "format",
        Kind.INT,
        True,
        low=FORMAT_VERSION,
        high=FORMAT_VERSION,
        code=Code.FORMAT,
        out_of_range=f"unsupported format {{value}}; this partways reads format {FORMAT_VERSION}",
    ),
    Field("id", Kind.ID, True),
    Field("title", Kind.TEXT, True),
    Field("language", Kind.ENUM, True, LANGUAGES),
    Field("reaction", Kind.ENUM, True, REACTIONS),
    Field("reason", Kind.ENUM, True, REASONS),
    Field(
        "difficulty",
        Kind.INT,
        low=1,
        high=3,
        code=Code.DIFFICULTY,
        out_of_range="'difficulty' must be 1, 2 or 3, not {value}",
    ),
    Field("summary", Kind.TEXT, True),
    Field("client", Kind.NAME, True),
    Field("you", Kind.NAME),
    Field("start", Kind.REF, True),
    Field("nodes", Kind.NODES, True),
)

NODE_FIELDS: tuple[Field, ...] = (
    Field("client", Kind.TEXT, TURN),
    Field("mood", Kind.ENUM, allowed=MOODS),
    Field("tip", Kind.TEXT),
    Field("choices", Kind.CHOICES, on=TURN),
    Field("reply", Kind.REPLY, on=TURN),
    Field("ending", Kind.ENUM, allowed=ENDINGS, on=ENDING),
    Field("lesson", Kind.TEXT, on=ENDING),
)

CHOICE_FIELDS: tuple[Field, ...] = (
    Field("say", Kind.TEXT, True),
    Field("next", Kind.REF, True),
    Field("coach", Kind.TEXT, True),
    Field("tags", Kind.TAGS, allowed=TAGS),
)


def keys(table: tuple[Field, ...]) -> tuple[str, ...]:
    """The keys of a level, in the order messages list them."""
    return tuple(spec.key for spec in table)


def required(table: tuple[Field, ...], kind: str | None = None) -> tuple[str, ...]:
    """The keys of a level that must be given (on a node of ``kind``, for node fields)."""
    return tuple(spec.key for spec in table if spec.required is True or spec.required == kind)


@dataclass(frozen=True, slots=True)
class TextFaults:
    """What breaks the rules of one text value (all false or None: nothing)."""

    #: Only white space and format characters (Unicode Cf, such as U+200B).
    blank: bool
    #: The first control character other than newline and tab.
    control: str | None
    #: The first ``{...}`` that may not appear (any at all in a name).
    placeholder: str | None
    #: Whether ``{you}`` appears (before any bad placeholder).
    uses_you: bool

    @property
    def ok(self) -> bool:
        """Whether the value keeps every rule."""
        return not self.blank and self.control is None and self.placeholder is None


def text_faults(value: str, name: bool = False) -> TextFaults:
    """The rules of a text value: something visible, no control characters (bidi
    overrides and isolates count, see :mod:`partways.text`), and no placeholder but
    ``{client}`` and ``{you}`` (none at all in a ``name``)."""
    placeholder = None
    uses_you = False
    if "{" in value:
        for match in PLACEHOLDER_RE.finditer(value):
            inner = match.group(1)
            if name or inner not in PLACEHOLDERS:
                placeholder = match.group()
                break
            if inner == "you":
                uses_you = True
    blank, control = is_blank(value), first_control(value)
    if not blank and control is None and placeholder is None:
        return _USES_YOU if uses_you else _CLEAN  # the usual case: nothing to build
    return TextFaults(blank, control, placeholder, uses_you)


_CLEAN = TextFaults(False, None, None, False)
_USES_YOU = TextFaults(False, None, None, True)
