"""A visible countdown that can be switched off, driven by a tick source.

The widget never reads the clock: it counts :meth:`Countdown.tick` calls. With
``ticks=True`` it ticks itself once a second (``set_interval``); tests and
snapshots build it with ``ticks=False`` and call :meth:`tick` themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Static

from partways.tui.widgets.literal import literal


class Countdown(Static):
    """``⏱ 0:27``; posts :class:`Countdown.Expired` when it reaches zero."""

    @dataclass
    class Expired(Message):
        """The time ran out."""

    def __init__(self, seconds: int, *, ticks: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.seconds = seconds
        self.remaining = seconds
        self.enabled = True
        self.running = False
        self._ticks = ticks

    def on_mount(self) -> None:
        if self._ticks:
            self.set_interval(1.0, self.tick)
        self._draw()

    def start(self) -> None:
        """Start again from the full time."""
        self.remaining = self.seconds
        self.running = True
        self._draw()

    def stop(self) -> None:
        self.running = False
        self._draw()

    def toggle(self) -> bool:
        """Switch the countdown off or on (on again: from the full time); the new state."""
        self.enabled = not self.enabled
        self.remaining = self.seconds
        self._draw()
        return self.enabled

    def tick(self) -> None:
        """One second passed."""
        if not (self.enabled and self.running) or self.remaining <= 0:
            return
        self.remaining -= 1
        self._draw()
        if self.remaining == 0:
            self.running = False
            self.post_message(self.Expired())

    def _draw(self) -> None:
        if not self.enabled:
            self.update(literal("⏱ off", "dim"))
            return
        minutes, seconds = divmod(self.remaining, 60)
        style = "bold $text-error" if self.remaining <= 5 else "bold"
        self.update(literal(f"⏱ {minutes}:{seconds:02d}", style))
