"""Quick-fire drill: one hard client line at a time, a typed answer, the coach's verdict.

The lines come in the order of :func:`partways.drills.quickfire.queue`. Each
answer is scored by the coach in the scenario's language and rated
(:func:`partways.drills.rating.rate_answer`); the screen posts
:class:`~partways.tui.messages.DrillAnswered` so the app updates the line's card.
A countdown runs while you answer (``Ctrl+T`` switches it off and on); when it
runs out, what you typed so far is scored (nothing typed counts as Again).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from partways.coach import analyze
from partways.drills.quickfire import Line
from partways.drills.rating import Rating, rate_answer
from partways.text import clean_typed
from partways.tui.coaching import marked, stance_label
from partways.tui.messages import DrillAnswered
from partways.tui.screens.base import PartwaysScreen
from partways.tui.widgets.countdown import Countdown
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal
from partways.tui.widgets.transcript import speaker

HELP = """\
Quick-fire: the hardest client lines from every scenario, one at a
time. Answer in one or two sentences, the way you would say it.

  type, Enter  answer; the coach says how it landed
  Enter        (after the verdict) the next line
  Ctrl+T       switch the countdown off or on
  Ctrl+N       skip this line
  Escape       back to the scenarios
  F1           this help

Lead with the decision, keep it short, don't reopen it. A line you
waffle or cave on comes back soon; one you answer firmly and briefly
waits longer.
"""

#: Seconds to answer a line.
SECONDS = 45

RATING_TEXT: dict[Rating, tuple[str, str]] = {
    Rating.AGAIN: ("Again", "it comes back soon"),
    Rating.HARD: ("Hard", "some hedging: it comes back in a few days"),
    Rating.GOOD: ("Good", "clean: it waits a while"),
    Rating.EASY: ("Easy", "clean and brief: it waits longest"),
}
TIME_UP = "Time's up. Say the decision first, in one sentence; the rest can follow."


class QuickFireScreen(PartwaysScreen[None]):
    """Serves ``lines`` one by one; Escape goes back."""

    HELP = HELP
    AUTO_FOCUS = "#answer"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+t", "toggle_clock", "Timer on/off", priority=True),
        Binding("ctrl+n", "skip", "Skip", priority=True),
    ]

    def __init__(
        self, lines: Sequence[Line], *, seconds: int = SECONDS, ticks: bool = True
    ) -> None:
        """``ticks``: let the countdown tick by itself once a second (tests drive it)."""
        super().__init__()
        self.lines = list(lines)
        self.index = 0
        self.answered = False
        self.results: list[Rating] = []
        self.countdown = Countdown(seconds, ticks=ticks, id="countdown")

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(id="header")
            yield self.countdown
        with VerticalScroll(id="drill"):
            yield Literal(id="line")
            yield Literal(id="tip")
            yield Literal(id="verdict")
        yield Input(placeholder="Your answer, then Enter", id="answer")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_line()

    @property
    def line(self) -> Line | None:
        return self.lines[self.index] if self.index < len(self.lines) else None

    def show_line(self) -> None:
        line, answer = self.line, self.query_one("#answer", Input)
        verdict = self.query_one("#verdict", Literal)
        self.answered = False
        answer.value = ""
        verdict.update(literal(""))
        verdict.display = False
        if line is None:
            self._finished()
            return
        where = f"{self.index + 1} of {len(self.lines)}"
        self.query_one("#header", Static).update(
            literal("Quick-fire", "bold") + literal(f" · {where} · ") + literal(line.title, "dim")
        )
        self.query_one("#line", Literal).update(
            speaker(line.client, line.mood) + Content("\n") + literal(line.text)
        )
        tip = self.query_one("#tip", Literal)
        tip.update(literal(f"Tip: {line.tip}") if line.tip else literal(""))
        tip.display = bool(line.tip)
        answer.disabled = False
        answer.focus()
        self.countdown.start()

    def _finished(self) -> None:
        self.countdown.stop()
        done = len(self.results)
        firm = sum(r >= Rating.GOOD for r in self.results)
        self.query_one("#header", Static).update(literal("Quick-fire", "bold") + literal(" · done"))
        self.query_one("#line", Literal).update(
            literal(f"That's every line for now: {done} answered, {firm} clean.", "bold")
            + Content("\n")
            + literal("Escape goes back to the scenarios.")
        )
        self.query_one("#tip", Literal).display = False
        self.query_one("#answer", Input).disabled = True

    # -- answering -------------------------------------------------------------

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.answered:
            self.action_next()
        elif clean_typed(event.value):
            self.judge(event.value)

    @on(Countdown.Expired)
    def _expired(self) -> None:
        if not self.answered and self.line is not None:
            self.judge(self.query_one("#answer", Input).value, timed_out=True)

    def judge(self, text: str, timed_out: bool = False) -> Rating:
        """Score ``text`` as the answer to the current line, show the verdict, post it."""
        line = self.line
        assert line is not None
        said = clean_typed(text)
        self.countdown.stop()
        self.answered = True
        verdict = self.query_one("#verdict", Literal)
        if not said:
            rating = Rating.AGAIN
            verdict.update(literal("Again", "bold $text-error") + literal(f" · {TIME_UP}"))
        else:
            analysis = analyze(said, line.language)
            rating = rate_answer(analysis)
            name, meaning = RATING_TEXT[rating]
            head = stance_label(analysis.stance) + literal(f" · {name}: {meaning}")
            if timed_out:
                head = head + literal(" (time ran out)", "dim")
            verdict.update(
                head
                + Content("\n")
                + marked(said, analysis.marks)
                + Content("\n")
                + literal(analysis.note)
                + Content("\n")
                + literal("Enter: next line", "dim")
            )
        verdict.display = True
        self.results.append(rating)
        self.post_message(DrillAnswered(line.scenario, line.node, int(rating)))
        return rating

    # -- keys --------------------------------------------------------------------

    def action_next(self) -> None:
        self.index += 1
        self.show_line()

    def action_skip(self) -> None:
        if self.line is not None:
            self.action_next()

    def action_toggle_clock(self) -> None:
        on_now = self.countdown.toggle()
        if on_now and not self.answered and self.line is not None:
            self.countdown.start()

    def action_back(self) -> None:
        self.countdown.stop()
        self.dismiss(None)
