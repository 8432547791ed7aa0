"""Editing an offboarding after it was made: new details, the checklist moved with them.

The last day is the talk plus the notice; every step's due date is computed
again from its rule (kept on the item, or the template's for an older record),
so a new talk date or notice moves the whole checklist. What the person did is
never lost: a step done or noted stays, with its mark and its note, even when
a new reason or the agency box no longer calls for it. A step the new details
call for is added, open.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from partways.checklist.dates import due, last_day, parse_rule
from partways.checklist.draft import Draft
from partways.checklist.model import (
    MAX_NOTICE,
    PHASES,
    Item,
    Offboarding,
    TemplateItem,
    clean_line,
    clean_notes,
)
from partways.vocab import LANGUAGES, REASONS


def draft_of(o: Offboarding) -> Draft:
    """The details of ``o`` as the dialog and ``checklist edit`` start from."""
    return Draft.of(o)


def moved(item: Item, rule_text: str, talk: date, end: date) -> Item:
    """``item`` due again by ``rule_text`` (kept where it was without a rule)."""
    rule = parse_rule(rule_text)
    if rule is None:
        return item
    return replace(item, due=due(rule, talk, end), rule=rule.describe())


def rescheduled(
    items: tuple[Item, ...],
    template: list[TemplateItem],
    *,
    reason: str,
    agency: bool,
    talk: date,
    notice_days: int,
) -> tuple[Item, ...]:
    """The checklist for new details: kept marks and notes, dates moved, steps added."""
    end = last_day(talk, notice_days)
    old = {item.id: item for item in items}
    known = {t.id: t for t in template}
    out: list[Item] = []
    for t in template:
        prev = old.get(t.id)
        if prev is None:
            if t.applies(reason, agency):
                when = due(t.rule, talk, end)
                out.append(
                    Item(t.id, t.phase, t.text, when, rule=t.rule.describe(), letter=bool(t.letter))
                )
            continue
        if t.applies(reason, agency) or prev.done or prev.note:
            kept = replace(prev, letter=bool(t.letter))  # as the template says now
            out.append(moved(kept, prev.rule or t.rule.describe(), talk, end))
    for item in items:
        if item.id not in known:
            out.append(moved(item, item.rule, talk, end))
    return tuple(sorted(out, key=lambda item: PHASES.index(item.phase)))


def edited(o: Offboarding, draft: Draft, template: list[TemplateItem]) -> Offboarding:
    """``o`` with the details of ``draft``; its checklist moved (see the module's doc)."""
    if draft.reason not in REASONS or draft.language not in LANGUAGES:
        raise ValueError("unknown reason or language")
    if not 0 <= draft.notice_days <= MAX_NOTICE:
        raise ValueError(f"notice must be 0 to {MAX_NOTICE} days")
    items = rescheduled(
        o.items,
        template,
        reason=draft.reason,
        agency=draft.agency,
        talk=draft.talk,
        notice_days=draft.notice_days,
    )
    return replace(
        o,
        client=clean_line(draft.client),
        reason=draft.reason,
        talk=draft.talk,
        notice_days=draft.notice_days,
        language=draft.language,
        agency=draft.agency,
        you=clean_line(draft.you),
        contact=clean_line(draft.contact),
        deliverables=tuple(d for d in map(clean_line, draft.deliverables) if d),
        notes=clean_notes(draft.notes),
        items=items,
    )
