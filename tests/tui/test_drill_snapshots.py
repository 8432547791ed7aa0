"""Snapshots of the history, the replay and the quick-fire screens at 80x24, on
fixture data with a fixed clock; the countdown ticks only when the test says so.
Update with --snapshot-update and look at the SVGs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from partways.tui.widgets.countdown import Countdown

from .conftest import MakeApp, settle
from .practice_data import practice_app

SIZE = (80, 24)


def keys(*pressed: str) -> Any:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*pressed)
        await settle(pilot)
        await settle(pilot)

    return run


def test_history(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    app = practice_app(make_app, tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("h", "down"))


def test_history_replay(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    app = practice_app(make_app, tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("h", "down", "enter"))


def test_quickfire_line(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await keys("x")(pilot)
        countdown = pilot.app.screen.query_one(Countdown)
        for _ in range(3):
            countdown.tick()
        await pilot.pause()

    app = practice_app(make_app, tmp_path, count=0)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_quickfire_verdict(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await keys("x")(pilot)
        answer = pilot.app.screen.query_one("#answer", Input)
        answer.value = "I think maybe we could, um, end it on the 30th? Sorry."
        await pilot.press("enter")
        await settle(pilot)

    app = practice_app(make_app, tmp_path, count=0)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)
