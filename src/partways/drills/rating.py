"""The coach's verdict as a rating for the scheduler (FSRS's Again, Hard, Good, Easy).

The mapping, for a whole rehearsal (:func:`rate_outcome`) and for one quick-fire
answer (:func:`rate_answer`):

* **Again** — it went wrong: the ending was ``caved`` or ``burned-bridge``, a line
  caved or was hostile, or the waffling *clustered*: for a rehearsal, two waffle
  lines in a row or waffle on half the lines or more; for one answer, no decision
  stated at all, or softeners weighing :data:`CLUSTER_WEIGHT` or more (the coach's
  weights: a hedge, a permission, an extra reason weigh 1; an apology, minimiser
  or filler ½ — see :data:`partways.coach.results.WEIGHTS`).
* **Hard** — *some* hedging: one waffle line (not a cluster), a softener tag
  (hedge, permission, apology, minimiser, filler, over-explain) on a firm line,
  or a ``stalled`` ending.
* **Good** — clean: every line firm, no softener.
* **Easy** — clean and *brief*: the brevity score is at least :data:`BRIEF`
  (every line at most ~25 words, nothing over-explained).

An abandoned rehearsal is not a review: it leaves its card as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from itertools import pairwise
from typing import TYPE_CHECKING

from partways.vocab import ABANDONED, SOFTENERS, Ending, Stance

if TYPE_CHECKING:
    from partways.coach.results import Analysis
    from partways.records import Outcome

#: A brevity score at least this high counts as brief (100 is every line within 25 words).
BRIEF = 90
#: Softeners weighing this much in one answer are a cluster of waffling.
CLUSTER_WEIGHT = 2.0


class Rating(IntEnum):
    """The four answers of a review, with FSRS's values (``fsrs.Rating(int(r))``)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


_WRONG_ENDINGS = (Ending.CAVED, Ending.BURNED_BRIDGE)
_WRONG_STANCES = (Stance.CAVE, Stance.HOSTILE)


def rate_lines(
    stances: Sequence[str],
    softened: Sequence[bool],
    brevity: int,
    ending: str | None = None,
) -> Rating:
    """The rating of a rehearsal's lines: each line's stance, whether it carries a
    softener, the brevity score, and the ending reached (None for a single answer)."""
    if ending in _WRONG_ENDINGS or any(s in _WRONG_STANCES for s in stances):
        return Rating.AGAIN
    waffles = [s == Stance.WAFFLE for s in stances]
    in_a_row = any(a and b for a, b in pairwise(waffles))
    if in_a_row or (len(stances) > 1 and 2 * sum(waffles) >= len(stances)):
        return Rating.AGAIN
    if any(waffles) or any(softened) or ending == Ending.STALLED or not stances:
        return Rating.HARD
    return Rating.EASY if brevity >= BRIEF else Rating.GOOD


def rate_outcome(outcome: Outcome) -> Rating | None:
    """A finished rehearsal's rating (None when it was abandoned: not a review)."""
    if outcome.outcome == ABANDONED:
        return None
    turns = outcome.turns
    return rate_lines(
        [t.stance for t in turns],
        [any(tag in SOFTENERS for tag in t.tags) for t in turns],
        outcome.scores.brevity,
        outcome.outcome,
    )


def rate_answer(analysis: Analysis) -> Rating:
    """One typed answer's rating, from the coach's analysis of it."""
    stance = analysis.stance
    if stance in _WRONG_STANCES:
        return Rating.AGAIN
    weight = sum(f.weight for f in analysis.findings)
    undecided = any(f.kind == "no-decision" for f in analysis.findings)
    if stance == Stance.WAFFLE and (undecided or weight >= CLUSTER_WEIGHT):
        return Rating.AGAIN
    softened = weight > 0 or any(t in SOFTENERS for t in analysis.tags)
    if stance == Stance.WAFFLE or softened:
        return Rating.HARD
    return Rating.EASY if analysis.scores.brevity >= BRIEF else Rating.GOOD


__all__ = ["BRIEF", "CLUSTER_WEIGHT", "Rating", "rate_answer", "rate_lines", "rate_outcome"]
