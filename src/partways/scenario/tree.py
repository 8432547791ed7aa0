"""The conversation map: a scenario laid out as a tree, shared by ``partways map`` and
the app's map screen. Plain Python.

A scenario is a graph (lines can meet again, and loop); the map is its tree of
first visits. The root is ``start``; under a turn, one :class:`Item` per way to
answer it: each numbered line, then the typed replies, those leading to the same
node grouped (``typed waffle, cave``). A turn is drawn in full where it is first
met, breadth first, and wherever else it is met again as an ``again`` leaf; an
ending is drawn wherever it is reached. A path (node ids, such as a rehearsal's
turns and its ending) is laid out first, so its nodes are drawn in full along it,
and every step of it is marked ``on_path``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from partways.scenario.model import Node, Scenario
from partways.vocab import STANCES, Ending

__all__ = ["AGAIN", "ENDING", "TURN", "Item", "excerpt", "layout", "lines"]

TURN = "turn"
ENDING = "ending"
#: A turn drawn in full elsewhere in the map.
AGAIN = "again"

#: How a step of a path went on: the number of the line picked, or a typed stance.
Way = int | str | None

#: Quoted text is cut to this many characters in a label.
EXCERPT = 48


def excerpt(text: str, width: int = EXCERPT) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of the map: a way to answer a turn, and the node it leads to.

    The root has no way in (``pick`` None and ``stances`` empty): it is ``start``.
    """

    node: str
    kind: str
    #: The number of the line picked; or None for typed replies (``stances``).
    pick: int | None = None
    stances: tuple[str, ...] = ()
    #: The line's text (``say``), as written; empty for typed replies.
    say: str = ""
    #: The line's stance tag, when it has one.
    stance: str | None = None
    #: What the client says at ``node``, as written (None if nothing).
    client: str | None = None
    mood: str | None = None
    #: The kind of ending, when ``node`` is one.
    ending: str | None = None
    on_path: bool = False
    children: tuple[Item, ...] = field(default=())

    @property
    def way(self) -> str:
        """``1``, ``typed firm`` or ``typed waffle, cave``; empty for the root."""
        if self.pick is not None:
            return str(self.pick)
        return "typed " + ", ".join(self.stances) if self.stances else ""


def _ways(node: Node) -> list[tuple[int | None, tuple[str, ...], str, str | None, str]]:
    """(pick, stances, say, stance, target) for each way to answer ``node``."""
    ways: list[tuple[int | None, tuple[str, ...], str, str | None, str]] = [
        (i, (), choice.say, choice.stance, choice.next) for i, choice in enumerate(node.choices, 1)
    ]
    if node.reply:
        groups: dict[str, list[str]] = {}
        default = node.reply["default"]
        for stance in STANCES:
            groups.setdefault(node.reply.get(stance, default), []).append(stance)
        ways.extend((None, tuple(stances), "", None, target) for target, stances in groups.items())
    return ways


def _homes(
    scenario: Scenario, path: Sequence[str], taken: Sequence[Way]
) -> dict[str, tuple[str, int]]:
    """Where each turn is drawn in full: (parent node, index of the way) — along
    ``path`` first (by the way taken, if known), then breadth first from ``start``."""
    nodes = scenario.nodes
    homes: dict[str, tuple[str, int]] = {}
    placed = {scenario.start}
    for step, (here, there) in enumerate(pairwise(path)):
        if here not in placed or there not in nodes or there in placed:
            continue
        went = taken[step] if step < len(taken) else None
        ways = [(i, w) for i, w in enumerate(_ways(nodes[here])) if w[4] == there]
        chosen = [i for i, w in ways if went is not None and went in (w[0], *w[1])]
        if ways:
            homes[there] = (here, (chosen or [ways[0][0]])[0])
            placed.add(there)
    queue = deque([scenario.start])
    queued = {scenario.start}
    while queue:
        here = queue.popleft()
        for index, way in enumerate(_ways(nodes[here])):
            target = way[4]
            if target not in placed:
                placed.add(target)
                homes[target] = (here, index)
            if target not in queued:
                queued.add(target)
                queue.append(target)
    return homes


def layout(scenario: Scenario, path: Sequence[str] = (), taken: Sequence[Way] = ()) -> Item:
    """The map of ``scenario``, with ``path`` (node ids from ``start``) marked.

    ``taken`` says, step by step, how the path went on: the number of the line
    picked, or the stance of a typed reply (a history record's turns give both); a
    step without it marks every way from one node of the path to the next.
    """
    homes = _homes(scenario, path, taken)
    steps: set[tuple[str, str, Way]] = {
        (here, there, taken[i] if i < len(taken) else None)
        for i, (here, there) in enumerate(pairwise(path))
    }
    on_path = bool(path) and path[0] == scenario.start
    start = scenario.nodes[scenario.start]
    root = _item(start, start.id, TURN if not start.is_ending else ENDING, on_path)
    # Built bottom-up without recursion: a long chain must not exhaust the stack.
    order: list[str] = []  # the turns drawn in full, parents before their children
    stack = [scenario.start]
    while stack:
        here = stack.pop()
        for index, way in reversed(list(enumerate(_ways(scenario.nodes[here])))):
            if homes.get(way[4]) == (here, index) and not scenario.nodes[way[4]].is_ending:
                stack.append(way[4])
        order.append(here)
    built: dict[str, tuple[Item, ...]] = {}
    for here in reversed(order):
        built[here] = tuple(
            _way_item(scenario, here, index, way, homes, steps, built)
            for index, way in enumerate(_ways(scenario.nodes[here]))
        )
    return _with_children(root, built.get(scenario.start, ()))


def _item(node: Node, node_id: str, kind: str, on_path: bool) -> Item:
    return Item(
        node=node_id,
        kind=kind,
        client=node.client,
        mood=node.mood,
        ending=node.ending,
        on_path=on_path,
    )


def _way_item(
    scenario: Scenario,
    here: str,
    index: int,
    way: tuple[int | None, tuple[str, ...], str, str | None, str],
    homes: dict[str, tuple[str, int]],
    steps: set[tuple[str, str, Way]],
    built: dict[str, tuple[Item, ...]],
) -> Item:
    pick, stances, say, stance, target = way
    node = scenario.nodes[target]
    full = homes.get(target) == (here, index)
    kind = ENDING if node.is_ending else TURN if full else AGAIN
    marked = (here, target, None) in steps or any(
        (here, target, way) in steps for way in (pick, *stances) if way is not None
    )
    item = _item(node, target, kind, marked)
    children = built.get(target, ()) if kind == TURN else ()
    return Item(
        node=item.node,
        kind=item.kind,
        pick=pick,
        stances=stances,
        say=say,
        stance=stance,
        client=item.client,
        mood=item.mood,
        ending=item.ending,
        on_path=item.on_path,
        children=children,
    )


def _with_children(item: Item, children: tuple[Item, ...]) -> Item:
    return Item(
        node=item.node,
        kind=item.kind,
        client=item.client,
        mood=item.mood,
        ending=item.ending,
        on_path=item.on_path,
        children=children,
    )


#: How an ending is marked in a label.
ENDING_MARKS: dict[str, str] = {
    Ending.CLEAN_EXIT: "✓",
    Ending.CAVED: "✗",
    Ending.BURNED_BRIDGE: "✗",
    Ending.STALLED: "…",
}


def label(item: Item, width: int = EXCERPT) -> str:
    """One line for ``item``: how it is reached, then where it leads.

    ``1 firm “I've decided…” → pushback: “Wait, what?”``,
    ``typed waffle → ✗ caved 'gave-in'``, ``2 “Fine.” → 'open' (again)``.
    """
    way = item.way
    if item.say:
        stance = f" {item.stance}" if item.stance else ""
        way = f"{way}{stance} “{excerpt(item.say, width)}”"
    if item.kind == ENDING:
        mark = ENDING_MARKS.get(item.ending or "", "■")
        there = f"{mark} {item.ending} '{item.node}'"
    elif item.kind == AGAIN:
        there = f"'{item.node}' (again)"
    else:
        said = f": “{excerpt(item.client, width)}”" if item.client else ""
        there = f"'{item.node}'{said}"
    return f"{way} → {there}" if way else there


def lines(root: Item, width: int = EXCERPT) -> list[str]:
    """The map as plain text lines with tree guides; steps of the path start with ``▶``."""
    out = [("▶ " if root.on_path else "") + label(root, width)]
    stack: list[tuple[Item, str, bool]] = [
        (child, "", i == len(root.children) - 1)
        for i, child in reversed(list(enumerate(root.children)))
    ]
    while stack:
        item, prefix, last = stack.pop()
        mark = "▶ " if item.on_path else ""
        out.append(f"{prefix}{'└── ' if last else '├── '}{mark}{label(item, width)}")
        inner = prefix + ("    " if last else "│   ")
        count = len(item.children)
        stack.extend(
            (child, inner, i == count - 1) for i, child in reversed(list(enumerate(item.children)))
        )
    return out
