"""Practice per day: the streak, the heatmap, from light history rows.

A :class:`Practice` is what these need of one logged rehearsal (or quick-fire
answer): when it finished, the scenario, the outcome, the scores and the tags
counted over its lines. Days are taken in the time zone of the ``now`` passed in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from partways.vocab import ABANDONED

if TYPE_CHECKING:
    from partways.records import Outcome
    from partways.store.index import Row

#: How many weeks the heatmap shows (about four months).
HEATMAP_WEEKS = 17


@dataclass(frozen=True, slots=True)
class Practice:
    """One logged rehearsal, as the calendar and the habits see it."""

    finished: str
    scenario: str
    outcome: str
    scores: tuple[int, int, int, int] = (0, 0, 0, 0)
    tags: Mapping[str, int] = field(default_factory=dict)
    key: str = ""
    title: str = ""
    language: str = ""
    turns: int = 0

    @property
    def overall(self) -> int:
        return round(sum(self.scores) / 4)

    @property
    def abandoned(self) -> bool:
        return self.outcome == ABANDONED

    def day(self, now: datetime) -> date | None:
        """The day it finished, in ``now``'s time zone (None for an unreadable time)."""
        try:
            moment = datetime.fromisoformat(self.finished)
        except ValueError:
            return None
        if moment.tzinfo is not None and now.tzinfo is not None:
            moment = moment.astimezone(now.tzinfo)
        return moment.date()


def practice_of(outcome: Outcome, key: str = "") -> Practice:
    """The light form of a full outcome."""
    tags: Counter[str] = Counter()
    for turn in outcome.turns:
        tags.update(turn.tags)
        tags[turn.stance] += 1
    s = outcome.scores
    return Practice(
        outcome.finished,
        outcome.scenario,
        outcome.outcome,
        (s.firmness, s.brevity, s.grace, s.handoff),
        dict(tags),
        key,
        outcome.title,
        outcome.language,
        len(outcome.turns),
    )


def per_day(practices: Iterable[Practice], now: datetime) -> Counter[date]:
    """How many practices finished on each day."""
    days: Counter[date] = Counter()
    for practice in practices:
        day = practice.day(now)
        if day is not None:
            days[day] += 1
    return days


def streak(days: Mapping[date, int], today: date) -> int:
    """Consecutive days practised up to ``today`` — or up to yesterday, while today
    is not over (a streak is not lost until a whole day passes without practice)."""
    day = today if days.get(today) else today - timedelta(days=1)
    count = 0
    while days.get(day):
        count += 1
        day -= timedelta(days=1)
    return count


def longest_streak(days: Mapping[date, int]) -> int:
    """The longest run of consecutive days practised."""
    best = 0
    for day in days:
        if days[day] and not days.get(day - timedelta(days=1)):
            run = 0
            while days.get(day + timedelta(days=run)):
                run += 1
            best = max(best, run)
    return best


def heatmap(
    days: Mapping[date, int], today: date, weeks: int = HEATMAP_WEEKS
) -> list[list[int | None]]:
    """Practice counts as 7 rows (Monday first) of ``weeks`` columns, the last
    column being ``today``'s week; days after today are None."""
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    grid: list[list[int | None]] = [[None] * weeks for _ in range(7)]
    for week in range(weeks):
        for weekday in range(7):
            day = first + timedelta(weeks=week, days=weekday)
            grid[weekday][week] = days.get(day, 0) if day <= today else None
    return grid


def practice_of_row(row: Row) -> Practice:
    """A history row (no transcript) as the drills see it: its tags and stance counts."""
    s = row.scores
    return Practice(
        row.finished,
        row.scenario,
        row.outcome,
        (s.firmness, s.brevity, s.grace, s.handoff),
        dict(row.tags) | dict(row.stances),
        row.key,
        row.title,
        row.language,
        row.turns,
    )
