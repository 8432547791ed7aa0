"""The four rehearsal scores, computed from the tags of what the user said.

Every score is an integer from 0 to 100. ``lines`` is what the user said, each
with its stance and its content tags. The formula (also in the README):

* **firmness** — the mean over lines of a stance value (firm 100, hostile 60,
  waffle 30, cave 0) minus 10 for each of ``hedge``, ``permission``,
  ``minimizer``, ``apology`` and ``filler`` on that line (floored at 0): the
  softeners of :data:`partways.vocab.SOFTENERS` but ``over-explain``, which
  brevity charges.
* **brevity** — the mean over lines of 100 minus 3 points for each word past
  25, minus 25 if the line is tagged ``over-explain`` (floored at 0).
* **grace** — 70, plus 30 if any line thanks the client (``gratitude``),
  minus 35 for each line that is ``hostile`` or tagged ``blame``, minus 20 for
  each line tagged ``breakup-phrase``.
* **handoff** — 40 if any line offers the ``handoff`` (files, passwords,
  referral), plus 30 for ``notice`` (a date or period), plus 30 for
  ``in-writing``.

No lines at all (a rehearsal abandoned before the first answer) scores 0
everywhere.
"""

from __future__ import annotations

from partways.record import Record
from partways.vocab import SOFTENERS as _SOFTENING_TAGS
from partways.vocab import Stance, Tag

#: The four scores, in the order they are shown and stored.
SCORE_NAMES: tuple[str, ...] = ("firmness", "brevity", "grace", "handoff")

STANCE_FIRMNESS: dict[str, int] = {
    Stance.FIRM: 100,
    Stance.HOSTILE: 60,
    Stance.WAFFLE: 30,
    Stance.CAVE: 0,
}
#: What a stance the table does not know is worth: as much as a waffle.
UNKNOWN_STANCE_FIRMNESS = 30
#: The softeners that cost firmness: the vocabulary's, except ``over-explain``,
#: which costs brevity instead (the formula above).
SOFTENERS: tuple[str, ...] = tuple(t for t in _SOFTENING_TAGS if t != Tag.OVER_EXPLAIN)
FREE_WORDS = 25


TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class Said(Record):
    """One thing the user said, as the scores see it."""

    __slots__ = ("stance", "tags", "text")
    _fields = ("text", "stance", "tags")
    text: str
    stance: str
    tags: tuple[str, ...]

    def __init__(self, text: str, stance: str, tags: tuple[str, ...]) -> None:
        self._init(text, stance, tags)


class Scores(Record):
    """The four scores, each an integer from 0 to 100 (immutable)."""

    __slots__ = ("brevity", "firmness", "grace", "handoff")
    _fields = ("firmness", "brevity", "grace", "handoff")
    firmness: int
    brevity: int
    grace: int
    handoff: int

    def __init__(self, firmness: int, brevity: int, grace: int, handoff: int) -> None:
        self._init(firmness, brevity, grace, handoff)

    def to_json(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in SCORE_NAMES}

    @property
    def overall(self) -> int:
        """The plain mean of the four, used to rank a person's best result."""
        return round((self.firmness + self.brevity + self.grace + self.handoff) / 4)


ZERO = Scores(0, 0, 0, 0)


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))


def _firmness(line: Said) -> float:
    base = STANCE_FIRMNESS.get(line.stance, UNKNOWN_STANCE_FIRMNESS)
    return max(0, base - 10 * sum(tag in line.tags for tag in SOFTENERS))


def _brevity(line: Said) -> float:
    words = len(line.text.split())
    value = 100 - 3 * max(0, words - FREE_WORDS)
    if Tag.OVER_EXPLAIN in line.tags:
        value -= 25
    return max(0, value)


def score(lines: Sequence[Said]) -> Scores:
    """Score what the user said over a whole rehearsal (or a single reply)."""
    if not lines:
        return ZERO
    tags: set[str] = set()
    for line in lines:
        tags.update(line.tags)
    hostile = sum(1 for line in lines if line.stance == Stance.HOSTILE or Tag.BLAME in line.tags)
    breakups = sum(1 for line in lines if Tag.BREAKUP_PHRASE in line.tags)
    return Scores(
        firmness=_clamp(_mean(_firmness(line) for line in lines)),
        brevity=_clamp(_mean(_brevity(line) for line in lines)),
        grace=_clamp(70 + 30 * (Tag.GRATITUDE in tags) - 35 * hostile - 20 * breakups),
        handoff=_clamp(
            40 * (Tag.HANDOFF in tags) + 30 * (Tag.NOTICE in tags) + 30 * (Tag.IN_WRITING in tags)
        ),
    )


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items)
