"""What every partways screen shares: typed access to the app that coordinates it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from partways.tui.app import PartwaysApp


class PartwaysScreen(Screen[None]):
    """A full screen of the partways app."""

    # Each screen sets Textual's ``HELP`` class variable: the text `?` shows.

    @property
    def partways(self) -> PartwaysApp:
        from partways.tui.app import PartwaysApp  # the app imports the screens

        assert isinstance(self.app, PartwaysApp)
        return self.app
