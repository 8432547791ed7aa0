"""Your habits: the tags and the waffle words that cost most, with a trend.

Tags are counted over every practice (from the light rows: a line carrying the
tag counts once); each tag costs what the scores charge for it
(:data:`TAG_COST`, points per line), and a habit's weight is count × cost. The
trend compares the newest ``window`` practices with the ``window`` before them.

Words are read from the lines you typed (picked lines are the author's words):
the coach's softener findings (hedges, fillers, apologies, asking permission,
minimisers), lower-cased, counted. Only the newest ``2 × window`` rehearsals are
read, since the coach reads each line again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partways.vocab import SOFTENERS, Tag

if TYPE_CHECKING:
    from partways.coach.results import Analysis
    from partways.drills.calendar import Practice
    from partways.records import Outcome

#: Points a line loses for the tag (see :mod:`partways.scores`): a softener 10
#: firmness, an over-explained line 25 brevity, blame 35 grace, "break up" 20 grace,
#: a reversal all of the line's firmness.
TAG_COST: dict[str, int] = {
    Tag.REVERSAL: 100,
    Tag.BLAME: 35,
    Tag.OVER_EXPLAIN: 25,
    Tag.BREAKUP_PHRASE: 20,
    Tag.HEDGE: 10,
    Tag.PERMISSION: 10,
    Tag.APOLOGY: 10,
    Tag.MINIMIZER: 10,
    Tag.FILLER: 10,
}
#: How many practices each side of the trend compares.
WINDOW = 10
#: What a word costs, for ranking words beside each other (a softener's 10 points).
WORD_COST = 10


@dataclass(frozen=True, slots=True)
class Habit:
    """A tag or a word you lean on: how often, what it costs, and its trend."""

    label: str
    tag: str
    count: int
    cost: int
    recent: int
    before: int

    @property
    def weight(self) -> int:
        return self.count * self.cost

    @property
    def trend(self) -> str:
        """``↑`` more often lately, ``↓`` less often, ``=`` the same."""
        if self.recent > self.before:
            return "↑"
        if self.recent < self.before:
            return "↓"
        return "="


def tag_habits(practices: Sequence[Practice], window: int = WINDOW, limit: int = 5) -> list[Habit]:
    """The costliest tags over ``practices`` (newest first), heaviest first."""
    total: Counter[str] = Counter()
    recent: Counter[str] = Counter()
    before: Counter[str] = Counter()
    for index, practice in enumerate(practices):
        for tag, count in practice.tags.items():
            if tag in TAG_COST and count > 0:
                total[tag] += count
                if index < window:
                    recent[tag] += count
                elif index < 2 * window:
                    before[tag] += count
    habits = [
        Habit(tag, tag, count, TAG_COST[tag], recent[tag], before[tag])
        for tag, count in total.items()
    ]
    habits.sort(key=lambda h: (-h.weight, h.label))
    return habits[:limit]


Analyzer = Callable[[str, str], "Analysis"]


def _default_analyzer(text: str, lang: str) -> Analysis:
    from partways.coach import analyze

    return analyze(text, lang)


def word_habits(
    outcomes: Sequence[Outcome],
    window: int = WINDOW,
    limit: int = 5,
    analyzer: Analyzer = _default_analyzer,
) -> list[Habit]:
    """The softening words you typed most in the newest ``2 × window`` of
    ``outcomes`` (newest first), most frequent first."""
    total: Counter[tuple[str, str]] = Counter()
    recent: Counter[tuple[str, str]] = Counter()
    for index, outcome in enumerate(outcomes[: 2 * window]):
        for turn in outcome.turns:
            if turn.how != "typed":
                continue
            for finding in analyzer(turn.said, outcome.language).marks:
                if finding.tag in SOFTENERS:
                    word = (" ".join(finding.text.lower().split()), finding.tag)
                    total[word] += 1
                    recent[word] += index < window
    habits = [
        Habit(word, tag, count, WORD_COST, recent[(word, tag)], count - recent[(word, tag)])
        for (word, tag), count in total.items()
    ]
    habits.sort(key=lambda h: (-h.count, h.label))
    return habits[:limit]
