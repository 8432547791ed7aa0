"""The scenario rules checked on a model already built, without YAML.

:mod:`partways.scenario.validate` checks a file's node tree and reports each
problem at its place; :func:`scenario_problems` checks a :class:`Scenario`
already built (one decoded from the catalog cache, say) against the same rules,
read from the same tables (:mod:`partways.scenario.schema`): ids, text and
names, enums and ranges, the shape of turns and endings, and the graph (the
walks of :mod:`partways.scenario.graph`). A scenario the validator built always
passes; one that does not pass must never be used. ``scenarios/README.md``
states the rules for authors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from partways.scenario.graph import reachable, reaching_endings
from partways.scenario.model import Node, Scenario
from partways.scenario.schema import (
    CHOICE_FIELDS,
    ENDING,
    ID_RE,
    MAX_CHOICES,
    NODE_FIELDS,
    REPLY_KEYS,
    SCENARIO_FIELDS,
    TURN,
    Field,
    Kind,
    text_faults,
)
from partways.text import is_blank
from partways.vocab import Ending

__all__ = ["scenario_problems"]

# A file cannot hold a lone surrogate (YAML refuses one); a cache can.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_REPLY_KEYS = frozenset(REPLY_KEYS)


class _Check:
    """Collects the problems of one scenario as short sentences."""

    def __init__(self, nodes: Mapping[str, Node]) -> None:
        self.nodes = nodes
        self.problems: list[str] = []
        #: Whether some text uses {you} (the scenario must then give 'you').
        self.uses_you = False

    def fail(self, message: str) -> None:
        self.problems.append(message)

    def fields(
        self, table: tuple[Field, ...], item: Any, what: str, kind: str | None = None
    ) -> None:
        """Check each field of ``item`` (a Scenario, a Node, a Choice) by its spec.

        An empty tuple or mapping counts as absent, as in a file. On a node of
        ``kind``, a field that belongs on the other kind must be absent.
        """
        for spec in table:
            value = getattr(item, spec.key)
            label = f"'{spec.key}' of {what}" if what else f"'{spec.key}'"
            if value is None or value == () or value == {}:
                if spec.required is True or (kind is not None and spec.required == kind):
                    self.fail(f"{label} is missing")
            elif kind is not None and spec.on is not None and spec.on != kind:
                self.fail(f"{label} does not belong on {'an' if kind == ENDING else 'a'} {kind}")
            else:
                self.value(spec, value, label, what)

    def value(self, spec: Field, value: Any, label: str, what: str) -> None:
        kind = spec.kind
        if kind is Kind.TEXT or kind is Kind.NAME:
            self.text(label, value, name=kind is Kind.NAME)
        elif kind is Kind.ID:
            if not ID_RE.fullmatch(value):
                self.fail(f"{label} is not lowercase words joined by '-'")
        elif kind is Kind.ENUM or kind is Kind.TAGS:
            values = (value,) if kind is Kind.ENUM else value
            if any(item not in spec.allowed_set for item in values):
                self.fail(f"{label} is not one of {', '.join(spec.allowed)}")
        elif kind is Kind.INT:
            if type(value) is not int or not spec.low <= value <= spec.high:
                self.fail(f"{label} is not from {spec.low} to {spec.high}")
        elif kind is Kind.REF:
            if value not in self.nodes:
                self.fail(f"{label} names no node")
        elif kind is Kind.NODES:
            for name, node in value.items():
                self.node(name, node)
        elif kind is Kind.CHOICES:
            if len(value) > MAX_CHOICES:
                self.fail(f"{label} holds more than {MAX_CHOICES} choices")
            for choice in value:
                self.fields(CHOICE_FIELDS, choice, f"a choice of {what}")
        else:  # Kind.REPLY
            self.reply(label, value)

    def text(self, what: str, value: str, name: bool = False) -> None:
        faults = text_faults(value, name)
        if faults.blank:
            self.fail(f"{what} is empty")
        if faults.control is not None or _SURROGATE.search(value):
            self.fail(f"{what} holds a control character or a lone surrogate")
        if faults.placeholder is not None:
            self.fail(f"{what} uses the placeholder {faults.placeholder!r}")
        if faults.uses_you:
            self.uses_you = True

    def node(self, name: str, node: Node) -> None:
        what = f"node {name!r}"
        if is_blank(name):
            self.fail("a node id is empty")
        if text_faults(name).control is not None or _SURROGATE.search(name):
            self.fail("a node id holds a control character or a lone surrogate")
        if node.id != name:
            self.fail(f"{what} carries the id {node.id!r}")
        kind = TURN if node.ending is None else ENDING
        self.fields(NODE_FIELDS, node, what, kind)
        if kind == TURN and not node.choices and not node.reply:
            self.fail(f"{what} is neither a turn nor an ending")

    def reply(self, label: str, reply: Mapping[str, str]) -> None:
        if "default" not in reply:
            self.fail(f"{label} has no 'default'")
        for stance, target in reply.items():
            if stance not in _REPLY_KEYS:
                self.fail(f"{label} has an unknown stance")
            if target not in self.nodes:
                self.fail(f"{label} leads to no node")


def scenario_problems(scenario: Scenario) -> list[str]:
    """What in ``scenario`` breaks the rules of one file (empty when it keeps them all).

    The uniqueness of ids across files is the catalog's to check.
    """
    nodes = scenario.nodes
    check = _Check(nodes)
    check.fields(SCENARIO_FIELDS, scenario, "")
    if check.uses_you and scenario.you is None:
        check.fail("text uses {you} but the scenario gives no 'you'")
    if scenario.start not in nodes:
        return check.problems
    edges = {name: node.targets() for name, node in nodes.items()}
    seen = reachable(scenario.start, edges)
    if len(seen) != len(nodes):
        check.fail("some node cannot be reached from 'start'")
    endings = [name for name, node in nodes.items() if node.ending is not None]
    if len(reaching_endings(edges, endings)) != len(nodes):
        check.fail("some node cannot reach an ending")
    if not any(nodes[name].ending == Ending.CLEAN_EXIT for name in seen):
        check.fail(f"no '{Ending.CLEAN_EXIT}' ending can be reached from 'start'")
    return check.problems
