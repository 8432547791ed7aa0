"""What the coach hands back: an :class:`Analysis` of one text, with its findings
and rewrite hints (immutable records, see :mod:`partways.record`).

Offsets are code points into the ORIGINAL text, as ``scenarios/README.md`` says.
"""

from __future__ import annotations

from partways.record import Record
from partways.scores import ZERO, Scores
from partways.vocab import CONTENT_TAGS, STANCES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["STRUCTURAL_KINDS", "WEIGHTS", "Analysis", "Finding", "Hint"]

#: Findings about the whole text's shape, not a word or phrase.
STRUCTURAL_KINDS = (
    "no-decision",
    "question",
    "buried",
    "too-long",
    "wordy",
    "reasons",
    "assent",
)

#: How much a finding weighs toward ``waffle`` (tag or tag/kind).
WEIGHTS: dict[str, float] = {
    "hedge": 1.0,
    "permission": 1.0,
    "over-explain": 1.0,
    "apology": 0.5,
    "minimizer": 0.5,
    "filler": 0.5,
    "filler/intensifier": 0.25,
    "over-explain/wordy": 0.5,
}

#: When two findings overlap, the longer wins; on a tie, the earlier tag here.


class Finding(Record):
    """Something the coach found: ``text == original[start:end]`` (code points).

    ``kind`` is the finer category: ``relational``/``propositional``/``disclaimer``
    for a hedge, ``tag-question`` or ``question`` for a permission, ``intensifier``
    for a filler, ``contempt``/``threat`` for blame, ``continue``/``postpone``/
    ``bargain``/``reconsider`` for a reversal, ``negated`` for a decision said as a
    refusal to reverse, and the structural ones (:data:`STRUCTURAL_KINDS`).
    """

    __slots__ = ("advice", "end", "kind", "start", "tag", "text")
    _fields = ("tag", "start", "end", "text", "advice", "kind")
    tag: str
    start: int
    end: int
    text: str
    advice: str
    kind: str

    def __init__(
        self, tag: str, start: int, end: int, text: str, advice: str, kind: str = ""
    ) -> None:
        self._init(tag, start, end, text, advice, kind)

    @property
    def structural(self) -> bool:
        """True for a finding about the text's shape (a sentence or more), not a phrase."""
        return self.kind in STRUCTURAL_KINDS

    @property
    def weight(self) -> float:
        """How much it counts toward ``waffle`` (0 for what is not a softener)."""
        return WEIGHTS.get(f"{self.tag}/{self.kind}", WEIGHTS.get(self.tag, 0.0))

    def to_json(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "advice": self.advice,
        }


class Hint(Record):
    """A rewrite hint for one sentence that has findings (for the coach pad)."""

    __slots__ = ("advice", "cut", "end", "move_first", "start", "text")
    _fields = ("start", "end", "text", "cut", "move_first", "advice")
    start: int
    end: int
    text: str
    cut: tuple[Finding, ...]
    move_first: bool
    advice: str

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        cut: tuple[Finding, ...],
        move_first: bool,
        advice: str,
    ) -> None:
        self._init(start, end, text, cut, move_first, advice)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "cut": [f.to_json() for f in self.cut],
            "move_first": self.move_first,
            "advice": self.advice,
        }


class Analysis(Record):
    """What the coach made of one text.

    ``stance``; ``language``; ``findings`` in text order (phrases and structural
    findings, see :attr:`marks` for what to highlight); the four ``scores`` of this
    text alone; the ``note`` (the one thing to change first, or what went well);
    ``hints``, one per sentence with something to fix; ``first_fix``, the finding
    the note is about (None when the text is firm and clean).
    """

    __slots__ = ("_hints", "findings", "first_fix", "language", "note", "scores", "stance")
    _fields = ("stance", "language", "findings", "scores", "note", "hints", "first_fix")
    stance: str
    language: str
    findings: tuple[Finding, ...]
    scores: Scores
    note: str
    first_fix: Finding | None
    _hints: tuple[Hint, ...] | Callable[[], tuple[Hint, ...]]

    def __init__(
        self,
        stance: str,
        language: str,
        findings: tuple[Finding, ...],
        scores: Scores = ZERO,
        note: str = "",
        hints: tuple[Hint, ...] | Callable[[], tuple[Hint, ...]] = (),
        first_fix: Finding | None = None,
    ) -> None:
        for name, value in (
            ("stance", stance),
            ("language", language),
            ("findings", findings),
            ("scores", scores),
            ("note", note),
            ("_hints", hints),
            ("first_fix", first_fix),
        ):
            object.__setattr__(self, name, value)

    @property
    def hints(self) -> tuple[Hint, ...]:
        """A rewrite hint per sentence with something to fix (worked out when first asked:
        live highlighting never pays for it)."""
        hints = self._hints
        if callable(hints):
            hints = hints()
            object.__setattr__(self, "_hints", hints)
        return hints

    @property
    def tags(self) -> tuple[str, ...]:
        """Distinct finding tags in order of first appearance, then the stance (last).

        A structural finding tagged with a stance name (``waffle`` for "no decision")
        shows only as the stance.
        """
        seen: dict[str, None] = {}
        for finding in self.findings:
            if finding.tag not in STANCES:
                seen.setdefault(finding.tag, None)
        seen.setdefault(self.stance, None)
        return tuple(seen)

    @property
    def content_tags(self) -> tuple[str, ...]:
        """The content tags of scenarios/README.md (what the log and scores keep)."""
        return tuple(tag for tag in self.tags if tag in CONTENT_TAGS)

    @property
    def marks(self) -> tuple[Finding, ...]:
        """Phrase findings, never overlapping, in order: what to highlight in place."""
        return tuple(f for f in self.findings if not f.structural)

    def to_json(self) -> dict[str, Any]:
        return {
            "stance": self.stance,
            "language": self.language,
            "findings": [f.to_json() for f in self.findings],
            "scores": self.scores.to_json(),
            "note": self.note,
        }
