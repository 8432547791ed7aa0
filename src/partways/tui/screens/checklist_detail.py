"""One offboarding's checklist: the steps by phase, due dates, done marks and notes."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable

from partways.checklist.model import PHASE_TITLES, PHASES, Item, Offboarding
from partways.tui.checklist_messages import (
    EditOffboardingAsked,
    ExportAsked,
    LetterAsked,
    OffboardingChanged,
    RehearseAsked,
)
from partways.tui.checklist_state import ChecklistState
from partways.tui.screens.base import PartwaysScreen
from partways.tui.screens.checklist_new import NoteDialog
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal

#: The phases, as the header names them.
SHORT = {"before": "Before", "conversation": "Talk", "after": "After"}

HELP = """\
One client's offboarding: every step, its due date, your done marks and notes.

  ↑ ↓        move through the steps
  Space      done / not done
  e          a note on this step
  d          the details: client, contact, reason, dates, notice, notes
             (a new date or notice moves every step; done marks and notes stay)
  l          the letter: the written summary, in the coach pad
  x          export the checklist and the letter to a Markdown file (asks where)
  r          rehearse this conversation, with the client's name
  a          archive (or bring back) this offboarding
  Escape     back to the list
  ?          this help

Red: overdue. Due dates count from the conversation or the last day; one that
falls on a weekend moves to the Friday before (a step before) or the Monday
after (a step after).
"""


def header(o: Offboarding, today_overdue: int) -> Content:
    """Who, why, when, and the progress of each phase."""
    progress = o.progress()
    phases = Content("  ").join(
        literal(f"{SHORT[p]} ", "dim") + literal(f"{progress[p][0]}/{progress[p][1]}", "bold")
        for p in PHASES
    )
    late = (
        literal(f"  {today_overdue} overdue", "bold $text-error") if today_overdue else Content("")
    )
    return Content("\n").join(
        [
            literal(o.client, "bold")
            + literal(
                f" · {o.reason} · talk {o.talk.isoformat()} · last day "
                f"{o.last_day.isoformat()} ({o.notice_days} days)"
            ),
            phases + late + (literal("  archived", "dim") if o.archived else Content("")),
            *([literal("Notes: ", "bold") + literal(notes_line(o.notes))] if o.notes else []),
        ]
    )


def notes_line(notes: str, width: int = 68) -> str:
    """The free notes on one line (line breaks as " · "), cut to ``width`` with "…"."""
    flat = " · ".join(line.strip() for line in notes.splitlines() if line.strip())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class ChecklistScreen(PartwaysScreen[None]):
    """The checklist of the offboarding ``offboarding_id`` (read from the app's state)."""

    app = getters.app(ChecklistState)
    HELP = HELP
    BINDINGS = [
        Binding("space", "tick", "Done"),
        Binding("e", "note", "Note"),
        Binding("d", "details", "Details"),
        Binding("l", "letter", "Letter"),
        Binding("x", "export", "Export"),
        Binding("r", "rehearse", "Rehearse"),
        Binding("a", "archive", "Archive", show=False),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, offboarding_id: str) -> None:
        super().__init__()
        self.offboarding_id = offboarding_id
        self.table: DataTable[Text] = DataTable(id="items", cursor_type="row", show_header=False)

    def compose(self) -> ComposeResult:
        yield Literal(id="checklist-header")
        yield self.table
        yield Literal(id="item-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.add_column("done", width=1)
        self.table.add_column("due", width=10)
        self.table.add_column("step", width=62)
        self.watch(self.app, "offboardings", self.refill)
        self.table.focus()

    @property
    def offboarding(self) -> Offboarding | None:
        return self.app.offboarding(self.offboarding_id)

    def refill(self) -> None:
        o, today, table = self.offboarding, self.app.today, self.table
        if o is None:
            return
        self.query_one("#checklist-header", Literal).update(header(o, len(o.overdue(today))))
        current = self.current()
        table.clear()
        for phase in PHASES:
            table.add_row(
                Text(""), Text(""), Text(PHASE_TITLES[phase], style="bold"), key=f"phase:{phase}"
            )
            for item in (i for i in o.items if i.phase == phase):
                late = not item.done and item.due < today
                style = "dim" if item.done else ("bold red" if late else "")
                text = item.text + (" ✎" if item.note else "")
                table.add_row(
                    Text("✓" if item.done else "·", style=style),
                    Text(item.due.isoformat(), style=style),
                    Text(text, style=style, no_wrap=True, overflow="ellipsis"),
                    key=item.id,
                )
        if current is not None and current.id in table.rows:
            table.move_cursor(row=table.get_row_index(current.id))
        elif table.row_count > 1 and table.cursor_row == 0:
            table.move_cursor(row=1)
        self.show_detail()

    def current(self) -> Item | None:
        o, table = self.offboarding, self.table
        if o is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((i for i in o.items if i.id == key), None)

    @on(DataTable.RowHighlighted, "#items")
    def show_detail(self) -> None:
        item, today = self.current(), self.app.today
        detail = self.query_one("#item-detail", Literal)
        if item is None:
            o = self.offboarding
            if o is not None and o.notes:
                detail.update(literal("Notes: ", "bold") + literal(o.notes))
            else:
                detail.update(literal("Space marks a step done; l writes the letter.", "dim"))
            return
        when = "overdue" if not item.done and item.due < today else "done" if item.done else "due"
        text = literal(item.text) + literal(f"  ({when} {item.due.isoformat()})", "dim")
        if item.note:
            text += Content("\n") + literal("Note: ", "bold") + literal(item.note)
        detail.update(text)

    def _change(self, changed: Offboarding) -> None:
        self.post_message(OffboardingChanged(changed))

    def action_tick(self) -> None:
        o, item = self.offboarding, self.current()
        if o is not None and item is not None:
            self._change(o.toggled(item.id))

    def action_note(self) -> None:
        item = self.current()
        if item is None:
            return

        def noted(note: str | None) -> None:
            o = self.offboarding
            if note is not None and o is not None:
                self._change(o.noted(item.id, note))

        self.app.push_screen(NoteDialog(item.text, item.note), noted)

    def action_archive(self) -> None:
        o = self.offboarding
        if o is not None:
            self._change(replace(o, archived=not o.archived))

    def action_details(self) -> None:
        self.post_message(EditOffboardingAsked(self.offboarding_id))

    def action_letter(self) -> None:
        self.post_message(LetterAsked(self.offboarding_id))

    def action_export(self) -> None:
        self.post_message(ExportAsked(self.offboarding_id))

    def action_rehearse(self) -> None:
        self.post_message(RehearseAsked(self.offboarding_id))

    def action_back(self) -> None:
        self.dismiss(None)
