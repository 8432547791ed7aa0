"""The scenario rules that can be checked on the model, without YAML.

:mod:`partways.scenario.validate` checks a file's node tree and reports each
problem at its place; :func:`scenario_problems` checks a :class:`Scenario`
already built (one decoded from the catalog cache, say) against the same
rules: ids, text and names, enums and ranges, the shape of turns and endings,
and the graph (rule 3 and 4 of the format). A scenario the validator built
always passes; one that does not pass must never be used.

The graph walks (:func:`reachable`, :func:`reaching_endings`) are the ones
:mod:`partways.scenario.graph` runs on a file. Nothing here imports YAML.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping

from partways.scenario import model
from partways.scenario.model import Node, Scenario
from partways.text import has_control, is_blank

__all__ = [
    "ID_RE",
    "MAX_CHOICES",
    "PLACEHOLDER_RE",
    "reachable",
    "reaching_endings",
    "scenario_problems",
]

#: A scenario id: lowercase letters and digits, words joined by '-'.
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: ``{...}`` in text: only the names in :data:`model.PLACEHOLDERS` may appear.
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
#: A turn offers at most this many choices (the digit keys 1-9).
MAX_CHOICES = 9

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TAGS = frozenset(model.TAGS)
_REPLY_KEYS = frozenset(model.REPLY_KEYS)


# --- the graph -----------------------------------------------------------------


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


# --- the model -------------------------------------------------------------------


class _Check:
    """Collects the problems of one scenario as short sentences."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        #: Whether some text uses {you} (the scenario must then give 'you').
        self.uses_you = False

    def fail(self, message: str) -> None:
        self.problems.append(message)

    def clean(self, what: str, value: str) -> bool:
        """No control character (other than newline and tab) and no lone surrogate."""
        if has_control(value) or _SURROGATE.search(value):
            self.fail(f"{what} holds a control character or a lone surrogate")
            return False
        return True

    def text(self, what: str, value: str | None, name: bool = False) -> None:
        """The rules of a text value (a name may use no placeholder at all)."""
        if value is None:
            self.fail(f"{what} is missing")
            return
        if is_blank(value):
            self.fail(f"{what} is empty")
        self.clean(what, value)
        for match in PLACEHOLDER_RE.finditer(value):
            inner = match.group(1)
            if name or inner not in model.PLACEHOLDERS:
                self.fail(f"{what} uses the placeholder {match.group()!r}")
            elif inner == "you":
                self.uses_you = True

    def optional_text(self, what: str, value: str | None) -> None:
        if value is not None:
            self.text(what, value)

    def enum(self, what: str, value: str | None, options: tuple[str, ...]) -> None:
        if value not in options:
            self.fail(f"{what} is not one of {', '.join(options)}")

    def node(self, name: str, node: Node, names: Mapping[str, Node]) -> None:
        what = f"node {name!r}"
        if node.id != name:
            self.fail(f"{what} carries the id {node.id!r}")
        if node.mood is not None:
            self.enum(f"the mood of {what}", node.mood, model.MOODS)
        self.optional_text(f"the tip of {what}", node.tip)
        if node.ending is not None:
            self.enum(f"the ending of {what}", node.ending, model.ENDINGS)
            self.optional_text(f"the client line of {what}", node.client)
            self.optional_text(f"the lesson of {what}", node.lesson)
            if node.choices or node.reply:
                self.fail(f"{what} is an ending with choices or a reply")
            return
        self.text(f"the client line of {what}", node.client)
        if node.lesson is not None:
            self.fail(f"{what} is a turn with a lesson")
        if not node.choices and not node.reply:
            self.fail(f"{what} is neither a turn nor an ending")
        if len(node.choices) > MAX_CHOICES:
            self.fail(f"{what} has more than {MAX_CHOICES} choices")
        for choice in node.choices:
            self.text(f"a choice of {what}", choice.say)
            self.text(f"a coach note of {what}", choice.coach)
            if choice.next not in names:
                self.fail(f"a choice of {what} leads to no node")
            if any(tag not in _TAGS for tag in choice.tags):
                self.fail(f"a choice of {what} has an unknown tag")
        if node.reply:
            if "default" not in node.reply:
                self.fail(f"the reply of {what} has no 'default'")
            for stance, target in node.reply.items():
                if stance not in _REPLY_KEYS:
                    self.fail(f"the reply of {what} has an unknown stance")
                if target not in names:
                    self.fail(f"the reply of {what} leads to no node")


def scenario_problems(scenario: Scenario) -> list[str]:
    """What in ``scenario`` breaks the format's rules (empty when it keeps them all).

    The rules of one file (rules 2 to 4 of the format); the uniqueness of ids
    across files is the catalog's to check.
    """
    check = _Check()
    if scenario.format != model.FORMAT_VERSION:
        check.fail(f"format {scenario.format} is not {model.FORMAT_VERSION}")
    if not ID_RE.fullmatch(scenario.id):
        check.fail("the id is not lowercase words joined by '-'")
    check.text("the title", scenario.title)
    check.text("the summary", scenario.summary)
    check.text("the client's name", scenario.client, name=True)
    if scenario.you is not None:
        check.text("your name", scenario.you, name=True)
    check.enum("the language", scenario.language, model.LANGUAGES)
    check.enum("the reaction", scenario.reaction, model.REACTIONS)
    check.enum("the reason", scenario.reason, model.REASONS)
    if type(scenario.difficulty) is not int or not 1 <= scenario.difficulty <= 3:
        check.fail("the difficulty is not 1, 2 or 3")
    nodes = scenario.nodes
    for name, node in nodes.items():
        if is_blank(name):
            check.fail("a node id is empty")
        check.clean("a node id", name)
        check.node(name, node, nodes)
    if check.uses_you and scenario.you is None:
        check.fail("text uses {you} but the scenario gives no 'you'")
    if scenario.start not in nodes:
        check.fail("'start' names no node")
        return check.problems
    edges = {name: node.targets() for name, node in nodes.items()}
    seen = reachable(scenario.start, edges)
    if len(seen) != len(nodes):
        check.fail("some node cannot be reached from 'start'")
    endings = [name for name, node in nodes.items() if node.ending is not None]
    if len(reaching_endings(edges, endings)) != len(nodes):
        check.fail("some node cannot reach an ending")
    if not any(nodes[name].ending == "clean-exit" for name in seen):
        check.fail("no 'clean-exit' ending can be reached from 'start'")
    return check.problems
