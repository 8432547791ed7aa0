"""Offboardings and their checklists: frozen records, their JSON, and what is due.

Plain Python: no Textual, no storage. "Today" is always a parameter; only the
command line and the app read the clock (see :func:`partways.checklist.today`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from partways.checklist.dates import Rule, due, last_day
from partways.text import strip_control
from partways.vocab import LANGUAGES, REASONS


class Phase(StrEnum):
    """The three phases of an offboarding, in order."""

    BEFORE = "before"
    CONVERSATION = "conversation"
    AFTER = "after"


PHASES: tuple[str, ...] = tuple(Phase)
PHASE_TITLES: dict[str, str] = {
    Phase.BEFORE: "Before the conversation",
    Phase.CONVERSATION: "The conversation",
    Phase.AFTER: "After",
}

#: The longest notice accepted, in days (two years).
MAX_NOTICE = 730
#: The longest client name, note or free text kept, in characters.
MAX_TEXT = 2_000


@dataclass(frozen=True, slots=True)
class TemplateItem:
    """One step of the template: what to do, in which phase, due when, for whom."""

    id: str
    phase: str
    text: str
    rule: Rule
    #: Only for agencies (an offboarding marked ``agency``).
    agency: bool = False
    #: Only for these reasons (empty: every reason).
    when: tuple[str, ...] = ()
    #: Listed in the letter while open. None: not said, and ``template()`` decides
    #: (a user's own new step of the "after" phase is listed, others are not).
    letter: bool | None = None

    def applies(self, reason: str, agency: bool) -> bool:
        return (agency or not self.agency) and (not self.when or reason in self.when)


@dataclass(frozen=True, slots=True)
class Item:
    """One step of one offboarding, with its due date computed when it was made."""

    id: str
    phase: str
    text: str
    due: date
    done: bool = False
    note: str = ""
    #: The rule ``due`` came from, in words (``Rule.describe``; "" for old records).
    rule: str = ""
    #: Listed in the letter while open (see :attr:`TemplateItem.letter`).
    letter: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "phase": self.phase,
            "text": self.text,
            "due": self.due.isoformat(),
            "done": self.done,
            "note": self.note,
            "rule": self.rule,
            "letter": self.letter,
        }


@dataclass(frozen=True, slots=True)
class Linked:
    """A rehearsal started from an offboarding ("rehearse this one")."""

    scenario: str
    title: str
    outcome: str
    started: str
    finished: str

    def to_json(self) -> dict[str, str]:
        return {
            "scenario": self.scenario,
            "title": self.title,
            "outcome": self.outcome,
            "started": self.started,
            "finished": self.finished,
        }


@dataclass(frozen=True, slots=True)
class Offboarding:
    """Letting one client go: who, why, when, and the checklist."""

    id: str
    client: str
    reason: str
    talk: date
    notice_days: int
    items: tuple[Item, ...] = ()
    contact: str = ""
    language: str = "en"
    agency: bool = False
    you: str = ""
    notes: str = ""
    #: What is still to deliver before the last day, one per entry.
    deliverables: tuple[str, ...] = ()
    archived: bool = False
    #: The letter as last edited in the coach pad ("" until then: it is generated).
    letter: str = ""
    rehearsals: tuple[Linked, ...] = field(default=())
    created: str = ""

    @property
    def last_day(self) -> date:
        return last_day(self.talk, self.notice_days)

    # -- changes: each returns a new record ------------------------------------

    def toggled(self, item_id: str) -> Offboarding:
        return self._item(item_id, lambda item: replace(item, done=not item.done))

    def noted(self, item_id: str, note: str) -> Offboarding:
        clean = strip_control(note).strip()[:MAX_TEXT]
        return self._item(item_id, lambda item: replace(item, note=clean))

    def marked_done(self, item_id: str) -> Offboarding:
        return self._item(item_id, lambda item: replace(item, done=True))

    def _item(self, item_id: str, change: Any) -> Offboarding:
        items = tuple(change(i) if i.id == item_id else i for i in self.items)
        return replace(self, items=items)

    def linked(self, rehearsal: Linked) -> Offboarding:
        return replace(self, rehearsals=(*self.rehearsals, rehearsal))

    # -- what is due -----------------------------------------------------------

    def open_items(self) -> list[Item]:
        return [item for item in self.items if not item.done]

    def overdue(self, today: date) -> list[Item]:
        """Items not done whose day has passed, oldest first."""
        return sorted((i for i in self.open_items() if i.due < today), key=lambda i: i.due)

    def due_next(self, today: date) -> Item | None:
        """The first item not done that is due today or later."""
        coming = [i for i in self.open_items() if i.due >= today]
        return min(coming, key=lambda i: (i.due, PHASES.index(i.phase))) if coming else None

    def progress(self) -> dict[str, tuple[int, int]]:
        """(done, total) per phase."""
        counts = {phase: (0, 0) for phase in PHASES}
        for item in self.items:
            done, total = counts.get(item.phase, (0, 0))
            counts[item.phase] = (done + item.done, total + 1)
        return counts

    # -- JSON ------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The record as stored and as ``checklist list --json`` prints it."""
        return {
            "id": self.id,
            "client": self.client,
            "contact": self.contact,
            "reason": self.reason,
            "language": self.language,
            "agency": self.agency,
            "you": self.you,
            "talk": self.talk.isoformat(),
            "notice_days": self.notice_days,
            "last_day": self.last_day.isoformat(),
            "notes": self.notes,
            "deliverables": list(self.deliverables),
            "archived": self.archived,
            "letter": self.letter,
            "created": self.created,
            "items": [item.to_json() for item in self.items],
            "rehearsals": [r.to_json() for r in self.rehearsals],
        }


def new_offboarding(
    template: list[TemplateItem],
    *,
    id: str,
    client: str,
    reason: str,
    talk: date,
    notice_days: int,
    created: str,
    **details: Any,
) -> Offboarding:
    """An offboarding with its checklist computed from ``template``.

    ``details`` are the optional fields of :class:`Offboarding` (``contact``,
    ``language``, ``agency``, ``you``, ``notes``, ``deliverables``).
    """
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    if not 0 <= notice_days <= MAX_NOTICE:
        raise ValueError(f"notice must be 0 to {MAX_NOTICE} days")
    language = details.get("language", "en")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    end = last_day(talk, notice_days)
    agency = bool(details.get("agency", False))
    items = tuple(
        Item(
            t.id,
            t.phase,
            t.text,
            due(t.rule, talk, end),
            rule=t.rule.describe(),
            letter=bool(t.letter),
        )
        for t in template
        if t.applies(reason, agency)
    )
    return Offboarding(
        id=id,
        client=clean_line(client),
        reason=reason,
        talk=talk,
        notice_days=notice_days,
        items=items,
        created=created,
        **details,
    )


def clean_line(text: str) -> str:
    """One line of a person's text: control characters and line breaks removed."""
    return " ".join(strip_control(text).split())[:MAX_TEXT]


def clean_notes(text: str) -> str:
    """Free notes: control characters removed (line breaks kept), trimmed, at most MAX_TEXT."""
    return strip_control(text).strip()[:MAX_TEXT]
