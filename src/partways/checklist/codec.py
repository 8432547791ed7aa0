"""Offboardings from JSON as read back from the store: every field typed, never fatal.

A record written by partways reads back as it was. One edited by hand or half
broken is tidied: a field of the wrong type takes its default, control
characters are removed; a record without a client, a reason partways knows, or
a talk date is skipped (None), since nothing useful can be shown for it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from partways.checklist.dates import parse_iso, parse_rule
from partways.checklist.model import (
    MAX_NOTICE,
    MAX_TEXT,
    PHASES,
    Item,
    Linked,
    Offboarding,
    clean_line,
)
from partways.text import strip_control
from partways.vocab import LANGUAGES, REASONS

#: At most this many items, deliverables or linked rehearsals are read from one record.
MAX_ENTRIES = 500


def _text(value: object, line: bool = True) -> str:
    if not isinstance(value, str):
        return ""
    return clean_line(value) if line else strip_control(value)[: MAX_TEXT * 10]


def _flag(value: object) -> bool:
    return value is True


def _date(value: object) -> date | None:
    return parse_iso(value) if isinstance(value, str) else None


def _list(value: object) -> list[Any]:
    return value[:MAX_ENTRIES] if isinstance(value, list) else []


def item_from_json(data: object) -> Item | None:
    if not isinstance(data, dict):
        return None
    due = _date(data.get("due"))
    phase = data.get("phase")
    text = _text(data.get("text"))
    if due is None or phase not in PHASES or not text:
        return None
    rule = parse_rule(_text(data.get("rule")))
    return Item(
        id=_text(data.get("id")) or text[:40],
        phase=str(phase),
        text=text,
        due=due,
        done=_flag(data.get("done")),
        note=_text(data.get("note"), line=False)[:MAX_TEXT],
        rule=rule.describe() if rule is not None else "",
        letter=_flag(data.get("letter")),
    )


def linked_from_json(data: object) -> Linked | None:
    if not isinstance(data, dict) or not _text(data.get("scenario")):
        return None
    fields = ("scenario", "title", "outcome", "started", "finished")
    return Linked(*(_text(data.get(name)) for name in fields))


def offboarding_from_json(data: object) -> Offboarding | None:
    """The offboarding ``data`` holds (tidied), or None when it is unusable."""
    if not isinstance(data, dict):
        return None
    client = _text(data.get("client"))
    reason = data.get("reason")
    talk = _date(data.get("talk"))
    notice = data.get("notice_days")
    if not client or reason not in REASONS or talk is None:
        return None
    if not isinstance(notice, int) or isinstance(notice, bool) or not 0 <= notice <= MAX_NOTICE:
        notice = 0
    language = data.get("language")
    items = (item_from_json(x) for x in _list(data.get("items")))
    linked = (linked_from_json(x) for x in _list(data.get("rehearsals")))
    return Offboarding(
        id=_text(data.get("id")) or f"{talk.isoformat()}-{client}",
        client=client,
        reason=str(reason),
        talk=talk,
        notice_days=notice,
        items=tuple(i for i in items if i is not None),
        contact=_text(data.get("contact")),
        language=str(language) if language in LANGUAGES else "en",
        agency=_flag(data.get("agency")),
        you=_text(data.get("you")),
        notes=_text(data.get("notes"), line=False),
        deliverables=tuple(d for d in map(_text, _list(data.get("deliverables"))) if d),
        archived=_flag(data.get("archived")),
        letter=_text(data.get("letter"), line=False),
        rehearsals=tuple(r for r in linked if r is not None),
        created=_text(data.get("created")),
    )
