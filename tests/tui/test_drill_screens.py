"""The drills with Pilot: quick-fire lines answered and scored, the countdown
switched off or run out (ticked by the test, never by the clock), Drill on home
starting the due scenario, and a finished rehearsal reviewing its card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from partways.drills.deck import DrillCard
from partways.drills.rating import Rating
from partways.tui.screens.dialogs import NamesDialog
from partways.tui.screens.quickfire import QuickFireScreen
from partways.tui.widgets.countdown import Countdown

from .conftest import MakeApp, settle
from .practice_data import NOW, drill_store, practice_app

#: A firm, brief answer in each fixture language.
FIRM = {
    "en": "My decision is final. I'll send the handover document on Friday.",
    "sv": "Mitt beslut står fast. Jag skickar överlämningen på fredag.",
}


async def open_quickfire(pilot: Pilot[Any]) -> QuickFireScreen:
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuickFireScreen)
    return screen


def cards(data: Path) -> dict[str, DrillCard]:
    return drill_store(data).cards().cards


async def test_a_quick_fire_answer_is_scored_with_the_countdown_off(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = practice_app(make_app, tmp_path, count=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quickfire(pilot)
        first = screen.line
        assert first is not None and first.mood == "pleading"  # pleading lines first
        await pilot.press("ctrl+t")
        countdown = screen.query_one(Countdown)
        assert not countdown.enabled
        for _ in range(60):
            countdown.tick()  # switched off: nothing runs out
        assert not screen.answered
        screen.query_one("#answer", Input).value = FIRM[first.language]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.answered and screen.results == [Rating.EASY]
        assert "firm" in str(screen.query_one("#verdict").render())
        card = cards(tmp_path / "data")[first.key]
        assert card.last_rating == Rating.EASY and card.reviews == 1
        await pilot.press("enter")
        assert screen.index == 1 and not screen.answered


async def test_when_the_countdown_runs_out_the_answer_so_far_is_scored(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = practice_app(make_app, tmp_path, count=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quickfire(pilot)
        line = screen.line
        assert line is not None
        countdown = screen.query_one(Countdown)
        for _ in range(countdown.seconds):
            countdown.tick()
        await settle(pilot)
        assert screen.answered and screen.results == [Rating.AGAIN]
        assert "Time's up" in str(screen.query_one("#verdict").render())
        assert cards(tmp_path / "data")[line.key].lapses == 1


async def test_skip_and_the_end_of_the_lines(make_app: MakeApp, tmp_path: Path) -> None:
    app = practice_app(make_app, tmp_path, count=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quickfire(pilot)
        for _ in range(len(screen.lines)):
            await pilot.press("ctrl+n")
        assert screen.line is None
        assert "every line" in str(screen.query_one("#line").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, QuickFireScreen)


async def test_drill_on_home_starts_the_due_scenario_and_its_outcome_reviews_the_card(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = practice_app(make_app, tmp_path, count=0)
    overdue = DrillCard("home-pushback", "home-pushback", None, "2026-03-01T00:00:00+00:00")
    drill_store(tmp_path / "data").put([overdue])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.drill_status is not None and app.drill_status.due_today == 1
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NamesDialog)
        assert dialog._title.endswith("one more thing")  # the due one, not the first
        await pilot.press("enter")  # the names as they are: the rehearsal starts
        await settle(pilot)
        await pilot.press("1")  # the firm line ...
        await settle(pilot)
        await pilot.press("1")  # ... and the clean exit
        await settle(pilot)
        card = cards(tmp_path / "data")["home-pushback"]
        assert card.reviews == 1 and card.last_rating is not None
        assert card.due_at > NOW


async def test_partways_drill_opens_on_the_quick_fire_screen(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = practice_app(make_app, tmp_path, count=0)
    app._drill = "quickfire"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuickFireScreen)
