"""Messages the app's workers post, as documented dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from partways.engine import Outcome
    from partways.scenario.catalog import Catalog
    from partways.store.history import Best


@dataclass
class OutcomeLogged(Message):
    """A rehearsal's outcome was written to the history.

    ``notice`` is set when the store had to set a corrupt database aside first.
    """

    outcome: Outcome
    notice: str | None = None


@dataclass
class OutcomeNotLogged(Message):
    """Writing an outcome to the history failed; ``error`` says why."""

    outcome: Outcome
    error: str


@dataclass
class CatalogLoaded(Message):
    """The scenario packs were loaded (off the UI thread) with the best results.

    ``best`` is None when the history could not be read; ``notice`` is set when
    a corrupt history database was set aside.
    """

    catalog: Catalog
    best: dict[str, Best] | None
    notice: str | None = None
