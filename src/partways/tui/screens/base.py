"""What every full screen of partways shares: the app's state, typed, and one answer.

A screen reads the app's state through Textual's typed getter for ``self.app``,
typed as :class:`~partways.tui.state.PartwaysState` (never the app module, which
imports the screens). It reports back with a message or with ``dismiss(value)``;
the app pushed it with a callback that takes that value.
"""

from __future__ import annotations

from typing import TypeVar

from textual import getters
from textual.screen import Screen

from partways.tui.screens.once import DismissOnce
from partways.tui.state import PartwaysState

ResultT = TypeVar("ResultT")


class PartwaysScreen(DismissOnce, Screen[ResultT]):
    """A full screen of the partways app, answering once with ``dismiss(value)``."""

    # Each screen sets Textual's ``HELP`` class variable: the text `?` shows.

    app = getters.app(PartwaysState)
