"""Helpers that put scenario and user text on screen literally.

Data is always wrapped in :class:`~textual.content.Content`, never parsed as
markup, so ``[bold]`` or ``[@click=app.quit]`` inside a scenario or a reply is
shown as typed and does nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from textual.content import Content
from textual.widgets import Static

from partways.text import strip_control


def literal(text: str, style: str = "") -> Content:
    """``text`` as Content, never markup; control characters removed."""
    content = Content(strip_control(text))
    return content.stylize(style) if style else content


def style_class(prefix: str, value: str, known: Collection[str]) -> str:
    """A CSS class for a value from a file: ``prefix-value`` when ``value`` is one of
    the ``known`` words, ``prefix-other`` otherwise.

    Scenario and history values never become class names or ids themselves: a
    class name must be an identifier, and a value edited by hand need not be.
    """
    return f"{prefix}-{value if value in known else 'other'}"


class Literal(Static):
    """A Static that shows its text exactly as given (a ``str``), or prepared
    :class:`~textual.content.Content` built with :func:`literal`."""

    def __init__(
        self, text: str | Content = "", *, id: str | None = None, classes: str | None = None
    ):
        content = text if isinstance(text, Content) else literal(text)
        super().__init__(content, id=id, classes=classes, markup=False)

    def show(self, text: str) -> None:
        self.update(literal(text))
