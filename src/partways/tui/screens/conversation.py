"""The rehearsal itself: the transcript, the tip, the numbered lines, the reply box."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input

from partways.coach import analyze
from partways.engine import EngineError, Rehearsal, Turn
from partways.tui.coaching import fix_hint, mark_style
from partways.tui.screens.base import PartwaysScreen
from partways.tui.screens.dialogs import ConfirmDialog
from partways.tui.widgets.choices import ChoiceLine
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal
from partways.tui.widgets.reply_box import ReplyBox
from partways.tui.widgets.transcript import ClientLine, Transcript

HELP = (
    """\
Say your lines: pick one, or type your own words.

  1–9          say that line (while the reply box is empty)
  type, Enter  say your own words; the coach picks the answer
               (as you type, it marks what waffles and names what
               to fix first, on the line under the box)
  PgUp PgDn    scroll the transcript
  Escape       leave (the rehearsal is logged as abandoned)
  F1 or ?      this help (? while the reply box is empty)
  Ctrl+P       command palette

"""
    "After each of your lines the coach says how it landed: firm, waffle, caved or "
    "hostile. Lead with the decision, give one reason, stay kind.\n"
)

NO_REPLY = "This turn is answered by picking a line: press 1–{n}."
REPLY = "Type your reply and press Enter, or press 1–{n} to pick a line."
#: The coach's line under the reply box while the box is empty.
COACH_WAITING = "The coach marks what waffles as you type."


class ConversationScreen(PartwaysScreen[Rehearsal]):
    """One rehearsal, turn by turn.

    It answers with the rehearsal (``dismiss``) once it reaches an ending or the
    user leaves it; the app logs it.
    """

    HELP = HELP
    AUTO_FOCUS = "#reply"
    BINDINGS = [
        Binding("escape", "leave", "Leave"),
        Binding("pageup", "scroll_transcript(-1)", "Scroll", show=False),
        Binding("pagedown", "scroll_transcript(1)", "Scroll", show=False),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, rehearsal: Rehearsal) -> None:
        super().__init__()
        self.rehearsal = rehearsal
        # Held directly: the first turn is filled in before they are mounted, so
        # that the first frame is the finished one (no second layout at start-up).
        self.header = Literal(id="header")
        self.tip = Literal(id="tip")
        self.reply = ReplyBox(id="reply")
        self.hint = Literal(id="coach-hint")

    def compose(self) -> ComposeResult:
        rehearsal = self.rehearsal
        choices = rehearsal.choices()
        self.fill()
        yield self.header
        with Transcript(id="transcript"):
            line = rehearsal.client_line()
            if line is not None:
                yield ClientLine(rehearsal.client_name or "", line, rehearsal.node.mood)
        yield self.tip
        with VerticalScroll(id="choices", can_focus=False) as box:
            box.display = bool(choices)
            # A slot per line on offer; a later turn with more lines mounts more.
            for number, choice in enumerate(choices, 1):
                yield ChoiceLine(number, choice)
        yield self.reply
        yield self.hint
        yield KeyBar()

    # -- rendering ------------------------------------------------------------

    def show_turn(self) -> None:
        """Show the client's next line and what the user can answer."""
        rehearsal = self.rehearsal
        line = rehearsal.client_line()
        if line is not None:
            self.query_one(Transcript).add_client(
                rehearsal.client_name or "", line, rehearsal.node.mood
            )
        choices = rehearsal.choices()
        slots = list(self.query(ChoiceLine))
        for slot in slots:
            slot.show(choices[slot.number - 1] if slot.number <= len(choices) else None)
        more = [ChoiceLine(n, choices[n - 1]) for n in range(len(slots) + 1, len(choices) + 1)]
        box = self.query_one("#choices")
        if more:
            box.mount_all(more)
        box.display = bool(choices)
        self.fill()

    def fill(self) -> None:
        """The header, the tip and the reply box for this turn (mounted or not yet)."""
        rehearsal = self.rehearsal
        node = rehearsal.node
        mood = f" · {node.mood}" if node.mood else ""
        self.header.update(
            literal(rehearsal.scenario.title, "bold")
            + literal(f"   {rehearsal.client_name}{mood}", "dim")
        )
        tip = rehearsal.tip()
        self.tip.update(literal("Tip: ", "bold") + literal(tip) if tip else Content(""))
        self.tip.display = bool(tip)
        choices = rehearsal.choices()
        template = REPLY if rehearsal.accepts_reply else NO_REPLY
        self.reply.placeholder = template.format(n=len(choices)) if choices else "Type your reply"
        self.reply.value = ""
        self.coach_live("")

    @on(Input.Changed, "#reply")
    def _reply_changed(self, event: Input.Changed) -> None:
        self.coach_live(event.value)

    def coach_live(self, value: str) -> None:
        """Mark the reply's waffle in place and name the one thing to fix first.

        The analysis takes well under a millisecond for a reply (see
        ``benchmarks/run.py keystroke``), so it runs on every change: no debounce.
        """
        box = self.reply
        hint = self.hint
        if not value.strip():
            box.paint(value, ())
            waiting = COACH_WAITING if self.rehearsal.accepts_reply else ""
            hint.update(literal(waiting, "$foreground-muted"))
            return
        analysis = analyze(value, self.rehearsal.scenario.language)
        box.paint(value, tuple((f.start, f.end, mark_style(f.tag)) for f in analysis.marks))
        hint.update(fix_hint(analysis))

    # -- user intent ----------------------------------------------------------

    @on(ReplyBox.Picked)
    def _picked(self, event: ReplyBox.Picked) -> None:
        self.say(lambda: self.rehearsal.pick(event.number))

    @on(ReplyBox.HelpAsked)
    async def _help_asked(self) -> None:
        await self.run_action("app.help")

    @on(Input.Submitted, "#reply")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            return  # an empty reply is not sent
        if not self.rehearsal.accepts_reply:
            self.notify(
                NO_REPLY.format(n=len(self.rehearsal.choices())), severity="warning", markup=False
            )
            return
        self.say(lambda: self.rehearsal.reply(text))

    def say(self, act: Callable[[], Turn]) -> None:
        """Do what the user said (pick or reply) and show where it leads."""
        try:
            turn = act()
        except EngineError as error:
            self.notify(str(error).capitalize() + ".", severity="warning", markup=False)
            return
        self.query_one(Transcript).add_turn(self.rehearsal.you_name or "", turn)
        if self.rehearsal.finished:
            self.dismiss(self.rehearsal)
        else:
            self.show_turn()

    def action_scroll_transcript(self, direction: int) -> None:
        transcript = self.query_one(Transcript)
        if direction < 0:
            transcript.scroll_page_up(animate=False)
        else:
            transcript.scroll_page_down(animate=False)

    def action_leave(self) -> None:
        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(self.rehearsal)

        self.app.push_screen(
            ConfirmDialog("Leave this rehearsal? It will be logged as abandoned.", "Leave", "Stay"),
            leave,
        )
