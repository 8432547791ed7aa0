"""Practice per day as a small heatmap: a row per weekday, a column per week."""

from __future__ import annotations

from textual.content import Content

from partways.tui.widgets.literal import literal

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
#: No practice, then 1, 2, 3-4, 5 or more.
SHADES = ("·", "░", "▒", "▓", "█")


def shade(count: int) -> str:
    if count <= 0:
        return SHADES[0]
    if count == 1:
        return SHADES[1]
    if count == 2:
        return SHADES[2]
    return SHADES[3] if count < 5 else SHADES[4]


def heatmap_content(grid: list[list[int | None]]) -> Content:
    """The grid of :func:`partways.drills.calendar.heatmap` as styled text."""
    rows = []
    for name, row in zip(WEEKDAYS, grid, strict=False):
        cells = "".join(" " if value is None else shade(value) for value in row)
        rows.append(literal(f"{name} ", "dim") + literal(cells, "$success"))
    return Content("\n").join(rows)
