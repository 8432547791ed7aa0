"""The messages of the app, as documented dataclasses.

Screens post the first kind to say what the user did; the app's thread workers
post the rest to hand back what they read or wrote. Nothing here does anything:
the app handles each one (see :mod:`partways.tui.app`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from partways.engine import Outcome
    from partways.scenario.catalog import Catalog
    from partways.scenario.model import Scenario
    from partways.store.history import Best

# -- from the screens ----------------------------------------------------------


@dataclass
class ScenarioPicked(Message):
    """The user picked ``scenario`` to rehearse (the app asks for the names next)."""

    scenario: Scenario


@dataclass
class CoachPadAsked(Message):
    """The user asked for the coach pad, to check a message before sending it."""


@dataclass
class MapAsked(Message):
    """The user asked for the conversation map of ``scenario`` (an id), with ``path``
    (node ids from its start) marked; ``taken`` is, for each step, the number of the
    line picked or the stance of the typed reply; ``names`` are the client's and the
    user's names for ``{client}`` and ``{you}`` (None: the scenario's)."""

    scenario: str
    path: tuple[str, ...] = ()
    taken: tuple[int | str | None, ...] = ()
    names: tuple[str, str] | None = None

    @classmethod
    def of(cls, outcome: Outcome) -> MapAsked:
        """The map of ``outcome``'s scenario, with the path it took marked."""
        path = [turn.node for turn in outcome.turns]
        if outcome.ending_node:
            path.append(outcome.ending_node)
        taken = tuple(t.choice if t.how == "picked" else t.stance for t in outcome.turns)
        return cls(outcome.scenario, tuple(path), taken, (outcome.client_name, outcome.you_name))


# -- from the workers ----------------------------------------------------------


@dataclass
class CatalogLoaded(Message):
    """The scenario packs were loaded off the UI thread."""

    catalog: Catalog


@dataclass
class HistoryRead(Message):
    """The best results were read from the history off the UI thread.

    ``best`` is None when the history could not be read, and ``error`` says why;
    ``notice`` is set when a corrupt history database was set aside.
    """

    best: dict[str, Best] | None
    notice: str | None = None
    error: str | None = None


@dataclass
class StoreNotice(Message):
    """A store set a corrupt file aside while a worker read or wrote it: ``notice`` says
    what happened and where the old file is (every worker's notices reach the person)."""

    notice: str


@dataclass
class OutcomeLogged(Message):
    """A rehearsal's outcome was written to the history.

    ``notice`` is set when the store had to set a corrupt database aside first.
    The same worker then reads the new best results and posts :class:`HistoryRead`.
    """

    outcome: Outcome
    notice: str | None = None


@dataclass
class OutcomeNotLogged(Message):
    """Writing an outcome to the history failed; ``error`` says why."""

    outcome: Outcome
    error: str


# -- from the practice screens (history, drills) ---------------------------------


@dataclass
class HistoryAsked(Message):
    """The user asked for the history screen."""


@dataclass
class HistoryRowOpened(Message):
    """The user opened the logged rehearsal ``key`` (the app reads it and replays it)."""

    key: str


@dataclass
class DrillAsked(Message):
    """The user asked to drill: ``quickfire`` single lines, else the next due scenario."""

    quickfire: bool = False


@dataclass
class DrillAnswered(Message):
    """A quick-fire line was answered (or timed out): the app updates its card.

    ``scenario`` and ``node`` name the line; ``rating`` is
    :class:`partways.drills.rating.Rating`'s value (1 Again … 4 Easy).
    """

    scenario: str
    node: str
    rating: int
