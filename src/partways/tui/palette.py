"""The command palette, made safe against keys that arrive before its list is laid out.

Textual 8.2.8 (the newest release when this was written; its repository has no
fix either) raises ``KeyError`` from ``OptionList._move_page`` when PageUp or
PageDown reaches the palette's list after options were added but before the
list was laid out (Ctrl+P then PageUp at once), and ``NoMatches`` when keys
queued for the palette arrive after it closed, or when its worker gathering the
commands first runs after it closed (Ctrl+P then Escape at once). Any of these
would end the app, and with it a rehearsal in progress. A key that reaches the
list too early is tried once more after the next refresh; after that, or once
the palette is gone, it is dropped: nothing the person sees depends on it.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from textual import work
from textual.app import App
from textual.command import CommandPalette
from textual.css.query import NoMatches

from partways.tui.screens.once import DismissOnce

#: What a list that is not laid out yet raises when it is moved through.
_NOT_READY = (KeyError, IndexError)


class SafeCommandPalette(DismissOnce, CommandPalette):
    """Textual's command palette, with list movement that cannot crash the app."""

    @staticmethod
    def is_open(app: App[Any]) -> bool:
        """Is a command palette open? (Textual's test, for an app of any return type.)"""
        return CommandPalette.is_open(app)

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except NoMatches:
            return  # the palette is closing: its list is gone
        except _NOT_READY:
            self.call_after_refresh(self._retry_command_list, action)

    def _retry_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (NoMatches, *_NOT_READY):
            return

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        """Textual's gathering, which ends quietly when the palette closed before it ran."""
        # The undecorated method (``@work`` keeps it as ``__wrapped__``).
        gather: Callable[[CommandPalette, str], Awaitable[None]] = inspect.unwrap(
            CommandPalette._gather_commands
        )
        try:
            await gather(self, search_value)
        except NoMatches:
            return  # the palette is gone: there is no list to fill
