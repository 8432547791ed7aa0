"""Playing a scenario through without a person: random walks and covering paths.

Like ChoiceScript's *randomtest* and *quicktest*, on a scenario that already
validated:

- :func:`random_walk` plays once from ``start``, taking at each turn one of its
  moves at random: a numbered line, or a typed reply of each stance (the branch
  ``reply`` gives that stance, else its ``default``, as the engine routes it).
  Walk ``k`` of a run seeded ``S`` is seeded ``S + k``, so any one walk is
  replayed with ``--walk 1 --seed S+k``.
- :func:`cover` builds paths, start to ending, that together take every move of
  every reachable turn at least once.

:mod:`partways.scenario.walk_report` judges what they show. Plain Python: no
YAML, no coach, no Textual.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from partways.scenario.model import Node, Scenario
from partways.vocab import STANCES

__all__ = [
    "Move",
    "Walk",
    "cover",
    "max_lines",
    "moves",
    "random_walk",
    "routes_from_start",
]


@dataclass(frozen=True, slots=True)
class Move:
    """One way to answer a turn: pick line ``pick`` (1-based), or type a reply of ``stance``."""

    node: str
    next: str
    pick: int | None = None
    stance: str | None = None

    @property
    def label(self) -> str:
        """``line 2`` or ``typed waffle``."""
        return f"line {self.pick}" if self.pick is not None else f"typed {self.stance}"

    def to_json(self) -> dict[str, str | int | None]:
        return {"node": self.node, "pick": self.pick, "stance": self.stance, "next": self.next}


def moves(node: Node) -> tuple[Move, ...]:
    """Every move of a turn: its lines in order, then a typed reply of each stance."""
    found = [Move(node.id, choice.next, pick=i) for i, choice in enumerate(node.choices, 1)]
    if node.reply:
        default = node.reply["default"]
        found.extend(
            Move(node.id, node.reply.get(stance, default), stance=stance) for stance in STANCES
        )
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Walk:
    """One playthrough: its moves from ``start`` and where it stopped."""

    start: str
    moves: tuple[Move, ...]
    #: The kind of ending reached; None when the walk was cut off at the limit.
    ending: str | None
    #: The seed that replays it (None for a :func:`cover` path).
    seed: int | None = None

    @property
    def end(self) -> str:
        """The node the walk stopped at."""
        return self.moves[-1].next if self.moves else self.start

    @property
    def nodes(self) -> tuple[str, ...]:
        """The node ids visited, ``start`` first."""
        return (self.start, *(move.next for move in self.moves))

    def to_json(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "ending": self.ending,
            "end": self.end,
            "lines": len(self.moves),
            "nodes": list(self.nodes),
            "moves": [move.to_json() for move in self.moves],
        }


def max_lines(scenario: Scenario) -> int:
    """How many lines a walk may take before it counts as stuck in a loop."""
    return max(200, 2 * len(scenario.nodes))


def random_walk(scenario: Scenario, seed: int, limit: int | None = None) -> Walk:
    """Play ``scenario`` once, each move drawn at random (seeded: the same seed, the same walk)."""
    rng = random.Random(seed)
    limit = max_lines(scenario) if limit is None else limit
    nodes = scenario.nodes
    node = nodes[scenario.start]
    taken: list[Move] = []
    while not node.is_ending and len(taken) < limit:
        move = rng.choice(moves(node))
        taken.append(move)
        node = nodes[move.next]
    return Walk(scenario.start, tuple(taken), node.ending, seed)


def routes_from_start(scenario: Scenario) -> dict[str, Move | None]:
    """For each node reachable from start, the move that first reaches it (BFS)."""
    parent: dict[str, Move | None] = {scenario.start: None}
    queue = deque([scenario.start])
    while queue:
        for move in moves(scenario.nodes[queue.popleft()]):
            if move.next not in parent:
                parent[move.next] = move
                queue.append(move.next)
    return parent


def _towards_endings(scenario: Scenario) -> dict[str, Move]:
    """For each turn that can reach an ending, the first move of a shortest way there."""
    back: dict[str, list[Move]] = {name: [] for name in scenario.nodes}
    for node in scenario.nodes.values():
        for move in moves(node):
            back[move.next].append(move)
    best: dict[str, Move] = {}
    done = {name for name, node in scenario.nodes.items() if node.is_ending}
    queue = deque(done)
    while queue:
        for move in back[queue.popleft()]:
            if move.node not in done:
                done.add(move.node)
                best[move.node] = move
                queue.append(move.node)
    return best


def cover(scenario: Scenario, limit: int | None = None) -> list[Walk]:
    """Paths from start to an ending that together take every move of every reachable
    turn at least once (moves that cannot reach an ending are left out)."""
    limit = max_lines(scenario) if limit is None else limit
    parent = routes_from_start(scenario)
    toward = _towards_endings(scenario)
    todo: dict[Move, None] = {
        move: None
        for name in parent
        for move in moves(scenario.nodes[name])
        if move.next in toward or scenario.nodes[move.next].is_ending
    }
    paths: list[Walk] = []
    while todo:
        first = next(iter(todo))
        route: list[Move] = []
        step = parent[first.node]
        while step is not None:
            route.append(step)
            step = parent[step.node]
        route.reverse()
        route.append(first)
        _finish(scenario, route, toward, todo, limit)
        for move in route:
            todo.pop(move, None)
        paths.append(Walk(scenario.start, tuple(route), scenario.nodes[route[-1].next].ending))
    return paths


def _finish(
    scenario: Scenario,
    route: list[Move],
    toward: Mapping[str, Move],
    todo: Mapping[Move, None],
    limit: int,
) -> None:
    """Extend ``route`` to an ending: by moves still to take, into nodes the route has
    not visited, while under ``limit``; else by the shortest way."""
    visited = {scenario.start, *(move.next for move in route)}
    here = scenario.nodes[route[-1].next]
    while not here.is_ending:
        fresh = None
        if len(route) < limit:
            fresh = next(
                (
                    m
                    for m in moves(here)
                    if m in todo
                    and m.next not in visited
                    and (m.next in toward or scenario.nodes[m.next].is_ending)
                ),
                None,
            )
        move = fresh or toward[here.id]
        route.append(move)
        visited.add(move.next)
        here = scenario.nodes[move.next]
