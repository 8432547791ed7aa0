"""Screens that are dismissed at most once.

Keys arrive faster than screens change: a second Enter can reach a dialog (or
the command palette) that has already answered. Textual's ``Screen.dismiss``
pops whatever screen is on top, so a second call runs the result callback again
and pops the screen underneath, or fails with ``ScreenStackError`` when none is
left. Every modal screen of partways mixes this in: an answer after the first,
or while another screen is on top, is ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.await_complete import AwaitComplete

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[Any]
else:
    # A plain mixin at run time: Textual follows only the first DOM base of a
    # class for its CSS and component classes, so this must not be one.
    _Base = object


class DismissOnce(_Base):
    """Mix in before a screen class: ``dismiss`` acts once, and only while current."""

    _dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._dismissed or not self.is_current:
            return AwaitComplete()
        self._dismissed = True
        return super().dismiss(result)
