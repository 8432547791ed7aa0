"""Keys faster than screens change, pastes full of escape codes, a crash mid-rehearsal:
the app neither dies nor loses the rehearsal in progress."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette

from partways.store.history import HistoryStore
from partways.text import MAX_REPLY_CHARS
from partways.tui.app import PartwaysApp
from partways.tui.screens.conversation import ConversationScreen
from partways.tui.screens.dialogs import NamesDialog
from partways.tui.screens.ending import EndingScreen
from partways.tui.screens.home import HomeScreen
from partways.tui.widgets.literal import Literal
from partways.tui.widgets.reply_box import TOO_LONG, ReplyBox
from partways.tui.widgets.transcript import Transcript

from .conftest import FIXTURES, MakeApp

SIZE = (80, 24)
_CHARACTERS = {"enter": "\r", "escape": "\x1b", "tab": "\t", "question_mark": "?", "slash": "/"}


def burst(app: PartwaysApp, *keys: str) -> None:
    """Post key presses back to back, without waiting between them, as a fast typist
    or a terminal replaying a buffer does (Pilot's ``press`` waits after each)."""
    for key in keys:
        app.post_message(events.Key(key, _CHARACTERS.get(key, key if len(key) == 1 else None)))


def history(tmp_path: Path) -> list[dict]:
    return [outcome.to_json() for outcome in HistoryStore(tmp_path / "data").all().value]


async def test_enter_pressed_twice_in_the_names_dialog_starts_one_rehearsal(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, NamesDialog)
        burst(app, "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert [type(s) for s in app.screen_stack] == [HomeScreen, ConversationScreen]


async def test_the_palette_survives_page_up_at_once(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "ctrl+p", "pageup", "pagedown", "pageup")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        burst(app, "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_palettes_gathering_survives_a_list_already_gone(make_app: MakeApp) -> None:
    """Ctrl+P then Escape at once: the palette's gathering worker may first run after
    its list is gone, and that must not end the app (found by the key-mashing test)."""
    from textual.command import CommandList
    from textual.worker import WorkerState

    from partways.tui.palette import SafeCommandPalette

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, SafeCommandPalette)
        await palette.query_one(CommandList).remove()
        worker = palette._gather_commands("Rehearse")
        await worker.wait()
        assert worker.state == WorkerState.SUCCESS
        await pilot.pause()
        assert app.is_running


async def test_enter_twice_in_the_palette_starts_once(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Rehearse")
        await pilot.pause()
        burst(app, "down", "enter", "enter", "enter")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen_stack[0], HomeScreen)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
async def test_mashing_keys_never_crashes_the_app(
    make_app: MakeApp, tmp_path: Path, seed: int
) -> None:
    """Seeded random bursts of the keys every screen uses (replay a failure by its seed)."""
    keys = [
        *("enter", "escape", "ctrl+p", "pageup", "pagedown", "up", "down", "tab"),
        *("1", "2", "3", "y", "n", "r", "h", "a", "question_mark", "f1", "slash"),
    ]
    rng = random.Random(seed)
    app = make_app(FIXTURES / "scenarios", bundled=True)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            burst(app, *rng.choices(keys, k=rng.randint(1, 4)))
            await pilot.pause()
            if not app.is_running:
                break
    assert app._exception is None  # run_test re-raises it too; this names the seed
    for record in history(tmp_path):  # whatever was logged is whole
        assert record["outcome"]


async def test_a_crash_mid_rehearsal_logs_it_as_abandoned(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    app = make_app(start="fixture-markup")
    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=SIZE) as pilot:
            monkeypatch.setattr(Transcript, "add_turn", broken)
            await pilot.press("1")  # the turn is said, then showing it crashes
    [record] = history(tmp_path)
    assert record["outcome"] == "abandoned"
    assert record["scenario"] == "fixture-markup"
    assert len(record["turns"]) == 1


async def test_a_crash_at_the_ending_logs_the_ending(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    app = make_app(start="fixture-markup")
    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("1")
            monkeypatch.setattr(EndingScreen, "compose", broken)
            await pilot.press("1")  # reaches the ending; showing it crashes
    assert [r["outcome"] for r in history(tmp_path)] == ["clean-exit"]


async def test_quitting_on_the_ending_at_once_logs_the_outcome_exactly_once(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "1", "1", "q")
        await pilot.pause()
    assert [r["outcome"] for r in history(tmp_path)] == ["clean-exit"]


async def test_an_outcome_name_from_a_file_is_never_a_class_name(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")
        assert isinstance(app.screen, EndingScreen)
        odd = dataclasses.replace(app.screen.outcome, outcome="x[@click=app.quit] y")
        app.switch_screen(EndingScreen(odd))
        await pilot.pause()
        verdict = app.screen.query_one("#verdict", Literal)
        assert verdict.has_class("outcome-other")
        assert "x[@click=app.quit] y" in str(verdict.render())


async def test_a_paste_with_escape_codes_is_text(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one(ReplyBox)
        box.post_message(events.Paste("AAAA \x1b[2J BBBB\r\nline two\x9b1m"))
        await pilot.pause()
        assert box.value == "AAAA [2J BBBB line two1m"


async def test_a_long_paste_is_cut_to_the_limit_with_a_message(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one(ReplyBox)
        await pilot.press(*"Hi ")
        box.post_message(events.Paste("x\x1b[A" * 100_000))
        await pilot.pause()
        assert box.value == "Hi " + ("x[A" * MAX_REPLY_CHARS)[: MAX_REPLY_CHARS - 3]
        assert len(box.value) == MAX_REPLY_CHARS
        assert [n.message for n in app._notifications] == [TOO_LONG]


async def test_enter_pressed_thrice_on_home_opens_one_names_dialog(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "enter", "enter", "enter")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [HomeScreen, NamesDialog]


async def test_ctrl_q_asks_only_on_the_conversation_itself(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark", "ctrl+q")  # over the help, it quits at once
        await pilot.pause()
        assert not app.is_running
