"""The history screen with Pilot: it opens, fills from a worker, sorts, filters,
and replays a row with the coach's notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Sparkline

from partways.tui.screens.history import HistoryScreen
from partways.tui.screens.replay import ReplayScreen

from .conftest import MakeApp, settle
from .practice_data import practice_app


def titles(screen: HistoryScreen) -> list[str]:
    table: DataTable[Any] = screen.query_one("#rows", DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def open_history(pilot: Pilot[Any]) -> HistoryScreen:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_history_opens_newest_first_and_sorts(make_app: MakeApp, tmp_path: Path) -> None:
    app = practice_app(make_app, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#rows", DataTable)
        assert table.row_count == 6
        assert titles(screen)[0] == "The late payer gets angry"  # the newest
        assert screen.query_one("#spark", Sparkline).data == [
            45, 60, 90, 100, 55, 91,
        ]  # fmt: skip
        await pilot.press("g")  # grace, the best first
        assert screen.sort == ("grace", True)
        assert str(table.get_row_at(table.row_count - 1)[5]) == "35"
        await pilot.press("g")  # again: reversed
        assert str(table.get_row_at(0)[5]) == "35"
        await pilot.press("s")  # scenario, A to Z
        assert titles(screen)[0] == "Kunden som ber dig stanna"


async def test_history_filters_and_escape_clears_then_leaves(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = practice_app(make_app, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("slash", *"caved")
        assert titles(screen) == ["The late payer gets angry"]
        await pilot.press("escape")
        assert len(titles(screen)) == 6
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_enter_replays_the_row_with_the_coachs_notes(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = practice_app(make_app, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.outcome.outcome == "burned-bridge"
        notes = [str(w.render()) for w in replay.query(".coach-note")]
        assert notes == ["coach · hostile: Coach note 4."]
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_an_empty_history_says_so(make_app: MakeApp, tmp_path: Path) -> None:
    app = practice_app(make_app, tmp_path, count=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        assert "No rehearsals yet" in str(screen.status.render())
        await pilot.press("enter")  # nothing to open: nothing happens
        assert app.screen is screen


async def test_m_on_a_replay_opens_the_map_with_the_path_it_took(
    make_app: MakeApp, tmp_path: Path
) -> None:
    from partways.tui.screens.map import MapScreen

    app = practice_app(make_app, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await settle(pilot)
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        await pilot.press("m")
        await settle(pilot)
        shown = app.screen
        assert isinstance(shown, MapScreen)
        assert shown.scenario.id == replay.outcome.scenario
        marked = set()
        stack = [shown.root]
        while stack:
            item = stack.pop()
            marked |= {item.node} if item.on_path else set()
            stack.extend(item.children)
        assert {t.node for t in replay.outcome.turns} <= marked
        await pilot.press("escape")
        assert app.screen is replay


async def test_the_table_shows_a_first_page_before_every_row_is_read(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """The worker posts the newest rows first (the table fills at once), then all."""
    from textual.message import Message

    from partways.tui.flows.practice import OverviewRead

    seen: list[Message] = []
    app = practice_app(make_app, tmp_path)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await open_history(pilot)
    read = [m for m in seen if isinstance(m, OverviewRead)]
    assert [m.first_page for m in read] == [True, False]
    assert read[0].overview is not None and read[1].overview is not None
    full = read[1].overview.practices
    assert read[0].overview.practices == full[: len(read[0].overview.practices)]
