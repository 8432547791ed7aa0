"""What the scenario list shows of each scenario, read before the scenarios themselves.

A warm start paints the home screen from these :class:`Card` s, read from a small
index beside the catalog cache (:func:`partways.scenario.cache.load_cards_cached`),
and the app decodes and re-checks the whole catalog in a worker behind that first
screen. Plain Python, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from partways.text import first_control
from partways.vocab import LANGUAGES, REACTIONS, REASONS

if TYPE_CHECKING:
    from partways.scenario.model import Scenario

#: The fields of a card, in the order the index stores them.
FIELDS = ("id", "title", "language", "reaction", "reason", "summary", "client", "difficulty")


@dataclass(frozen=True, slots=True)
class Card:
    """A scenario as the list shows it (the same names as :class:`Scenario`'s fields)."""

    id: str
    title: str
    language: str
    reaction: str
    reason: str
    summary: str
    client: str
    difficulty: int

    def matches(self, needle: str) -> bool:
        """As :meth:`Scenario.matches <partways.scenario.model.Scenario.matches>`."""
        return matches(self, needle)


def matches(listed: Card | Scenario, needle: str) -> bool:
    """Whether every word of ``needle`` occurs in the title, id, reaction, reason or
    language (case-insensitive); an empty needle matches everything."""
    haystack = " ".join(
        (listed.title, listed.id, listed.reaction, listed.reason, listed.language)
    ).casefold()
    return all(word in haystack for word in needle.casefold().split())


def card_of(scenario: Scenario) -> Card:
    return Card(*(getattr(scenario, name) for name in FIELDS))


def encode_cards(scenarios: list[Scenario]) -> list[list[Any]]:
    return [[getattr(s, name) for name in FIELDS] for s in scenarios]


def decode_cards(data: object) -> list[Card] | None:
    """The cards in ``data`` (as :func:`encode_cards` wrote them), or None when it is
    not exactly that: every field of its type and in range, text free of control
    characters, ids unique. The index is a shortcut, never trusted."""
    if type(data) is not list:
        return None
    cards: list[Card] = []
    ids: set[str] = set()
    for row in data:
        card = _card(row)
        if card is None or card.id in ids:
            return None
        ids.add(card.id)
        cards.append(card)
    return cards


def _card(row: object) -> Card | None:
    if type(row) is not list or len(row) != len(FIELDS):
        return None
    id_, title, language, reaction, reason, summary, client, difficulty = row
    texts = (id_, title, language, reaction, reason, summary, client)
    if any(type(text) is not str or first_control(text) is not None for text in texts):
        return None
    if type(difficulty) is not int or not 1 <= difficulty <= 3:
        return None
    card = Card(id_, title, language, reaction, reason, summary, client, difficulty)
    known = card.language in LANGUAGES and card.reaction in REACTIONS and card.reason in REASONS
    return card if known and card.id else None
