"""Fixture data for the history and drill screens: a fixed clock, a small history
of the home fixtures' scenarios, and an app pointed at them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from partways.records import Outcome, Turn
from partways.scores import Scores
from partways.store.collection import Collection
from partways.store.drills import NAME, DrillStore
from partways.store.history import HistoryStore
from partways.tui.app import PartwaysApp

from .conftest import FIXTURES, MakeApp

HOME = FIXTURES / "home"
#: "Now" in every practice test: a Wednesday evening.
NOW = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)

_TITLES = {
    "home-angry": "The late payer gets angry",
    "home-pleads": "Kunden som ber dig stanna",
    "home-pushback": "The client who always wants one more thing",
}
_PLAN: list[tuple[str, str, tuple[int, int, int, int], str, str]] = [
    # scenario, ending, scores, your line, its stance (newest last)
    ("home-angry", "caved", (30, 80, 70, 0), "Um, maybe I could stay a bit longer?", "cave"),
    ("home-pushback", "stalled", (50, 90, 70, 30), "I think we should maybe stop.", "waffle"),
    ("home-angry", "clean-exit", (90, 100, 100, 70), "My decision is final.", "firm"),
    ("home-pleads", "clean-exit", (100, 100, 100, 100), "Mitt beslut står fast.", "firm"),
    ("home-pushback", "burned-bridge", (60, 85, 35, 40), "Your invoices are a joke.", "hostile"),
    ("home-angry", "clean-exit", (100, 95, 100, 70), "Sorry, I'm ending it on the 30th.", "firm"),
]


def rehearsal(index: int, finished: datetime) -> Outcome:
    scenario, ending, scores, said, stance = _PLAN[index % len(_PLAN)]
    language = "sv" if scenario == "home-pleads" else "en"
    turn = Turn(
        "open", "You wanted to talk? [bold]Make it quick.[/bold]", "irritated", said, "typed",
        None, stance, ("hedge",) if stance == "waffle" else (), f"Coach note {index}.", "done",
    )  # fmt: skip
    stamp = finished.isoformat(timespec="seconds")
    return Outcome(
        scenario, _TITLES[scenario], language, ending, "done", "Fine.", "Lead with it.",
        "Dana", "Sam", stamp, stamp, (turn,), Scores(*scores),
    )  # fmt: skip


def seed(data_dir: Path, count: int = len(_PLAN)) -> list[Outcome]:
    """Log ``count`` rehearsals, one a day up to yesterday (the oldest first)."""
    store = HistoryStore(data_dir)
    outcomes = [rehearsal(i, NOW - timedelta(days=count - i, hours=2)) for i in range(count)]
    for outcome in outcomes:
        store.add(outcome)
    return outcomes


def practice_app(make_app: MakeApp, tmp_path: Path, count: int = len(_PLAN)) -> PartwaysApp:
    """An app on the home fixtures, with ``count`` rehearsals logged, a fixed clock and
    a countdown that only ticks when a test says so."""
    seed(tmp_path / "data", count)
    app = make_app(HOME)
    app.clock = lambda: NOW  # type: ignore[method-assign]
    app.drill_ticks = False
    return app


def drill_store(data_dir: Path) -> DrillStore:
    """The drill cards of the app's data folder."""
    return DrillStore(Collection(data_dir, NAME))
