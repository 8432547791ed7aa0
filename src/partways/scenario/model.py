"""The scenario model: what a valid scenario file becomes once loaded.

Plain frozen dataclasses, no Textual and no YAML here. The vocabulary (moods,
endings, stances, tags...) is :mod:`partways.vocab`; ``scenarios/README.md``
describes the format. The names of the fields are the keys of a file
(:mod:`partways.scenario.schema`) and of the catalog cache
(:mod:`partways.scenario.codec` derives it from them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The vocabulary lives in partways.vocab. These re-exports keep the modules that
# still import it from here working; new code imports partways.vocab.
from partways.vocab import CONTENT_TAGS as CONTENT_TAGS
from partways.vocab import ENDINGS as ENDINGS
from partways.vocab import LANGUAGES as LANGUAGES
from partways.vocab import MOODS as MOODS
from partways.vocab import REACTIONS as REACTIONS
from partways.vocab import REASONS as REASONS
from partways.vocab import STANCES as STANCES
from partways.vocab import TAGS as TAGS

FORMAT_VERSION = 1

#: Keys a reply mapping may use.
REPLY_KEYS: tuple[str, ...] = (*STANCES, "default")

#: Names that may appear in braces inside text.
PLACEHOLDERS: tuple[str, ...] = ("client", "you")


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based position in a source file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Choice:
    """A line the user can pick on a turn."""

    say: str
    next: str
    coach: str
    tags: tuple[str, ...] = ()
    mark: Mark = Mark(0, 0)

    @property
    def stance(self) -> str | None:
        """The stance the author stated with a stance tag, if any (precedence applies)."""
        for stance in STANCES:
            if stance in self.tags:
                return stance
        return None


@dataclass(frozen=True, slots=True)
class Node:
    """A turn (the client speaks, the user answers) or an ending."""

    id: str
    client: str | None = None
    mood: str | None = None
    tip: str | None = None
    choices: tuple[Choice, ...] = ()
    reply: Mapping[str, str] = field(default_factory=dict)
    ending: str | None = None
    lesson: str | None = None
    mark: Mark = Mark(0, 0)

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    @property
    def accepts_reply(self) -> bool:
        """Whether the user may type their own words on this turn."""
        return bool(self.reply)

    def targets(self) -> tuple[str, ...]:
        """Every node id this node can lead to, choices first, in file order."""
        seen: dict[str, None] = {}
        for choice in self.choices:
            seen.setdefault(choice.next, None)
        for target in self.reply.values():
            seen.setdefault(target, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Scenario:
    """One rehearsal scenario, loaded from one file."""

    id: str
    title: str
    language: str
    reaction: str
    reason: str
    summary: str
    client: str
    start: str
    nodes: Mapping[str, Node]
    difficulty: int = 1
    you: str | None = None
    format: int = FORMAT_VERSION
    path: Path | None = None
    #: Where the ``id`` value is in the file (for errors across files).
    id_mark: Mark = Mark(0, 0)

    @property
    def endings(self) -> tuple[Node, ...]:
        return tuple(node for node in self.nodes.values() if node.is_ending)

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def matches(self, needle: str) -> bool:
        """Whether every word of ``needle`` occurs in the title, id, reaction, reason or
        language (case-insensitive); an empty needle matches everything."""
        from partways.scenario.cards import matches

        return matches(self, needle)
