"""The reply box: Enter sends, digits pick a line while it is empty."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

from partways.text import strip_control


class ReplyBox(Input):
    """An Input where a pasted multi-line message becomes one reply."""

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
        text = " ".join(strip_control(event.text).split())
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # Input's own _on_paste would insert the first line again
