"""The offboardings: one row per client being let go, what is done, overdue and next."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from partways.checklist.model import Offboarding
from partways.tui.checklist_messages import (
    NewOffboardingAsked,
    OffboardingChanged,
    OffboardingOpened,
)
from partways.tui.checklist_state import ChecklistState, due_summary
from partways.tui.screens.base import PartwaysScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal

HELP = """\
Your offboardings: each client you are letting go, with the steps the guides agree on.

  ↑ ↓        move through them
  Enter      open the checklist
  n          a new offboarding (client, reason, date, notice)
  a          archive it (or bring it back); nothing is deleted
  h          show or hide the archived ones
  Escape     back
  ?          this help
"""


def row(offboarding: Offboarding, today_overdue: int, next_due: str) -> list[Text]:
    o = offboarding
    done = sum(i.done for i in o.items)
    client = o.client + (" (archived)" if o.archived else "")
    late = Text(str(today_overdue), style="bold red" if today_overdue else "")
    return [
        Text(client, no_wrap=True, overflow="ellipsis"),
        Text(o.reason),
        Text(o.talk.isoformat()),
        Text(o.last_day.isoformat()),
        Text(f"{done}/{len(o.items)}"),
        late,
        Text(next_due, no_wrap=True, overflow="ellipsis"),
    ]


class OffboardingsScreen(PartwaysScreen[None]):
    """The list of offboardings; watches the app's ``offboardings``."""

    app = getters.app(ChecklistState)
    HELP = HELP
    BINDINGS = [
        Binding("enter", "open", "Open", priority=False),
        Binding("n", "new", "New"),
        Binding("a", "archive", "Archive"),
        Binding("h", "archived", "Archived"),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self.table: DataTable[Text] = DataTable(id="offboardings", cursor_type="row")

    def compose(self) -> ComposeResult:
        yield Static("[b]Offboardings[/b] — let a client go, step by step", id="checklist-title")
        yield self.table
        yield Literal(id="offboardings-summary")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.table
        for label, width in (
            ("Client", 14),
            ("Reason", 11),
            ("Talk", 10),
            ("Last day", 10),
            ("Done", 5),
            ("Late", 4),
            ("Next", 10),
        ):
            table.add_column(label, width=width)
        self.watch(self.app, "offboardings", self.refill)
        table.focus()

    def shown(self) -> list[Offboarding]:
        return [o for o in self.app.offboardings if self.show_archived or not o.archived]

    def refill(self) -> None:
        table, today = self.table, self.app.today
        current = self.highlighted()
        table.clear()
        for o in self.shown():
            nxt = o.due_next(today)
            label = ("today" if nxt.due == today else nxt.due.isoformat()) if nxt else "—"
            table.add_row(*row(o, len(o.overdue(today)), label), key=o.id)
        if current is not None and current.id in table.rows:
            table.move_cursor(row=table.get_row_index(current.id))
        summary = due_summary(self.app.offboardings, today)
        if not self.shown():
            summary = literal("No offboardings yet. Press n to start one.", "bold")
        self.query_one("#offboardings-summary", Literal).update(summary)

    def highlighted(self) -> Offboarding | None:
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.app.offboarding(key) if key else None

    @on(DataTable.RowSelected, "#offboardings")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        chosen = self.highlighted()
        if chosen is not None:
            self.post_message(OffboardingOpened(chosen.id))

    def action_new(self) -> None:
        self.post_message(NewOffboardingAsked())

    def action_archive(self) -> None:
        chosen = self.highlighted()
        if chosen is not None:
            self.post_message(OffboardingChanged(replace(chosen, archived=not chosen.archived)))

    def action_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refill()

    def action_back(self) -> None:
        self.dismiss(None)
