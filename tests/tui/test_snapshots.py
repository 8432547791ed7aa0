"""Snapshots of every screen at 80x24 (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from .conftest import FIXTURES, MakeApp

SIZE = (80, 24)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_home(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(FIXTURES / "scenarios", bundled=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_home_with_a_broken_pack_and_a_filter(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(FIXTURES / "scenarios", FIXTURES / "broken", bundled=True)
    assert snap_compare(app, terminal_size=SIZE, press=["slash", *"en"], run_before=settle)


def test_names_dialog(make_app: MakeApp, snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["enter"], run_before=settle)


def test_conversation_first_turn(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_conversation_after_a_typed_reply(make_app: MakeApp, snap_compare: Any) -> None:
    async def typed(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one(
            "#reply", Input
        ).value = "Thanks. I've decided to end our work together on the 30th."
        await pilot.press("enter")
        await settle(pilot)

    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=typed)


def test_help(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, press=["question_mark"], run_before=settle)


def test_leave_confirmation(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, press=["1", "escape"], run_before=settle)


def test_ending(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, press=["1", "1"], run_before=settle)
