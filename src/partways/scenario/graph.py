"""The scenario graph: the walks, and the checks of a file's graph, in linear time.

Every reference names a node, every node can be reached from the start and can
reach an ending, and a 'clean-exit' ending can be reached. The walks
(:func:`reachable`, :func:`reaching_endings`) are shared: :class:`Graph` runs
them on a file as it is validated, :mod:`partways.scenario.rules` on a built
model. Nothing here imports YAML (node types are only named for the checker).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from partways.scenario.diagnostics import Code, shown, suggest
from partways.vocab import Ending

if TYPE_CHECKING:
    from yaml.nodes import Node

    from partways.scenario.yaml_nodes import NodeChecker

#: did-you-mean against node ids is not free on huge files: stop offering after this many.
MAX_NODE_SUGGESTIONS = 20


def reachable(start: str, edges: Mapping[str, Iterable[str]]) -> set[str]:
    """The nodes reachable from ``start`` (itself included) along ``edges``.

    Targets that are not keys of ``edges`` are skipped (they are reported apart).
    """
    if start not in edges:
        return set()
    seen = {start}
    queue = deque([start])
    while queue:
        for target in edges[queue.popleft()]:
            if target not in seen and target in edges:
                seen.add(target)
                queue.append(target)
    return seen


def reaching_endings(edges: Mapping[str, Iterable[str]], endings: Iterable[str]) -> set[str]:
    """The nodes of ``edges`` that can reach one of ``endings`` (the endings included)."""
    back: dict[str, list[str]] = {name: [] for name in edges}
    for name, targets in edges.items():
        for target in targets:
            if target in back:
                back[target].append(name)
    done = {name for name in endings if name in back}
    queue = deque(done)
    while queue:
        for prev in back[queue.popleft()]:
            if prev not in done:
                done.add(prev)
                queue.append(prev)
    return done


class Graph:
    """Node ids, edges and references of one file, checked once the walk is done."""

    def __init__(self) -> None:
        self.keys: dict[str, Node] = {}
        self.edges: dict[str, list[str]] = {}
        #: node id -> its ending (None when the value was bad, reported already).
        self.endings: dict[str, str | None] = {}
        #: Nodes too broken to judge whether they reach an ending.
        self.broken: set[str] = set()
        #: (what refers, the id named, where) for every 'start', 'next' and reply target.
        self.refs: list[tuple[str, str, Node]] = []
        #: False when 'nodes' is missing or not a mapping: nothing to check then.
        self.usable = False

    def add(self, name: str, key: Node) -> None:
        self.keys[name] = key
        self.edges[name] = []

    def link(self, source: str, what: str, target: str, where: Node) -> None:
        """Record that ``what`` ('next', 'reply') of node ``source`` leads to ``target``."""
        self.edges[source].append(target)
        self.refs.append((what, target, where))

    def check(self, doc: NodeChecker, start: str | None, start_node: Node | None) -> None:
        """Report every broken reference, unreachable node and dead end to ``doc``."""
        if not self.usable:
            return
        self._check_refs(doc)
        if not self.keys:
            return
        if start is not None and start in self.keys:
            # ``start`` was read from ``start_node``: it is set whenever ``start`` is.
            assert start_node is not None
            self._check_forward(doc, start, start_node)
        done = reaching_endings(self.edges, self.endings)
        for name, key in self.keys.items():
            if name not in done and name not in self.broken:
                doc.error(key, Code.DEAD_END, f"node '{shown(name)}' cannot reach an ending")

    def _check_refs(self, doc: NodeChecker) -> None:
        keys = self.keys
        suggestions = 0
        for what, target, node in self.refs:
            if target in keys:
                continue
            hint = ""
            if suggestions < MAX_NODE_SUGGESTIONS:
                suggestions += 1
                hint = suggest(target, keys)
            doc.error(node, Code.NO_SUCH_NODE, f"'{what}' names no node '{shown(target)}'{hint}")

    def _check_forward(self, doc: NodeChecker, start: str, start_node: Node) -> None:
        seen = reachable(start, self.edges)
        for name, key in self.keys.items():
            if name not in seen:
                doc.error(
                    key,
                    Code.UNREACHABLE,
                    f"node '{shown(name)}' cannot be reached from '{shown(start)}'",
                )
        reached = [self.endings[name] for name in seen if name in self.endings]
        # An ending with a bad value was reported already: do not guess what it meant.
        if None not in reached and Ending.CLEAN_EXIT not in reached:
            doc.error(
                start_node,
                Code.NO_CLEAN_EXIT,
                f"no '{Ending.CLEAN_EXIT}' ending can be reached from '{shown(start)}'",
            )
