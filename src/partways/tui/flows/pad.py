"""The coach pad: opened from home, the command palette and ``partways coach --pad``."""

from __future__ import annotations

from textual import on
from textual.command import DiscoveryHit, Hit, Hits, Provider

from partways.tui.flows.base import Flow
from partways.tui.messages import CoachPadAsked


class PadFlow(Flow):
    """Opens the coach pad."""

    @on(CoachPadAsked)
    def _pad_asked(self) -> None:
        self.open_pad()

    def open_pad(self, text: str = "", lang: str | None = None) -> None:
        """Open the coach pad over the current screen (one at a time); Escape closes it."""
        from partways.tui.screens.pad import CoachPadScreen

        if not any(isinstance(screen, CoachPadScreen) for screen in self.screen_stack):
            self.push_screen(CoachPadScreen(text, lang))


class PadCommands(Provider):
    """The command palette offers the coach pad."""

    NAME = "Coach pad: check a message"
    HELP = "Paste the message you are about to send; the coach marks what to fix."

    async def discover(self) -> Hits:
        yield DiscoveryHit(self.NAME, self._open, help=self.HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(self.NAME)
        if score > 0:
            yield Hit(score, matcher.highlight(self.NAME), self._open, help=self.HELP)

    def _open(self) -> None:
        app = self.app
        assert isinstance(app, PadFlow)
        app.open_pad()
