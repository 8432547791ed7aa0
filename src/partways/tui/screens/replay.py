"""A logged rehearsal, replayed: the verdict, the scores, the transcript with the
coach's notes as they were given."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content

from partways.records import Outcome
from partways.scores import SCORE_NAMES
from partways.tui.messages import MapAsked
from partways.tui.screens.base import PartwaysScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal, style_class
from partways.tui.widgets.transcript import ClientLine, CoachNote, YourLine
from partways.vocab import ABANDONED, OUTCOMES

HELP = """\
A rehearsal from your history: what the client said, what you said,
and the coach's note on each of your lines.

  ↑ ↓ PgUp PgDn  scroll
  m          the map: where each of your lines led, and where the others go
  Escape     back to the history
  ?          this help
"""

VERDICT: dict[str, str] = {
    "clean-exit": "Clean exit",
    "caved": "Caved",
    "burned-bridge": "Burned bridge",
    "stalled": "Stalled",
    ABANDONED: "Left midway",
}


def when(outcome: Outcome) -> str:
    """``2026-03-01 10:05`` from the ISO time it finished."""
    return outcome.finished[:16].replace("T", " ")


class ReplayScreen(PartwaysScreen[None]):
    """One logged rehearsal, read only; Escape goes back."""

    HELP = HELP
    AUTO_FOCUS = "#replay"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("m", "map", "Map"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        verdict = VERDICT.get(outcome.outcome, outcome.outcome)
        scores = " · ".join(f"{n} {getattr(outcome.scores, n)}" for n in SCORE_NAMES)
        with VerticalScroll(id="replay"):
            yield Literal(
                literal(f"{verdict}", "bold")
                + literal(f" — {outcome.title}")
                + Content("\n")
                + literal(f"{when(outcome)} · {scores}", "dim"),
                id="verdict",
                classes=style_class("outcome", outcome.outcome, OUTCOMES),
            )
            if not outcome.turns:
                yield Literal(literal("You left before saying anything.", "dim"), id="empty")
            for turn in outcome.turns:
                yield ClientLine(outcome.client_name, turn.client, turn.mood)
                yield YourLine(outcome.you_name, turn.said, turn.how)
                yield CoachNote(turn.stance, turn.coach)
            if outcome.client_line:
                yield ClientLine(outcome.client_name, outcome.client_line, None)
            if outcome.lesson:
                yield Literal(literal("Lesson: ", "bold") + literal(outcome.lesson), id="lesson")
        yield KeyBar()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_map(self) -> None:
        """Ask for the map of this rehearsal's scenario, with the path it took."""
        if self.outcome.turns:
            self.post_message(MapAsked.of(self.outcome))
        else:
            self.notify("You left before saying anything: there is no path to show.")
