"""Home: the scenario list, its filter, the highlighted scenario's summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from partways.tui.checklist_messages import ChecklistsAsked
from partways.tui.checklist_state import ChecklistState, due_summary
from partways.tui.messages import CoachPadAsked, DrillAsked, HistoryAsked, ScenarioPicked
from partways.tui.screens.base import PartwaysScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal
from partways.vocab import Ending

if TYPE_CHECKING:
    from partways.scenario.cards import Card
    from partways.scenario.model import Scenario
    from partways.store.history import Best

HELP = """\
Pick a scenario and rehearse ending the relationship.

  ↑ ↓        move through the scenarios
  Enter      start it (you can name the client first)
  /          filter by title, reaction, reason or language
  Escape     clear the filter
  c          coach pad: check a real message before you send it
  d          drill: rehearse the scenario due next (spaced practice)
  x          quick-fire drill: the hardest client lines, one at a time
  h          history: every rehearsal, your scores over time, habits
  o          offboardings: the handoff checklist for a real client
  Ctrl+P     command palette: start any scenario, or open the coach pad
  ?          this help
  q          quit
"""

TITLE = Content.from_markup("[b]partways[/b] — rehearse ending it well")

DIFFICULTY = {1: "●○○", 2: "●●○", 3: "●●●"}


SHORT_OUTCOME: dict[str, str] = {
    Ending.CLEAN_EXIT: "✓",
    Ending.CAVED: "caved",
    Ending.BURNED_BRIDGE: "burned",
    Ending.STALLED: "stall",
}


def best_label(best: Best | None) -> str:
    """``85 ✓`` for a clean exit scoring 85 on average; ``—`` when never finished."""
    if best is None:
        return "—"
    return f"{best.overall} {SHORT_OUTCOME.get(best.outcome, best.outcome)}"


class HomeScreen(PartwaysScreen[None]):
    """The scenario picker: watches the app's catalog and best results, posts
    :class:`~partways.tui.messages.ScenarioPicked`."""

    HELP = HELP
    BINDINGS = [
        Binding("enter", "start", "Start", show=True, priority=False),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("c", "coach_pad", "Coach pad"),
        Binding("d", "drill", "Drill"),
        Binding("x", "quickfire", "Quick-fire", show=False),
        Binding("h", "history", "History"),
        Binding("o", "checklists", "Offboard"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, later: bool = False) -> None:
        """``later``: build the list only when the screen is first shown (the app
        opened on another screen, which should not wait for this one)."""
        super().__init__()
        self._later = later
        self._was_covered = False
        #: A scenario picked from the cards, before the catalog arrived.
        self._pending: str | None = None
        # Held directly: refill() may run (a watched value changed) before compose.
        self.filter = Input(
            placeholder="Filter by title, reaction, reason or language", id="filter"
        )
        self.table: DataTable[Text] = DataTable(
            id="scenarios", cursor_type="row", zebra_stripes=True
        )
        self.summary = Literal(id="summary")
        self.broken = Literal(id="broken")
        self.title_bar = Static(TITLE, id="title")
        self.due = Literal(id="due-summary")

    def compose(self) -> ComposeResult:
        if not self._later:
            yield from self._widgets()

    def _widgets(self) -> list[Widget]:
        return [
            self.title_bar,
            self.table,
            Vertical(self.summary, id="summary-box"),
            self.broken,
            self.due,
            KeyBar(),
        ]

    def on_mount(self) -> None:
        if not self._later:
            self._fill_in()

    @on(events.ScreenSuspend)
    def _covered(self) -> None:
        self._was_covered = True

    @on(events.ScreenResume)
    async def _shown(self) -> None:
        # Opened ``later``, this screen first resumes before the app pushes the one
        # it opens on: the list is built when it shows again, once that is closed.
        if self._later and self._was_covered:
            self._later = False
            await self.mount_all(self._widgets())
            self._fill_in()

    def _fill_in(self) -> None:
        table = self.table
        # Widths fit 80 columns (each cell also has one column of padding per side).
        table.add_column("Scenario", key="title", width=26)
        table.add_column("Reaction", key="reaction", width=9)
        table.add_column("Reason", key="reason", width=14)
        table.add_column("Lang", key="language", width=4)
        table.add_column("Level", key="difficulty", width=5)
        table.add_column("Best", key="best", width=10)
        self.watch(self.app, "catalog", self._catalog_changed, init=False)
        self.watch(self.app, "best", self.refill, init=False)
        self.watch(self.app, "drill_status", self._drill_status, init=False)
        self.watch(self.app, "offboardings", self.show_due)
        self._catalog_changed()
        table.focus()

    def _drill_status(self) -> None:
        """The streak and what is due today, after the title."""
        status = self.app.drill_status
        label = status.label if status is not None else ""
        self.title_bar.update(TITLE + literal(f" · {label}", "$text-accent") if label else TITLE)

    def _catalog_changed(self) -> None:
        self.refill()
        self.show_broken()
        if self._pending is not None and self.app.catalog is not None:
            # Picked from the cards before the catalog arrived: start it now.
            scenario, self._pending = self.app.scenario(self._pending), None
            if scenario is not None:
                self.post_message(ScenarioPicked(scenario))

    def refill(self) -> None:
        """Rebuild the rows from the catalog, the filter and the best results."""
        table = self.table
        if not table.columns:
            return  # not mounted yet: on_mount fills it
        needle = self.filter.value
        best = self.app.best
        current = self._highlighted_id()
        table.clear()
        for scenario in self.app.listed:
            if not scenario.matches(needle):
                continue
            table.add_row(
                Text(scenario.title, no_wrap=True, overflow="ellipsis"),
                Text(scenario.reaction),
                Text(scenario.reason),
                Text(scenario.language),
                Text(DIFFICULTY.get(scenario.difficulty, str(scenario.difficulty))),
                Text(best_label(best.get(scenario.id))),
                key=scenario.id,
            )
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        self.show_summary()

    def _highlighted_id(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # no row under the cursor
            return None
        return key.value

    def highlighted(self) -> Scenario | None:
        scenario_id = self._highlighted_id()
        return self.app.scenario(scenario_id) if scenario_id else None

    def _highlighted_listed(self) -> Scenario | Card | None:
        """The highlighted row's scenario, or its card while the catalog loads."""
        scenario_id = self._highlighted_id()
        return next((s for s in self.app.listed if s.id == scenario_id), None)

    def show_summary(self) -> None:
        summary = self.summary
        scenario = self._highlighted_listed()
        if scenario is None:
            if self.app.loading and not self.app.cards:
                summary.update(literal("Loading the scenarios…"))
            elif self.app.scenarios:
                summary.update(literal("No scenario matches the filter."))
            else:
                summary.update(literal("No valid scenarios were found."))
            return
        summary.update(
            literal(scenario.title, "bold")
            + Content("\n")
            + literal(scenario.summary.strip())
            + Content("\n")
            + literal(
                f"Client: {scenario.client} · {scenario.reaction} · {scenario.reason} · "
                f"{scenario.language} · Enter to start",
                "dim",
            )
        )

    def show_broken(self) -> None:
        broken = self.broken
        catalog = self.app.catalog
        problems = catalog.problems if catalog is not None else {}
        if not problems:
            broken.display = False
            return
        lines = [f"{len(problems)} scenario file(s) could not be loaded:"]
        for diagnostics in problems.values():
            if diagnostics:
                lines.append("  " + diagnostics[0].format())
        broken.update(literal("\n".join(lines)))
        broken.display = True

    @on(DataTable.RowHighlighted, "#scenarios")
    def _row_highlighted(self) -> None:
        self.show_summary()

    @on(DataTable.RowSelected, "#scenarios")
    def _row_selected(self) -> None:
        self.action_start()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    def action_start(self) -> None:
        scenario = self.highlighted()
        if scenario is not None:
            self.post_message(ScenarioPicked(scenario))
        elif self.app.loading:
            self._pending = self._highlighted_id()  # started when the catalog arrives

    def show_due(self) -> None:
        """The one line about offboardings: overdue, and what is due next."""
        app = self.app
        if isinstance(app, ChecklistState):
            self.due.update(due_summary(app.offboardings, app.today))

    def action_checklists(self) -> None:
        self.post_message(ChecklistsAsked())

    def action_coach_pad(self) -> None:
        self.post_message(CoachPadAsked())

    def action_drill(self) -> None:
        self.post_message(DrillAsked())

    def action_quickfire(self) -> None:
        self.post_message(DrillAsked(quickfire=True))

    def action_history(self) -> None:
        self.post_message(HistoryAsked())

    async def action_filter(self) -> None:
        # Mounted on first use: one widget less to mount and paint at start-up.
        if not self.filter.is_mounted:
            await self.mount(self.filter, before=self.table)
        self.filter.display = True
        self.filter.focus()

    def action_clear_filter(self) -> None:
        self.filter.value = ""
        self.filter.display = False
        self.table.focus()
