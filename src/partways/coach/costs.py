"""Which findings cost the most points: for the ending screen's "what to work on".

The points follow the score formula in :mod:`partways.scores`: a line's stance and
softeners cost firmness (averaged over the lines), an over-explained line costs
brevity (averaged), blame and "break up" cost grace (not averaged). Each cost is
put on the finding that caused it: the first reversal of a caving line, the first
blame of a hostile one, the first finding of each softening tag, and for a waffling
line with no softener at all, its missing decision.
"""

from __future__ import annotations

from partways.coach.analysis import Analysis, Finding
from partways.record import Record
from partways.scores import FREE_WORDS, SOFTENERS, STANCE_FIRMNESS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Cost", "costliest"]


class Cost(Record):
    """Points a finding cost (all scores together), the score it hurt most, the
    guides' advice, and the index of the line it is in."""

    __slots__ = ("advice", "finding", "line", "points", "score")
    _fields = ("finding", "points", "score", "advice", "line")
    finding: Finding
    points: int
    score: str
    advice: str
    line: int

    def __init__(self, finding: Finding, points: int, score: str, advice: str, line: int) -> None:
        self._init(finding, points, score, advice, line)


def _first(analysis: Analysis, *tags: str) -> Finding | None:
    return next((f for f in analysis.findings if f.tag in tags), None)


def costliest(lines: Sequence[Analysis], limit: int = 3) -> tuple[Cost, ...]:
    """The ``limit`` findings that cost the most points over a rehearsal's lines
    (each line analysed on its own, in order); ties go to the earlier line."""
    if not lines:
        return ()
    n = len(lines)
    totals: dict[tuple[int, int, int, str], tuple[dict[str, float], Finding]] = {}

    def charge(line: int, finding: Finding | None, points: float, score: str) -> None:
        if finding is None or points <= 0:
            return
        key = (line, finding.start, finding.end, finding.tag)
        by_score, _finding = totals.setdefault(key, ({}, finding))
        by_score[score] = by_score.get(score, 0.0) + points

    for number, analysis in enumerate(lines):
        stance_loss = 100 - STANCE_FIRMNESS.get(analysis.stance, 30)
        tags = {f.tag for f in analysis.findings}
        if analysis.stance == "cave":
            charge(number, _first(analysis, "reversal"), stance_loss / n, "firmness")
        elif analysis.stance == "hostile":
            charge(number, _first(analysis, "blame"), stance_loss / n, "firmness")
        elif analysis.stance == "waffle":
            culprit = analysis.first_fix or _first(analysis, "waffle")
            charge(number, culprit, stance_loss / n, "firmness")
        for tag in SOFTENERS:
            if tag in tags:
                charge(number, _first(analysis, tag), 10 / n, "firmness")
        if "over-explain" in tags:
            charge(number, _first(analysis, "over-explain"), 25 / n, "brevity")
        words = sum(len(f.text.split()) for f in analysis.findings if f.kind == "wordy")
        if words:
            extra = max(0, words + 60 - FREE_WORDS)
            charge(number, _first(analysis, "over-explain"), 3 * extra / n, "brevity")
        if "blame" in tags:
            charge(number, _first(analysis, "blame"), 35, "grace")
        if "breakup-phrase" in tags:
            charge(number, _first(analysis, "breakup-phrase"), 20, "grace")
    ranked = sorted(
        totals.items(), key=lambda item: (-sum(item[1][0].values()), item[0][0], item[0][1])
    )
    return tuple(
        Cost(
            finding,
            round(sum(by_score.values())),
            max(by_score, key=lambda name: by_score[name]),  # the score it hurt most
            finding.advice,
            key[0],
        )
        for key, (by_score, finding) in ranked[:limit]
        if round(sum(by_score.values())) > 0
    )
