"""A numbered line the user can say, with a hanging indent."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from partways.text import strip_control


class ChoiceLine(Static):
    """``1.`` and the line's text beside it; wrapped text stays indented.

    One widget (a two-column Rich grid of literal ``Text``, never markup): a turn
    shows up to nine, and a widget per cell made the first screen slower.
    """

    def __init__(self, number: int, text: str | None = None) -> None:
        super().__init__(classes="choice", markup=False)
        self.number = number
        self.said: str | None = None
        self.show(text)

    def show(self, text: str | None) -> None:
        """Show ``text`` on this line, or hide the line when there is none."""
        self.display = text is not None
        self.said = text
        if text is None:
            return
        grid = Table.grid()
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(f"{self.number}.", style="bold"), Text(strip_control(text)))
        self.update(grid)
