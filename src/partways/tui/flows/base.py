"""What every flow can use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partways.tui.state import PartwaysState

if TYPE_CHECKING:
    from partways.loading import PackLoader
    from partways.store.history import HistoryStore


class Flow(PartwaysState):
    """A part of :class:`~partways.tui.app.PartwaysApp`; these are set by its ``__init__``."""

    #: Loads the scenario packs.
    loader: PackLoader
    #: The rehearsal log; called only from thread workers.
    store: HistoryStore

    def warn(self, notice: str | None) -> None:
        """Show a store's message about a corrupt database set aside, if there is one."""
        if notice:
            self.notify(notice, severity="warning", timeout=10, markup=False)
