"""What a person types to start an offboarding, checked: one message per problem.

The app's dialog and the command line read the same fields the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from partways.checklist.dates import parse_iso
from partways.checklist.model import (
    MAX_NOTICE,
    Offboarding,
    TemplateItem,
    clean_line,
    clean_notes,
    new_offboarding,
)
from partways.text import is_blank
from partways.vocab import LANGUAGES, REASONS


@dataclass(frozen=True, slots=True)
class Draft:
    """A new offboarding's details, checked."""

    client: str
    reason: str
    talk: date
    notice_days: int
    language: str = "en"
    agency: bool = False
    you: str = ""
    contact: str = ""
    deliverables: tuple[str, ...] = ()
    #: Free notes, for the person only (never in the letter).
    notes: str = ""

    def build(self, template: list[TemplateItem], *, id: str, created: str) -> Offboarding:
        """The offboarding this draft describes, its checklist from ``template``."""
        return new_offboarding(template, id=id, created=created, **self.details())

    def details(self) -> dict[str, Any]:
        """The draft's fields by name: an offboarding's details of the same names."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def of(cls, offboarding: Offboarding) -> Draft:
        """The details of ``offboarding``, as the dialog and ``checklist edit`` start from."""
        return cls(**{f.name: getattr(offboarding, f.name) for f in fields(cls)})


def check_notice(text: str) -> int | None:
    """Days of notice from ``text`` (0 to :data:`MAX_NOTICE`), or None."""
    raw = text.strip()
    if not raw.isdigit() or len(raw) > 4:
        return None
    days = int(raw)
    return days if days <= MAX_NOTICE else None


def read_draft(fields: dict[str, str], agency: bool = False) -> tuple[Draft | None, str, str]:
    """A draft from the typed ``fields``, or (None, the field at fault, why)."""
    client = clean_line(fields.get("client", ""))
    if is_blank(client):
        return None, "client", "Give the client's name."
    talk = parse_iso(fields.get("talk", ""))
    if talk is None:
        return None, "talk", "Give the conversation's date as YYYY-MM-DD, e.g. 2026-03-02."
    notice = check_notice(fields.get("notice", ""))
    if notice is None:
        return None, "notice", f"Give the notice in days, 0 to {MAX_NOTICE} (30 is common)."
    reason = fields.get("reason", "other")
    language = fields.get("language", "en")
    if reason not in REASONS or language not in LANGUAGES:
        return None, "reason", "Pick a reason and a language from the lists."
    deliverables = tuple(d for d in map(clean_line, fields.get("deliver", "").split(";")) if d)
    return (
        Draft(
            client=client,
            reason=reason,
            talk=talk,
            notice_days=notice,
            language=language,
            agency=agency,
            you=clean_line(fields.get("you", "")),
            contact=clean_line(fields.get("contact", "")),
            deliverables=deliverables,
            notes=clean_notes(fields.get("notes", "")),
        ),
        "",
        "",
    )
