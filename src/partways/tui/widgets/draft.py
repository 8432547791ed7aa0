"""The coach pad's text area: a message draft, pasted or typed, kept clean and bounded."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from partways.coach import MAX_CHARS
from partways.text import strip_control

#: The most a draft holds: what the coach reads.
MAX_DRAFT_CHARS = MAX_CHARS
TOO_LONG = f"The coach pad holds at most {MAX_DRAFT_CHARS:,} characters; the rest was left out."


class DraftArea(TextArea):
    """A soft-wrapping TextArea (Tab moves on) whose pastes lose their control
    characters and are cut to fit :data:`MAX_DRAFT_CHARS`, with a message saying so.

    Pasted text arrives whole (see :mod:`partways.tui.paste`); typed text cannot
    hold control characters.
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        text = strip_control(text)[:MAX_DRAFT_CHARS]
        super().__init__(
            text,
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder="Paste or type the message you are about to send your client.",
        )

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # TextArea's own _on_paste would insert it raw
        if self.read_only:
            return
        text = strip_control(event.text)
        if not text:
            return
        room = MAX_DRAFT_CHARS - (len(self.text) - len(self.selected_text))
        if len(text) > room:
            text = text[: max(room, 0)]
            self.notify(TOO_LONG, severity="warning", markup=False)
        start, end = self.selection
        result = self.replace(text, start, end)
        self.move_cursor(result.end_location)
