"""The checklist screens' messages: what the user did, and what the workers read or wrote.

Declared here, like :mod:`partways.tui.messages`, and handled by
:class:`~partways.tui.flows.checklist.ChecklistFlow`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from partways.checklist.model import Offboarding

# -- from the screens ----------------------------------------------------------


@dataclass
class ChecklistsAsked(Message):
    """Open the list of offboardings."""


@dataclass
class NewOffboardingAsked(Message):
    """Start a new offboarding (the app asks for its details)."""


@dataclass
class OffboardingOpened(Message):
    """Show the checklist of the offboarding ``offboarding_id``."""

    offboarding_id: str


@dataclass
class OffboardingChanged(Message):
    """The user changed an offboarding (ticked an item, wrote a note, archived it)."""

    offboarding: Offboarding


@dataclass
class LetterAsked(Message):
    """Open the letter of ``offboarding_id`` in the coach pad."""

    offboarding_id: str


@dataclass
class LetterEdited(Message):
    """The letter of ``offboarding_id`` as the user left it (``""``: back to generated)."""

    offboarding_id: str
    text: str


@dataclass
class ExportAsked(Message):
    """Write the checklist and the letter of ``offboarding_id`` to a Markdown file."""

    offboarding_id: str


@dataclass
class EditOffboardingAsked(Message):
    """Change the details of ``offboarding_id`` (the app asks for them, filled in)."""

    offboarding_id: str


@dataclass
class RehearseAsked(Message):
    """Rehearse the conversation with this offboarding's client."""

    offboarding_id: str


# -- from the workers ----------------------------------------------------------


@dataclass
class OffboardingsRead(Message):
    """The offboardings were read (None and ``error`` when they could not be)."""

    offboardings: list[Offboarding] | None
    notice: str | None = None
    error: str | None = None


@dataclass
class OffboardingSaved(Message):
    """An offboarding was written (``error`` says why not); ``opened``: show it."""

    offboarding: Offboarding
    notice: str | None = None
    error: str | None = None
    opened: bool = False


@dataclass
class Exported(Message):
    """The Markdown export was written to ``path`` (``error`` says why not)."""

    path: str
    error: str | None = None
