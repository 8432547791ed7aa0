"""The coach pad: check a real message (the email about to go to the client) before sending it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static, TextArea

from partways.coach import Analysis, Finding, Hint, analyze
from partways.scores import SCORE_NAMES
from partways.tui.coaching import label, mark_style, marked, quoted, stance_label
from partways.tui.screens.base import PartwaysScreen
from partways.tui.widgets.draft import DraftArea
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal
from partways.vocab import LANGUAGES

HELP = (
    """\
Check a message before you send it: paste or type it in the box.

  type, paste    the coach reads it again as it changes
  Tab, Shift+Tab  move between the box and the report (↑ ↓ PgUp PgDn scroll it)
  Ctrl+L         the language: detected, or English, Swedish, French,
                 Croatian, Bulgarian in turn
  Escape         back
  F1             this help

"""
    "The report marks every finding in place, with the guides' advice, gives the stance "
    "and the four scores, and a rewrite hint for each sentence with something to fix: "
    "what to cut, and what to move first.\n"
)

INTRO = (
    "The coach marks hedges, apologies, permission-asking, blame and second thoughts, "
    "and says what to cut and what to move first. Lead with the decision, give one "
    "reason, thank them, give notice, hand over, put it in writing."
)

LANGUAGE_NAMES = {
    "en": "English",
    "sv": "Swedish",
    "fr": "French",
    "hr": "Croatian",
    "bg": "Bulgarian",
}

#: Drafts longer than this are read again only once typing pauses.
READ_AT_ONCE_BELOW = 2_000
#: The pause, in seconds.
PAUSE = 0.25

_GOOD = frozenset({"decision", "notice", "handoff", "in-writing", "gratitude"})


def finding_line(finding: Finding) -> Content:
    """``“maybe” hedge/propositional: Drop the hedge; …``"""
    if finding.structural:
        return literal(quoted(finding), "bold") + literal(": ") + literal(finding.advice)
    words = literal(quoted(finding), mark_style(finding.tag))
    return words + literal(f" {label(finding)}: ", "dim") + literal(finding.advice)


def hint_lines(number: int, hint: Hint, analysis: Analysis) -> Content:
    """The sentence with its marks, then what to do with it."""
    head = literal(f"{number}. ", "bold") + marked(hint.text, analysis.marks, hint.start)
    cut = ", ".join(quoted(f) for f in hint.cut)
    todo = []
    if hint.move_first:
        todo.append(literal("↑ move first", "bold $text-success"))
    if cut:
        todo.append(literal("✂ cut ", "bold $text-warning") + literal(cut))
    badges = Content(" · ").join(todo)
    lines = [head, literal("   ") + badges] if todo else [head]
    lines.append(literal("   → ") + literal(hint.advice))
    return Content("\n").join(lines)


def summary(analysis: Analysis) -> Content:
    """The stance, the four scores and the note."""
    scores = analysis.scores
    parts = [
        literal(f"{name} ", "dim") + literal(str(getattr(scores, name)), "bold")
        for name in SCORE_NAMES
    ]
    return (
        literal("Stance: ")
        + stance_label(analysis.stance)
        + literal("   ")
        + Content("  ").join(parts)
        + Content("\n")
        + literal(analysis.note)
    )


class CoachPadScreen(PartwaysScreen[None]):
    """A draft and the coach's report on it, read again as the draft changes.

    ``text`` and ``lang`` (a language code, or None to detect it) are what it
    opens with; it answers (``dismiss``) None when the user goes back.
    """

    HELP = HELP
    AUTO_FOCUS = "#draft"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+l", "language", "Language"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, text: str = "", lang: str | None = None) -> None:
        super().__init__()
        self.draft = text
        self.lang = lang if lang in LANGUAGES else None
        #: What the report shows now (None while the draft is blank).
        self.analysis: Analysis | None = None
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Literal(id="pad-header")
        yield DraftArea(self.draft, id="draft")
        with VerticalScroll(id="pad-report"):
            yield Literal(literal(INTRO, "$foreground-muted"), id="pad-intro")
            with Vertical(id="pad-results"):
                yield Literal(id="pad-summary")
                yield Static("Your message, marked", classes="section-title")
                yield Literal(id="pad-marked")
                yield Static("Findings, with the guides' advice", classes="section-title")
                yield Literal(id="pad-findings")
                yield Static("Rewrite, sentence by sentence", classes="section-title")
                yield Literal(id="pad-hints")
        yield KeyBar()

    def on_mount(self) -> None:
        self.read_draft()

    @on(TextArea.Changed, "#draft")
    def _changed(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if len(self.query_one(DraftArea).text) < READ_AT_ONCE_BELOW:
            self.read_draft()
        else:
            self._pending = self.set_timer(PAUSE, self.read_draft)

    def read_draft(self) -> None:
        """Analyse the draft and show the report."""
        self._pending = None
        text = self.query_one(DraftArea).text
        blank = not text.strip()
        self.analysis = None if blank else analyze(text, self.lang)
        self.show_header()
        self.query_one("#pad-intro").display = blank
        self.query_one("#pad-results").display = not blank
        if self.analysis is not None:
            self.show_report(text, self.analysis)

    def show_header(self) -> None:
        analysis = self.analysis
        if self.lang is not None:
            language = f"{LANGUAGE_NAMES[self.lang]} (chosen)"
        elif analysis is not None:
            language = f"{LANGUAGE_NAMES.get(analysis.language, analysis.language)} (detected)"
        else:
            language = "detected"
        self.query_one("#pad-header", Literal).update(
            literal("Coach pad", "bold")
            + literal(" — check a message before sending it", "dim")
            + literal("   Language: ")
            + literal(language, "bold")
        )

    def show_report(self, text: str, analysis: Analysis) -> None:
        self.query_one("#pad-summary", Literal).update(summary(analysis))
        self.query_one("#pad-marked", Literal).update(marked(text, analysis.marks))
        to_fix = [f for f in analysis.findings if f.tag not in _GOOD]
        good = [f for f in analysis.findings if f.tag in _GOOD]
        rows = [finding_line(f) for f in (*to_fix, *good)]
        self.query_one("#pad-findings", Literal).update(
            Content("\n").join(rows) if rows else literal("Nothing found.", "dim")
        )
        hints = [hint_lines(n, h, analysis) for n, h in enumerate(analysis.hints, 1)]
        self.query_one("#pad-hints", Literal).update(
            Content("\n").join(hints)
            if hints
            else literal("Nothing to rewrite: send it.", "$text-success")
        )

    def action_language(self) -> None:
        """Detected, then each language in turn, then detected again."""
        cycle: list[str | None] = [None, *LANGUAGES]
        self.lang = cycle[(cycle.index(self.lang) + 1) % len(cycle)]
        self.read_draft()

    def action_back(self) -> None:
        self.dismiss(None)
