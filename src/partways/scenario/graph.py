"""The scenario graph checks, in linear time.

Every reference names a node, every node can be reached from the start and can
reach an ending, and a 'clean-exit' ending can be reached. The walks themselves
live in :mod:`partways.scenario.rules`, which checks a built model the same way.
"""

from __future__ import annotations

from yaml.nodes import Node

from partways.scenario.diagnostics import shown
from partways.scenario.rules import reachable, reaching_endings
from partways.scenario.yaml_nodes import NodeChecker, suggest

#: did-you-mean against node ids is not free on huge files: stop offering after this many.
_MAX_NODE_SUGGESTIONS = 20


class Graph:
    """Node ids, edges and references, checked in linear time once the walk is done."""

    def __init__(self) -> None:
        self.keys: dict[str, Node] = {}
        self.edges: dict[str, list[str]] = {}
        self.endings: dict[str, str | None] = {}
        self.broken: set[str] = set()
        self.refs: list[tuple[str, str, Node]] = []
        #: False when 'nodes' is missing or not a mapping: nothing to check then.
        self.usable = False

    def add(self, name: str, key: Node) -> None:
        self.keys[name] = key
        self.edges[name] = []

    def check(self, doc: NodeChecker, start: str | None, start_node: Node | None) -> None:
        if not self.usable:
            return
        keys = self.keys
        suggestions = 0
        for what, target, node in self.refs:
            if target in keys:
                continue
            hint = ""
            if suggestions < _MAX_NODE_SUGGESTIONS:
                suggestions += 1
                hint = suggest(target, keys)
            doc.error(node, "PW301", f"'{what}' names no node '{shown(target)}'{hint}")
        if not keys:
            return
        edges = self.edges
        # Forward: reachable from start.
        if start is not None and start in keys:
            seen = reachable(start, edges)
            for name, key in keys.items():
                if name not in seen:
                    doc.error(
                        key,
                        "PW302",
                        f"node '{shown(name)}' cannot be reached from '{shown(start)}'",
                    )
            reached = [self.endings[name] for name in seen if name in self.endings]
            # An ending with a bad value was reported already: do not guess what it meant.
            if None not in reached and "clean-exit" not in reached:
                # ``start`` was read from ``start_node``: it is set whenever ``start`` is.
                assert start_node is not None
                doc.error(
                    start_node,
                    "PW304",
                    f"no 'clean-exit' ending can be reached from '{shown(start)}'",
                )
        # Backward: can reach an ending.
        done = reaching_endings(edges, self.endings)
        for name, key in keys.items():
            if name not in done and name not in self.broken:
                doc.error(key, "PW303", f"node '{shown(name)}' cannot reach an ending")
