"""Helpers that put scenario and user text on screen literally.

Data is always wrapped in :class:`~textual.content.Content`, never parsed as
markup, so ``[bold]`` or ``[@click=app.quit]`` inside a scenario or a reply is
shown as typed and does nothing.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from partways.text import strip_control


def literal(text: str, style: str = "") -> Content:
    """``text`` as Content, never markup; control characters removed."""
    content = Content(strip_control(text))
    return content.stylize(style) if style else content


class Literal(Static):
    """A Static that shows its text exactly as given."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(literal(text), id=id, classes=classes, markup=False)

    def show(self, text: str) -> None:
        self.update(literal(text))
