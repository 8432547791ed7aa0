"""What the checklist screens may read and watch: the offboardings and "today".

:class:`~partways.tui.flows.checklist.ChecklistFlow` (a part of the app) sets it;
the screens read it through ``getters.app(ChecklistState)`` and watch
``offboardings``. Like :mod:`partways.tui.state`, nothing here calls anything.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.reactive import var

from partways.tui.state import PartwaysState
from partways.tui.widgets.literal import literal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from partways.checklist.model import Offboarding


class ChecklistState(PartwaysState):
    """The offboardings, as last read or changed; "today", fixed when the app starts."""

    #: Every offboarding (open first); empty until the worker has read them.
    offboardings: var[tuple[Offboarding, ...]] = var(tuple)
    #: The date every due date is compared with (``partways.checklist.today()``).
    today: date = date.min

    def offboarding(self, offboarding_id: str) -> Offboarding | None:
        return next((o for o in self.offboardings if o.id == offboarding_id), None)


def due_summary(offboardings: tuple[Offboarding, ...], today: date) -> Content:
    """One line for the home screen: what is overdue, and what is due next."""
    open_ = [o for o in offboardings if not o.archived]
    if not open_:
        return literal("Offboardings: none open · o to start one", "dim")
    late = sum(len(o.overdue(today)) for o in open_)
    coming = [(item, o) for o in open_ if (item := o.due_next(today)) is not None]
    parts = [literal(f"Offboardings: {len(open_)} open", "bold")]
    if late:
        parts.append(literal(f"{late} overdue", "bold $text-error"))
    if coming:
        item, o = min(coming, key=lambda pair: pair[0].due)
        when = "today" if item.due == today else item.due.isoformat()
        parts.append(literal(f"next {when}: ") + literal(f"{o.client} — {item.text}"))
    parts.append(literal("o to open", "dim"))
    return Content(" · ").join(parts)
