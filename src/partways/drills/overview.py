"""What the history screen and the home screen show about practice, in one record.

Built off the UI thread from the light history rows (newest first), the newest
few full rehearsals (for the words you lean on) and the drill cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from partways.drills.calendar import Practice, heatmap, per_day, streak
from partways.drills.deck import DrillCard, due_today, leeches, next_scenario
from partways.drills.habits import WINDOW, Habit, tag_habits, word_habits
from partways.vocab import Ending

if TYPE_CHECKING:
    from partways.records import Outcome


@dataclass(frozen=True, slots=True)
class Summary:
    """One scenario's record: the best and the last result, and how many times."""

    scenario: str
    title: str
    count: int
    best: Practice | None
    last: Practice


@dataclass(frozen=True, slots=True)
class DrillStatus:
    """What home shows: the streak, what is due today, the next scenario, the leeches."""

    streak: int = 0
    due_today: int = 0
    next_scenario: str | None = None
    leeches: tuple[str, ...] = ()
    practised_today: bool = False

    @property
    def label(self) -> str:
        """``3-day streak · 2 due today``, or ``""`` when there is nothing to say."""
        parts = []
        if self.streak:
            parts.append(f"{self.streak}-day streak")
        if self.due_today:
            parts.append(f"{self.due_today} due today")
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the history screen shows but the table."""

    practices: Sequence[Practice]
    summaries: dict[str, Summary] = field(default_factory=dict)
    tags: list[Habit] = field(default_factory=list)
    words: list[Habit] = field(default_factory=list)
    heatmap: list[list[int | None]] = field(default_factory=list)
    status: DrillStatus = DrillStatus()
    today: date | None = None


def _rank(practice: Practice) -> tuple[bool, int]:
    return (practice.outcome == Ending.CLEAN_EXIT, practice.overall)


def summaries(practices: Sequence[Practice]) -> dict[str, Summary]:
    """Per scenario id: best (a clean exit first, then the overall score; abandoned
    ones never), last and count, from ``practices`` newest first."""
    found: dict[str, Summary] = {}
    for practice in practices:
        known = found.get(practice.scenario)
        best = None if practice.abandoned else practice
        if known is None:
            found[practice.scenario] = Summary(practice.scenario, practice.title, 1, best, practice)
            continue
        if known.best is not None and (best is None or _rank(best) <= _rank(known.best)):
            best = known.best
        found[practice.scenario] = Summary(
            known.scenario, known.title, known.count + 1, best, known.last
        )
    return found


def status(
    practices: Sequence[Practice],
    cards: Sequence[DrillCard],
    scenario_ids: Sequence[str],
    now: datetime,
) -> DrillStatus:
    """The streak, the scenario cards due today, the next scenario and the leeches."""
    days = per_day(practices, now)
    scenario_cards = [c for c in cards if not c.is_line]
    return DrillStatus(
        streak=streak(days, now.date()),
        due_today=len(due_today(scenario_cards, now)),
        next_scenario=next_scenario(scenario_cards, scenario_ids, now),
        leeches=tuple(c.scenario for c in leeches(cards)),
        practised_today=bool(days.get(now.date())),
    )


def overview(
    practices: Sequence[Practice],
    recent: Sequence[Outcome],
    cards: Sequence[DrillCard],
    scenario_ids: Sequence[str],
    now: datetime,
    window: int = WINDOW,
) -> Overview:
    """The history screen's data: ``practices`` newest first, ``recent`` the newest
    full rehearsals (``2 × window`` are read for the words)."""
    return Overview(
        practices=practices,
        summaries=summaries(practices),
        tags=tag_habits(practices, window),
        words=word_habits(recent, window),
        heatmap=heatmap(per_day(practices, now), now.date()),
        status=status(practices, cards, scenario_ids, now),
        today=now.date(),
    )
