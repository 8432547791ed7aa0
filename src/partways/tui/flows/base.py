"""What every flow can use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on

from partways.tui.messages import StoreNotice
from partways.tui.state import PartwaysState

if TYPE_CHECKING:
    from partways.loading import PackLoader
    from partways.store.history import HistoryStore


class Flow(PartwaysState):
    """A part of :class:`~partways.tui.app.PartwaysApp`; :meth:`attach` is called by its
    ``__init__``."""

    #: Loads the scenario packs.
    loader: PackLoader
    #: The folder of the stores (``--data-dir``).
    data_dir: Path
    _history: HistoryStore | Callable[[], HistoryStore]
    _history_lock: threading.Lock

    def attach(
        self, store: HistoryStore | Callable[[], HistoryStore], data_dir: Path | None
    ) -> None:
        """Keep the rehearsal log (or how to open it) and the data folder."""
        self._history = store
        self._history_lock = threading.Lock()
        if data_dir is None:
            data_dir = getattr(store, "data_dir", None)
            assert isinstance(data_dir, Path), "give the data folder with a store factory"
        self.data_dir = data_dir

    @property
    def store(self) -> HistoryStore:
        """The rehearsal log; used only in thread workers. Given as a factory, it is
        opened on first use, there: its import (TinyDB) stays off the path to the
        first screen."""
        with self._history_lock:
            if callable(self._history):
                self._history = self._history()
            return self._history

    def tell(self, notice: str | None) -> None:
        """From a worker: have ``notice`` (a store's, about a corrupt file set aside)
        shown. Call it with every notice a store call returns."""
        if notice:
            self.post_message(StoreNotice(notice))

    @on(StoreNotice)
    def _store_notice(self, message: StoreNotice) -> None:
        self.warn(message.notice)

    def warn(self, notice: str | None) -> None:
        """Show a store's message about a corrupt database set aside, if there is one."""
        if notice:
            self.notify(notice, severity="warning", timeout=10, markup=False)
