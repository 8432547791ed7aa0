"""History: every rehearsal in a sortable, filterable table, the overall score over
time, per-scenario best and last, the practice heatmap and your habits.

The rows arrive from a worker (:meth:`HistoryScreen.show`): the screen is up at
once, and fills when they are read. Enter on a row asks the app to replay it
(:class:`~partways.tui.messages.HistoryRowOpened`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Input, Sparkline, Static

from partways.text import strip_control
from partways.tui.messages import HistoryRowOpened
from partways.tui.screens.base import PartwaysScreen
from partways.tui.widgets.heatmap import heatmap_content
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal
from partways.vocab import ABANDONED, Ending

if TYPE_CHECKING:
    from partways.drills.calendar import Practice
    from partways.drills.habits import Habit
    from partways.drills.overview import Overview, Summary

HELP = """\
Every rehearsal you finished or left, newest first.

  ↑ ↓ PgUp PgDn  move through the rehearsals
  Enter      replay it: the transcript with the coach's notes
  /          filter by scenario, outcome or date (Escape clears)
  d s o      sort by date, scenario, outcome
  f b g h    sort by firmness, brevity, grace, handoff
             (the same key again reverses the order)
  Escape     back to the scenarios
  ?          this help

Under the table: your overall score over time (oldest left), the
practice heatmap (a column per week, ░▒▓█ more practice), the
highlighted scenario's best and last result, and your habits: the
tags and the words that cost you most, with their trend over your
last ten rehearsals against the ten before (↑ more, ↓ fewer).
"""

SHORT: dict[str, str] = {
    Ending.CLEAN_EXIT: "clean",
    Ending.CAVED: "caved",
    Ending.BURNED_BRIDGE: "burned",
    Ending.STALLED: "stalled",
    ABANDONED: "left",
}

#: Sort keys: the key pressed, the column, the value to sort on; newest-first date is the default.
SORTS: dict[str, tuple[str, str]] = {
    "d": ("date", "date"),
    "s": ("scenario", "scenario"),
    "o": ("outcome", "outcome"),
    "f": ("firmness", "firmness"),
    "b": ("brevity", "brevity"),
    "g": ("grace", "grace"),
    "h": ("handoff", "handoff"),
}
#: Rows added at once when the table fills (a screenful), then per refresh.
FIRST_ROWS = 50
CHUNK_ROWS = 500

_SCORE_INDEX = {"firmness": 0, "brevity": 1, "grace": 2, "handoff": 3}


def sort_value(practice: Practice, column: str) -> tuple[object, ...]:
    if column == "date":
        return (practice.finished,)
    if column == "scenario":
        return (practice.title.casefold(), practice.finished)
    if column == "outcome":
        return (practice.outcome, practice.finished)
    return (practice.scores[_SCORE_INDEX[column]], practice.finished)


def matches(practice: Practice, needle: str) -> bool:
    needle = needle.strip().casefold()
    if not needle:
        return True
    haystack = " ".join(
        (practice.title, practice.scenario, SHORT.get(practice.outcome, practice.outcome))
    )
    return needle in f"{haystack} {practice.outcome} {practice.finished[:10]}".casefold()


def result_label(practice: Practice | None) -> str:
    if practice is None:
        return "—"
    return f"{practice.overall} {SHORT.get(practice.outcome, practice.outcome)}"


def habit_line(habit: Habit) -> Content:
    return literal(f"{habit.trend} ", "bold") + literal(f"{habit.label} ×{habit.count}")


class HistoryScreen(PartwaysScreen[None]):
    """The rehearsal log: posts :class:`HistoryRowOpened`; Escape goes back."""

    HELP = HELP
    AUTO_FOCUS = "#rows"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("slash", "filter", "Filter"),
        Binding("enter", "open", "Replay"),
        *(Binding(key, f"sort('{key}')", "Sort", show=key == "d") for key in SORTS),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self.sort: tuple[str, bool] = ("date", True)
        self._generation = 0
        self._current: str | None = None
        self.filter = Input(placeholder="Filter: scenario, outcome or date", id="filter")
        self.table: DataTable[Text] = DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        self.spark = Sparkline([], id="spark")
        self.status = Literal(literal("Reading the history…"), id="status")

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup("[b]History[/b]"), id="title")
        yield self.filter
        yield self.table
        yield self.status
        yield self.spark
        with Horizontal(id="panel"):
            yield Literal(id="heatmap")
            yield Literal(id="scenario")
            yield Literal(id="habits")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.table
        table.add_column("Date", key="date", width=10)
        table.add_column("Scenario", key="scenario", width=26)
        table.add_column("Outcome", key="outcome", width=7)
        for label, key in (("Firm", "firmness"), ("Brev", "brevity"), ("Grace", "grace")):
            table.add_column(label, key=key, width=5)
        table.add_column("Hand", key="handoff", width=4)
        self.filter.display = False

    # -- data arrives -----------------------------------------------------------

    def show(self, overview: Overview) -> None:
        """Fill the screen with what the worker read."""
        self.overview = overview
        self.query_one("#heatmap", Literal).update(heatmap_content(overview.heatmap))
        self.query_one("#habits", Literal).update(self._habits(overview))
        self.refill()

    def show_words(self, words: list[Habit]) -> None:
        """The words you lean on arrived (read after the rows)."""
        if self.overview is not None:
            self.overview = replace(self.overview, words=words)
            self.query_one("#habits", Literal).update(self._habits(self.overview))

    def _habits(self, overview: Overview) -> Content:
        lines = [literal("Your habits", "bold")]
        lines.extend(habit_line(h) for h in overview.tags[:2])
        lines.extend(habit_line(h) for h in overview.words[:3])
        if len(lines) == 1:
            lines.append(literal("Nothing costly yet.", "dim"))
        return Content("\n").join(lines)

    def visible_rows(self) -> list[Practice]:
        """The rows the filter lets through, in the chosen order."""
        if self.overview is None:
            return []
        needle = self.filter.value
        rows = [p for p in self.overview.practices if matches(p, needle)]
        column, reverse = self.sort
        rows.sort(key=lambda p: sort_value(p, column), reverse=reverse)
        return rows

    def refill(self) -> None:
        """Fill the table from the filter and the order: a screenful at once, the rest
        in chunks after each refresh, so 10,000 rows never hold the screen up."""
        rows = self.visible_rows()
        self._current = self._highlighted_key() or self._current
        self._generation += 1
        self.table.clear()
        self._fill(self._generation, rows, 0)
        chronological = sorted(rows, key=lambda p: p.finished)
        self.spark.data = [p.overall for p in chronological] or [0]
        self._show_status(len(rows))
        self._show_scenario()

    def _fill(self, generation: int, rows: list[Practice], start: int) -> None:
        if generation != self._generation:
            return  # a newer filter or order replaced these rows
        table = self.table
        end = start + (FIRST_ROWS if start == 0 else CHUNK_ROWS)
        for practice in rows[start:end]:
            table.add_row(*self._cells(practice), key=practice.key)
        current = self._current
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current), animate=False)
            self._current = None
        if end < len(rows):
            self.call_after_refresh(self._fill, generation, rows, end)

    def _cells(self, practice: Practice) -> list[Text]:
        return [
            Text(strip_control(practice.finished[:10])),
            Text(strip_control(practice.title or practice.scenario), no_wrap=True,
                 overflow="ellipsis"),
            Text(SHORT.get(practice.outcome, strip_control(practice.outcome))),
            *(Text(str(score), justify="right") for score in practice.scores),
        ]  # fmt: skip

    def _show_status(self, shown: int) -> None:
        overview = self.overview
        total = len(overview.practices) if overview is not None else 0
        column, reverse = self.sort
        order = f"by {column}, {'descending' if reverse else 'ascending'}"
        if total == 0:
            text = "No rehearsals yet: play one from the scenarios."
        elif shown == total:
            text = f"{total} rehearsals, {order} · overall score over time:"
        else:
            text = f"{shown} of {total} rehearsals match, {order} · overall score over time:"
        if overview is not None and overview.status.label:
            text = f"{overview.status.label} · {text}"
        self.status.update(literal(text, "dim"))

    def _highlighted_key(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # no row under the cursor
            return None

    def highlighted(self) -> Practice | None:
        key = self._highlighted_key()
        if key is None or self.overview is None:
            return None
        return next((p for p in self.overview.practices if p.key == key), None)

    def _show_scenario(self) -> None:
        practice = self.highlighted()
        box = self.query_one("#scenario", Literal)
        summary: Summary | None = None
        if practice is not None and self.overview is not None:
            summary = self.overview.summaries.get(practice.scenario)
        if summary is None:
            box.update(literal(""))
            return
        box.update(
            literal(summary.title or summary.scenario, "bold")
            + Content("\n")
            + literal(f"best {result_label(summary.best)}\n")
            + literal(f"last {result_label(summary.last)}\n")
            + literal(f"played {summary.count}×", "dim")
        )

    # -- what the user does -----------------------------------------------------

    @on(DataTable.RowHighlighted, "#rows")
    def _row_highlighted(self) -> None:
        self._show_scenario()

    @on(DataTable.RowSelected, "#rows")
    def _row_selected(self) -> None:
        self.action_open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    def action_open(self) -> None:
        practice = self.highlighted()
        if practice is not None:
            self.post_message(HistoryRowOpened(practice.key))

    def action_sort(self, key: str) -> None:
        column = SORTS[key][1]
        current, reverse = self.sort
        # A new column starts with the best (or newest) on top; the same key reverses.
        self.sort = (column, not reverse if column == current else column != "scenario")
        self.refill()

    def action_filter(self) -> None:
        self.filter.display = True
        self.filter.focus()

    def action_back(self) -> None:
        if self.filter.has_focus or self.filter.value:
            self.filter.value = ""
            self.filter.display = False
            self.table.focus()
            return
        self.dismiss(None)
