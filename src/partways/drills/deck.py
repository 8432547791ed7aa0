"""Drill cards, scheduled by FSRS (py-fsrs, the algorithm behind modern Anki).

One card per scenario (key: the scenario id) and one per quick-fire line (key:
``scenario#node``). A card is a plain record that stores as JSON; the scheduling
itself is ``fsrs``'s: :func:`review` hands the card and the rating to
``fsrs.Scheduler.review_card`` and keeps what it answers. Two choices suit
rehearsals better than flash cards: no same-day learning steps (a rehearsal is
not repeated ten minutes later; the first interval is a day or more) and no
fuzzing (the same practice gives the same schedule, and tests can say so).

A *leech* is a card that keeps going wrong: :data:`LEECH_LAPSES` Again ratings
or more. For a scenario the suggestion is to drill just its opening line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from partways.drills.rating import Rating

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

#: Again ratings (the first review included) from which a card is a leech.
LEECH_LAPSES = 4
#: What separates a quick-fire line's scenario id and node id in its key.
LINE_SEP = "#"


def line_key(scenario: str, node: str) -> str:
    """The key of the quick-fire card for ``node`` of ``scenario``."""
    return f"{scenario}{LINE_SEP}{node}"


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC (a naive time is taken as local time)."""
    return moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class DrillCard:
    """One thing to practise and when it is due (times are ISO 8601, UTC)."""

    key: str
    scenario: str
    node: str | None
    due: str
    state: int = 1
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: str | None = None
    reviews: int = 0
    lapses: int = 0
    last_rating: int | None = None

    @property
    def is_line(self) -> bool:
        return self.node is not None

    @property
    def due_at(self) -> datetime:
        return datetime.fromisoformat(self.due)

    @property
    def leech(self) -> bool:
        """It keeps going wrong: drill its opening line on its own."""
        return self.lapses >= LEECH_LAPSES

    def is_due(self, now: datetime) -> bool:
        return self.due_at <= utc(now)

    def due_on_or_before(self, day: date, now: datetime) -> bool:
        """Due on ``day`` or earlier, in ``now``'s time zone."""
        return self.due_at.astimezone(now.tzinfo).date() <= day

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DrillCard:
        """A card from :meth:`to_json`'s output; raises ValueError on a malformed one."""
        try:
            card = cls(**{name: data[name] for name in _FIELDS if name in data})
            card.due_at  # noqa: B018 - checks the date
        except (TypeError, ValueError, KeyError) as error:
            raise ValueError(f"not a drill card: {error}") from error
        return card


_FIELDS = tuple(DrillCard.__dataclass_fields__)


def new_card(scenario: str, now: datetime, node: str | None = None) -> DrillCard:
    """A card never reviewed, due ``now``."""
    key = line_key(scenario, node) if node is not None else scenario
    return DrillCard(key, scenario, node, utc(now).isoformat())


@cache
def scheduler() -> Scheduler:
    """The one FSRS scheduler: default weights, 90% retention, no learning steps, no fuzz."""
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def _fsrs_card(card: DrillCard) -> Card:
    from fsrs import Card, State

    last = card.last_review
    return Card(
        card_id=1,  # py-fsrs would otherwise read the clock (and sleep) for an id
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=datetime.fromisoformat(card.due),
        last_review=datetime.fromisoformat(last) if last else None,
    )


def review(card: DrillCard, rating: Rating, now: datetime) -> DrillCard:
    """``card`` after a practice rated ``rating`` at ``now``."""
    from fsrs import Rating as FsrsRating

    reviewed, _log = scheduler().review_card(_fsrs_card(card), FsrsRating(int(rating)), utc(now))
    return replace(
        card,
        due=reviewed.due.isoformat(),
        state=int(reviewed.state),
        step=reviewed.step,
        stability=reviewed.stability,
        difficulty=reviewed.difficulty,
        last_review=utc(now).isoformat(),
        reviews=card.reviews + 1,
        lapses=card.lapses + (rating == Rating.AGAIN),
        last_rating=int(rating),
    )


def interval(card: DrillCard) -> timedelta | None:
    """How long the last review set the card aside (None before its first review)."""
    if card.last_review is None:
        return None
    return card.due_at - datetime.fromisoformat(card.last_review)


def due_queue(cards: Iterable[DrillCard], now: datetime) -> list[DrillCard]:
    """The cards due at ``now``, the longest overdue first (then by key)."""
    return sorted((c for c in cards if c.is_due(now)), key=lambda c: (c.due_at, c.key))


def due_today(cards: Iterable[DrillCard], now: datetime) -> list[DrillCard]:
    """The cards due by the end of ``now``'s day, in due order."""
    today = now.date()
    return sorted(
        (c for c in cards if c.due_on_or_before(today, now)), key=lambda c: (c.due_at, c.key)
    )


def leeches(cards: Iterable[DrillCard]) -> list[DrillCard]:
    """The scenario cards that keep going wrong, the most lapses first."""
    return sorted((c for c in cards if c.leech and not c.is_line), key=lambda c: (-c.lapses, c.key))


def next_scenario(
    cards: Iterable[DrillCard], scenario_ids: Sequence[str], now: datetime
) -> str | None:
    """The scenario to drill next: the longest overdue card's; else the first of
    ``scenario_ids`` never practised; else the card due soonest. None when there
    are no scenarios. Cards of scenarios not in ``scenario_ids`` are skipped."""
    known = set(scenario_ids)
    mine = [c for c in cards if not c.is_line and c.scenario in known]
    queue = due_queue(mine, now)
    if queue:
        return queue[0].scenario
    seen = {c.scenario for c in mine}
    fresh = [s for s in scenario_ids if s not in seen]
    if fresh:
        return fresh[0]
    soonest = min(mine, key=lambda c: (c.due_at, c.key), default=None)
    return soonest.scenario if soonest is not None else None
