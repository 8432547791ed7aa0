"""The app as its screens see it: state to read and watch, nothing to call.

:class:`~partways.tui.app.PartwaysApp` subclasses :class:`PartwaysState` and is
the only one that changes it. A screen never imports the app module; it reads
this state through Textual's typed getter, ``app = getters.app(PartwaysState)``
(see :class:`partways.tui.screens.base.PartwaysScreen`), watches the reactive
attributes with ``self.watch(self.app, "catalog", ...)``, and says what happened
with a message (:mod:`partways.tui.messages`) or a value returned by ``dismiss()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.reactive import var

if TYPE_CHECKING:
    from partways.drills.overview import DrillStatus
    from partways.scenario.cards import Card
    from partways.scenario.catalog import Catalog
    from partways.scenario.model import Scenario
    from partways.store.history import Best


class PartwaysState(App[int]):
    """The state the app owns: set by the app, watched and read by the screens."""

    #: The scenario packs; None while they load in a worker.
    catalog: var[Catalog | None] = var(None)
    #: What the list shows before the catalog arrives (from the cache's index).
    cards: var[list[Card] | None] = var(None)
    #: The best result per scenario id, read from the history in a worker.
    best: var[dict[str, Best]] = var(dict)
    #: The streak, what is due today and the next scenario to drill (read in a worker).
    drill_status: var[DrillStatus | None] = var(None)
    #: The scenario ``partways play FILE`` opened: it need not be in the catalog.
    played: Scenario | None = None

    @property
    def loading(self) -> bool:
        """True until the packs loading in a worker have arrived."""
        return self.catalog is None

    @property
    def listed(self) -> list[Scenario] | list[Card]:
        """What the scenario list shows: the catalog's scenarios, or until they are
        loaded the cards read from the cache's index."""
        if self.catalog is not None:
            return self.catalog.scenarios
        return self.cards or []

    @property
    def scenarios(self) -> list[Scenario]:
        return self.catalog.scenarios if self.catalog is not None else []

    def scenario(self, scenario_id: str) -> Scenario | None:
        """A loaded scenario, or the one ``partways play FILE`` opened."""
        if self.played is not None and self.played.id == scenario_id:
            return self.played
        return self.catalog.find(scenario_id) if self.catalog is not None else None
