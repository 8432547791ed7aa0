"""Quick-fire: single hard client lines from across the scenarios, one at a time.

Every turn of every scenario (a node where the client speaks and you answer) is
a line. The hardest come first — where the client pleads or bargains, the turns
that tempt you to waffle or cave (:func:`priority`). The queue (:func:`queue`)
serves the lines due again first, then the opening lines of leech scenarios, then
lines never drilled, hardest first, then the rest by due date. Each typed answer
is scored by the coach in the scenario's language and rated
(:func:`partways.drills.rating.rate_answer`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from partways.drills.deck import DrillCard, leeches, line_key
from partways.text import fill
from partways.vocab import Mood, Reaction, Stance, Tag

if TYPE_CHECKING:
    from partways.scenario.model import Node, Scenario

_PLEADING = (Mood.PLEADING, Mood.BARGAINING)
_PLEADING_REACTIONS = (Reaction.PLEADS, Reaction.BARGAINS, Reaction.GUILT)
_HEATED = (Mood.HURT, Mood.ANGRY, Mood.THREATENING)
_TEMPTING = (Stance.CAVE, Stance.WAFFLE, Tag.REVERSAL, Tag.HEDGE)


@dataclass(frozen=True, slots=True)
class Line:
    """One client line to answer on its own."""

    scenario: str
    node: str
    title: str
    language: str
    client: str
    text: str
    mood: str | None
    tip: str | None
    priority: int
    opening: bool

    @property
    def key(self) -> str:
        return line_key(self.scenario, self.node)


def priority(scenario: Scenario, node: Node) -> int:
    """0 hardest: a pleading or bargaining turn; 1 a turn that offers a line to cave
    or waffle with in a scenario where the client pleads, bargains or guilt-trips;
    2 any other turn of such a scenario, or a hurt, angry or threatening turn; 3 the rest."""
    if node.mood in _PLEADING:
        return 0
    tempting = any(tag in _TEMPTING for choice in node.choices for tag in choice.tags)
    if scenario.reaction in _PLEADING_REACTIONS:
        return 1 if tempting else 2
    return 2 if node.mood in _HEATED else 3


def lines_of(scenario: Scenario) -> list[Line]:
    """The turns of ``scenario`` as quick-fire lines, with its default names filled in."""
    you = scenario.you or "you"
    found = []
    for node_id, node in scenario.nodes.items():
        if node.is_ending or not node.client:
            continue
        found.append(
            Line(
                scenario.id,
                node_id,
                scenario.title,
                scenario.language,
                scenario.client,
                fill(node.client, scenario.client, you),
                node.mood,
                fill(node.tip, scenario.client, you) if node.tip else None,
                priority(scenario, node),
                node_id == scenario.start,
            )
        )
    return found


def all_lines(scenarios: Iterable[Scenario]) -> list[Line]:
    """Every scenario's lines, hardest first (then by scenario and node, for a stable order)."""
    lines = [line for scenario in scenarios for line in lines_of(scenario)]
    lines.sort(key=lambda line: (line.priority, line.scenario, line.node))
    return lines


def queue(lines: Sequence[Line], cards: Iterable[DrillCard], now: datetime) -> list[Line]:
    """The order to serve ``lines`` in (see the module's docstring); every line once."""
    cards = list(cards)
    by_key = {card.key: card for card in cards if card.is_line}
    due = sorted(
        (line for line in lines if line.key in by_key and by_key[line.key].is_due(now)),
        key=lambda line: (by_key[line.key].due_at, line.key),
    )
    stuck = {card.scenario for card in leeches(cards)}
    openers = [line for line in lines if line.opening and line.scenario in stuck]
    fresh = [line for line in lines if line.key not in by_key]
    later = sorted(
        (line for line in lines if line.key in by_key),
        key=lambda line: (by_key[line.key].due_at, line.key),
    )
    order: dict[str, Line] = {}
    for line in (*due, *openers, *fresh, *later):
        order.setdefault(line.key, line)
    return list(order.values())
