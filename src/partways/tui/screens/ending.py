"""The ending: the client's last words, the verdict and lesson, the four scores, what
cost the most points (with the guides' advice), then the transcript with coach notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from partways.coach import analyze
from partways.coach.costs import Cost, costliest
from partways.engine import Outcome
from partways.scores import SCORE_NAMES
from partways.tui.coaching import quoted
from partways.tui.messages import MapAsked
from partways.tui.screens.base import PartwaysScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal, style_class
from partways.tui.widgets.transcript import ClientLine, CoachNote, YourLine
from partways.vocab import ENDINGS, Ending

HELP = (
    """\
How the rehearsal went: the client's last words, the verdict, your
scores, what cost you the most points, then the whole transcript.

  r          rehearse the same scenario again
  h          back to the scenarios, to pick another
  m          the map: where each of your lines led, and where the others go
  q          quit partways
  ↑ ↓ PgUp PgDn  scroll
  ?          this help

"""
    "Scores, 0–100: firmness is how plainly you held the decision; brevity, how short you "
    "kept it; grace, how kind and blame-free you stayed; handoff, whether you gave notice, "
    "offered the handover and put it in writing.\n"
)

OUTCOME_TEXT: dict[str, str] = {
    Ending.CLEAN_EXIT: "Clean exit — you ended it, and kept it civil.",
    Ending.CAVED: "Caved — you are still working for them.",
    Ending.BURNED_BRIDGE: "Burned bridge — it ended, but badly.",
    Ending.STALLED: "Stalled — nothing was decided.",
}


#: How many of the costliest findings the ending lists.
COSTLIEST = 3


def score_line(name: str, value: int, width: int = 20) -> Content:
    """``Firmness  ████████░░░░  80`` as literal content."""
    filled = round(value * width / 100)
    return (
        literal(f"{name.capitalize():<10}", "bold")
        + literal("█" * filled, "$success")
        + literal("░" * (width - filled), "$foreground-muted")
        + literal(f" {value:>3}")
    )


def cost_lines(cost: Cost) -> Content:
    """``−35 firmness · your line 1: “maybe”`` and, under it, the advice."""
    return (
        literal(f"−{cost.points} {cost.score}", "bold $text-warning")
        + literal(f" · your line {cost.line + 1}: ")
        + literal(quoted(cost.finding), "bold")
        + Content("\n")
        + literal(cost.advice)
    )


class EndingScreen(PartwaysScreen[bool]):
    """What happened, what to learn, how it scored.

    It answers (``dismiss``) True to rehearse the same scenario again, False to
    go back to the scenarios.
    """

    HELP = HELP
    AUTO_FOCUS = "#ending"
    BINDINGS = [
        Binding("r", "retry", "Retry"),
        Binding("h,escape", "home", "Other scenario"),
        Binding("m", "map", "Map"),
        Binding("q", "app.quit", "Quit"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, outcome: Outcome, mood: str | None = None) -> None:
        """``mood`` is the client's at the ending (the outcome does not keep it)."""
        super().__init__()
        self.outcome = outcome
        self.mood = mood

    def compose(self) -> ComposeResult:
        # Everything is built here, not looked up in on_mount: a key can take the
        # screen away again before it has mounted.
        outcome = self.outcome
        verdict = OUTCOME_TEXT.get(outcome.outcome, outcome.outcome)
        with VerticalScroll(id="ending"):
            if outcome.client_line:
                last = ClientLine(outcome.client_name, outcome.client_line, self.mood)
                last.id = "last-words"
                yield last
            yield Literal(
                literal(verdict, "bold") + Content("\n") + literal(outcome.title, "dim"),
                id="verdict",
                classes=style_class("outcome", outcome.outcome, ENDINGS),
            )
            if outcome.lesson:
                yield Literal(literal("Lesson: ", "bold") + literal(outcome.lesson), id="lesson")
            yield Literal(
                Content("\n").join(
                    score_line(name, getattr(outcome.scores, name)) for name in SCORE_NAMES
                ),
                id="scores",
            )
            yield Static("What cost the most", id="costs-title", classes="section-title")
            yield Literal(self.costs(), id="costs")
            yield Static("Transcript", id="transcript-title", classes="section-title")
            for turn in outcome.turns:
                yield ClientLine(outcome.client_name, turn.client, turn.mood)
                yield YourLine(outcome.you_name, turn.said, turn.how)
                yield CoachNote(turn.stance, turn.coach)
            if outcome.client_line:
                yield ClientLine(outcome.client_name, outcome.client_line, None)
        yield KeyBar()

    def costs(self) -> Content:
        """The findings that cost the most points, each with the guides' advice."""
        outcome = self.outcome
        lines = [analyze(turn.said, outcome.language) for turn in outcome.turns]
        found = costliest(lines, limit=COSTLIEST)
        if not found:
            return literal("Nothing you said cost points. Well done.", "$text-success")
        return Content("\n\n").join(cost_lines(cost) for cost in found)

    def action_retry(self) -> None:
        self.dismiss(True)

    def action_home(self) -> None:
        self.dismiss(False)

    def action_map(self) -> None:
        """Ask for the map of this scenario, with the path this rehearsal took."""
        self.post_message(MapAsked.of(self.outcome))
