"""The reply box: Enter sends, digits pick a line while it is empty."""

from __future__ import annotations

from dataclasses import dataclass

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Input

from partways.text import MAX_REPLY_CHARS, strip_control

TOO_LONG = f"A reply holds at most {MAX_REPLY_CHARS:,} characters."

#: A painted stretch of the reply: code-point ``start`` and ``end``, a Rich style.
Span = tuple[int, int, str]


class Spans(Highlighter):
    """Paints the spans it was given, and only on the text they were worked out for:
    a value typed since then is shown plain until its own spans arrive."""

    def __init__(self) -> None:
        self.value: str | None = None
        self.spans: tuple[Span, ...] = ()

    def highlight(self, text: Text) -> None:
        if text.plain != self.value:
            return
        for start, end, style in self.spans:
            text.stylize(style, start, end)


class ReplyBox(Input):
    """An Input where a pasted multi-line message becomes one reply, and the coach's
    marks are painted in place (:meth:`paint`).

    Pasted text arrives whole (see :mod:`partways.tui.paste`), is cleaned of
    control characters once, put on one line, and cut to fit the box's length
    limit with a message saying so.
    """

    def __init__(self, *, id: str | None = None) -> None:
        self.spans = Spans()
        super().__init__(id=id, max_length=MAX_REPLY_CHARS, highlighter=self.spans)

    def paint(self, value: str, spans: tuple[Span, ...]) -> None:
        """Paint ``spans`` (the coach's marks) on the reply while it holds ``value``."""
        if value == self.spans.value and spans == self.spans.spans:
            return
        self.spans.value = value
        self.spans.spans = spans
        self.refresh()

    @dataclass
    class Picked(Message):
        """A digit was pressed while the box was empty: say line ``number``."""

        number: int

    class HelpAsked(Message):
        """``?`` was pressed while the box was empty."""

    async def _on_key(self, event: events.Key) -> None:
        if not self.value and event.character is not None and event.character in "123456789":
            event.stop()
            event.prevent_default()
            self.post_message(self.Picked(int(event.character)))
            return
        if not self.value and event.character == "?":
            event.stop()
            event.prevent_default()
            self.post_message(self.HelpAsked())
        # Otherwise Input's own _on_key runs next (Textual calls each class's handler).

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own _on_paste would insert the first line again
        text = " ".join(strip_control(event.text).split())
        if not text:
            return
        start, end = sorted(self.selection)
        room = MAX_REPLY_CHARS - (len(self.value) - (end - start))
        if len(text) > room:
            text = text[: max(room, 0)]
            self.restricted()
        self.replace(text, start, end)

    def restricted(self) -> None:
        """Typed or pasted past the limit: say so (Textual only rings the bell)."""
        self.notify(TOO_LONG, severity="warning", markup=False)
