"""The coach in the app, driven with the keyboard: live marks while typing, the
ending's last words and costliest findings, and the coach pad."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.message import Message

from partways.coach import analyze
from partways.coach.costs import costliest
from partways.tui.messages import CoachPadAsked
from partways.tui.screens.conversation import COACH_WAITING, ConversationScreen
from partways.tui.screens.ending import EndingScreen
from partways.tui.screens.home import HomeScreen
from partways.tui.screens.pad import PAUSE, READ_AT_ONCE_BELOW, CoachPadScreen
from partways.tui.widgets.draft import MAX_DRAFT_CHARS, DraftArea
from partways.tui.widgets.literal import Literal
from partways.tui.widgets.reply_box import ReplyBox

from .conftest import MakeApp

SIZE = (80, 24)


def plain(widget: Literal) -> str:
    return str(widget.render())


def painted(box: ReplyBox) -> dict[str, str]:
    """The reply's painted words and their styles, as the box draws them now."""
    text = box._value  # the value after the highlighter ran
    return {text.plain[span.start : span.end]: str(span.style) for span in text.spans}


# -- live marks while typing ----------------------------------------------------------


async def test_typing_marks_the_waffle_in_place_and_names_what_to_fix_first(
    make_app: MakeApp,
) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        hint = screen.query_one("#coach-hint", Literal)
        assert plain(hint) == COACH_WAITING
        await pilot.press(*"Sorry, I think maybe we should stop")
        box = screen.query_one(ReplyBox)
        marks = painted(box)
        assert "underline" in marks["maybe"] and "yellow" in marks["maybe"]
        assert "I think" in marks and "Sorry" in marks
        expected = analyze(box.value, "en")
        assert plain(hint).startswith(f"{expected.stance} · fix first: ")
        assert expected.first_fix is not None and expected.first_fix.advice in plain(hint)
        # Each change is read again: the marks follow the text.
        await pilot.press(*", okay")
        assert box.value.endswith(", okay")
        assert painted(box).keys() >= {"maybe", "I think"}
        for _ in box.value:
            await pilot.press("backspace")
        assert box.value == "" and painted(box) == {}
        assert plain(hint) == COACH_WAITING
        # An empty box: digits still pick a line.
        await pilot.press("1")
        assert len(screen.rehearsal.turns) == 1


async def test_a_firm_reply_shows_the_stance_and_the_coach_note(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        reply = "Thanks. I've decided to end our work together on the 30th."
        await pilot.press(*reply)
        hint = plain(app.screen.query_one("#coach-hint", Literal))
        analysis = analyze(reply, "en")
        assert analysis.first_fix is None
        assert hint == f"firm · {analysis.note}"
        marks = painted(app.screen.query_one(ReplyBox))
        assert "green" in marks["I've decided"] and "underline" not in marks["I've decided"]
        await pilot.press("enter")
        # The note beside the line in the transcript is the coach's note.
        notes = [plain(w) for w in app.screen.query(".coach-note").results(Literal)]
        assert notes == [f"coach · firm: {analysis.note}"]


async def test_a_turn_answered_by_picking_shows_no_coach_line(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # the next turn takes picks only
        assert not app.screen.rehearsal.accepts_reply
        assert plain(app.screen.query_one("#coach-hint", Literal)) == ""


# -- the ending -----------------------------------------------------------------------


async def test_the_ending_opens_with_the_last_words_then_the_verdict(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")
        screen = app.screen
        assert isinstance(screen, EndingScreen)
        last = screen.query_one("#last-words", Literal)
        verdict = screen.query_one("#verdict", Literal)
        assert plain(last) == "Robin [b] (relieved)\nFine. Send it over."
        assert plain(verdict).startswith("Clean exit")
        parts = list(screen.query_one("#ending").children)
        assert parts.index(last) == 0 and parts.index(verdict) == 1
        # Both are on the first screenful, above the key bar.
        assert last.region.y >= 0 and verdict.region.bottom <= SIZE[1] - 1
        assert "Nothing you said cost points" in plain(screen.query_one("#costs", Literal))
        await app.workers.wait_for_complete()


async def test_the_ending_lists_what_cost_the_most_with_the_advice(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Um, maybe we could just talk, sorry", "enter", "1")
        screen = app.screen
        assert isinstance(screen, EndingScreen)
        assert screen.outcome.outcome == "stalled"
        assert not screen.query("#last-words")  # this ending has no client line
        costs = plain(screen.query_one("#costs", Literal))
        lines = [analyze(turn.said, "en") for turn in screen.outcome.turns]
        expected = costliest(lines, limit=3)
        assert len(expected) >= 2
        for cost in expected:
            assert f"−{cost.points} {cost.score} · your line {cost.line + 1}: " in costs
            assert cost.advice in costs
        await app.workers.wait_for_complete()


# -- the coach pad --------------------------------------------------------------------

DRAFT = "Hi Dana, I think maybe we should stop, if that is okay? Sorry. I'm done."


async def test_the_pad_opens_from_home_checks_a_draft_and_goes_back(make_app: MakeApp) -> None:
    seen: list[Message] = []
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.press("c")
        assert any(isinstance(m, CoachPadAsked) for m in seen)
        screen = app.screen
        assert isinstance(screen, CoachPadScreen)
        assert screen.query_one("#pad-intro").display
        assert not screen.query_one("#pad-results").display
        await pilot.press(*DRAFT)
        assert screen.query_one(DraftArea).text == DRAFT
        analysis = analyze(DRAFT, None)
        assert screen.analysis is not None and screen.analysis.stance == analysis.stance
        summary = plain(screen.query_one("#pad-summary", Literal))
        assert f"Stance: {analysis.stance}" in summary
        for name, value in analysis.scores.to_json().items():
            assert f"{name} {value}" in summary
        assert plain(screen.query_one("#pad-marked", Literal)) == DRAFT
        findings = plain(screen.query_one("#pad-findings", Literal))
        for finding in analysis.findings:
            assert finding.advice in findings
        hints = plain(screen.query_one("#pad-hints", Literal))
        assert analysis.hints and all(h.advice in hints for h in analysis.hints)
        assert "✂ cut “I think”, “maybe”" in hints
        assert "English (detected)" in plain(screen.query_one("#pad-header", Literal))
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_pad_opens_from_the_command_palette(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"coach pad")
        await app.workers.wait_for_complete()  # the palette searches in a worker
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CoachPadScreen)
        # Only one pad at a time.
        app.open_pad()
        await pilot.pause()
        assert sum(isinstance(s, CoachPadScreen) for s in app.screen_stack) == 1


async def test_the_pad_language_is_detected_or_chosen_with_ctrl_l(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", *"Jag har bestämt mig: vi avslutar samarbetet den 30:e.")
        screen = app.screen
        assert isinstance(screen, CoachPadScreen)
        header = screen.query_one("#pad-header", Literal)
        assert screen.analysis is not None and screen.analysis.language == "sv"
        assert "Swedish (detected)" in plain(header)
        await pilot.press("ctrl+l")
        assert screen.lang == "en" and "English (chosen)" in plain(header)
        assert screen.analysis is not None and screen.analysis.language == "en"
        for _ in range(5):
            await pilot.press("ctrl+l")
        assert screen.lang is None and "Swedish (detected)" in plain(header)


async def test_a_paste_into_the_pad_is_cleaned_and_capped(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("c")
        area = app.screen.query_one(DraftArea)
        area.post_message(events.Paste("Hi\x1b[2J Dana,\r\nI have decided\x07 to stop."))
        await pilot.pause()
        assert area.text == "Hi[2J Dana,\nI have decided to stop."
        area.post_message(events.Paste("x" * (MAX_DRAFT_CHARS + 10)))
        await pilot.pause()
        assert len(area.text) == MAX_DRAFT_CHARS
        assert any("at most" in n.message for n in app._notifications)


async def test_a_long_draft_is_read_once_typing_pauses(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CoachPadScreen)
        long = "I have decided to stop. " * (READ_AT_ONCE_BELOW // 20)
        screen.query_one(DraftArea).load_text(long)
        await pilot.pause()
        assert screen.analysis is None  # not yet: the draft is long
        await pilot.pause(PAUSE * 3)
        assert screen.analysis is not None and screen.analysis.stance in ("firm", "waffle")


async def test_the_app_can_open_straight_on_the_pad(make_app: MakeApp, tmp_path: Any) -> None:
    from partways.loading import PackLoader
    from partways.store.history import HistoryStore
    from partways.tui.app import PartwaysApp

    app = PartwaysApp(
        PackLoader.of(make_app().catalog),  # type: ignore[arg-type]
        store=HistoryStore(tmp_path / "pad"),
        pad=("Um, sorry, maybe later?", "fr"),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, CoachPadScreen)
        assert screen.query_one(DraftArea).text == "Um, sorry, maybe later?"
        assert screen.lang == "fr" and "French (chosen)" in plain(
            screen.query_one("#pad-header", Literal)
        )
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.pause()
        assert app.screen.table.row_count == 1  # home was built when first shown
