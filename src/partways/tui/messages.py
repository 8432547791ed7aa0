"""Messages the app's workers post, as documented dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from partways.engine import Outcome


@dataclass
class OutcomeLogged(Message):
    """A rehearsal's outcome was written to the history.

    ``notice`` is set when the store had to set a corrupt database aside first.
    """

    outcome: Outcome
    notice: str | None = None


@dataclass
class OutcomeNotLogged(Message):
    """Writing an outcome to the history failed; ``error`` says why."""

    outcome: Outcome
    error: str
