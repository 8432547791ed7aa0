"""The drill cards: one keyed JSON document per card, in a
:class:`~partways.store.collection.Collection` beside the history.

A card that cannot be read back (hand-edited, from a newer version) is skipped,
never fatal: it is made again the next time that scenario or line is practised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from partways.drills.deck import DrillCard

T = TypeVar("T", covariant=True)

#: The collection's name (its file in the data folder).
NAME = "drills"


class _Result(Protocol[T]):
    @property
    def value(self) -> T: ...

    @property
    def notice(self) -> str | None: ...


class Documents(Protocol):
    """What the drill store needs of a collection of keyed JSON documents."""

    def put_many(self, docs: Mapping[str, dict[str, Any]]) -> _Result[object]: ...

    def all(self) -> _Result[Mapping[str, dict[str, Any]]]: ...


@dataclass(frozen=True, slots=True)
class Cards:
    """The cards read, and the notice to show (a corrupt file set aside), if any."""

    cards: dict[str, DrillCard]
    notice: str | None = None


@dataclass
class DrillStore:
    """Reads and writes drill cards; every call may raise ``OSError`` (unavailable)."""

    documents: Documents

    def cards(self) -> Cards:
        """Every readable card, by key."""
        read = self.documents.all()
        cards: dict[str, DrillCard] = {}
        for key, document in read.value.items():
            try:
                card = DrillCard.from_json(dict(document))
            except (ValueError, TypeError):
                continue
            if card.key == key:
                cards[key] = card
        return Cards(cards, read.notice)

    def put(self, cards: Iterable[DrillCard]) -> str | None:
        """Write ``cards`` (each under its key, replacing the old one); the notice, if any."""
        written = self.documents.put_many({card.key: card.to_json() for card in cards})
        return written.notice
