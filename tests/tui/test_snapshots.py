"""Snapshots of every screen at 80x24 (pytest-textual-snapshot; update with --snapshot-update).

Every picture is taken after the keys are pressed *and* the app's workers are done
(:func:`keys`); snap_compare's own ``run_before`` runs before its ``press``. The
scenarios come from ``tests/fixtures`` only, so editing a bundled scenario never
changes a snapshot.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from .conftest import FIXTURES, MakeApp, settle

SIZE = (80, 24)
#: Stand-ins for the bundled scenarios, as the home list shows them.
HOME = FIXTURES / "home"


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press ``pressed``, then wait for the workers they started: pass as ``run_before``."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)  # the start-up worker (best results) first
        await pilot.press(*pressed)
        await settle(pilot)

    return run


def test_home(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(HOME, FIXTURES / "scenarios")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_home_with_a_broken_pack_and_a_filter(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(HOME, FIXTURES / "scenarios", FIXTURES / "broken")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("slash", *"en"))


def test_names_dialog(make_app: MakeApp, snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("enter"))


def test_conversation_first_turn(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_conversation_after_a_typed_reply(make_app: MakeApp, snap_compare: Any) -> None:
    async def typed(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one(
            "#reply", Input
        ).value = "Thanks. I've decided to end our work together on the 30th."
        await keys("enter")(pilot)

    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=typed)


def test_help(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("question_mark"))


def test_leave_confirmation(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("1", "escape"))


def test_ending(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("1", "1"))


def test_conversation_with_live_marks(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    typed = keys(*"Sorry, I think maybe we could stop on the 30th, if that's okay?")
    assert snap_compare(app, terminal_size=SIZE, run_before=typed)


def test_ending_with_what_cost_the_most(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    typed = keys(*"Um, maybe we could just talk, sorry", "enter", "1")
    assert snap_compare(app, terminal_size=SIZE, run_before=typed)


PAD_DRAFT = (
    "Hi Dana,\n\nI hope you are well. I just wanted to say that I think it might be time "
    "to wrap things up, if that is okay? I am so sorry. Would it be possible to end on "
    "the 30th?\n\nBest, Sam"
)


def test_coach_pad_with_a_message(make_app: MakeApp, snap_compare: Any) -> None:
    async def pasted(pilot: Pilot[Any]) -> None:
        await keys("c")(pilot)
        pilot.app.screen.query_one("#draft", TextArea).load_text(PAD_DRAFT)
        await keys()(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=pasted)
