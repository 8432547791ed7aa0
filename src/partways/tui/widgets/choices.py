"""A numbered line the user can say, with a hanging indent."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from partways.tui.widgets.literal import Literal


class ChoiceLine(Horizontal):
    """``1.`` and the line's text beside it; wrapped text stays indented."""

    def __init__(self, number: int) -> None:
        super().__init__(classes="choice")
        self.number = number
        self.text = Literal(classes="choice-text")

    def compose(self) -> ComposeResult:
        yield Static(f"{self.number}.", classes="choice-number")
        yield self.text

    def show(self, text: str | None) -> None:
        """Show ``text`` on this line, or hide the line when there is none."""
        self.display = text is not None
        if text is not None:
            self.text.show(text)
