"""The names a rehearsal puts in a scenario's ``{client}`` and ``{you}``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Names:
    """The names to put in ``{client}`` and ``{you}``."""

    client: str
    you: str
