"""Edits with any dates and notices never break the checklist's due-date invariants."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways.checklist.dates import Anchor, due, parse_rule
from partways.checklist.edit import draft_of, edited
from partways.checklist.model import MAX_NOTICE, PHASES, Offboarding, new_offboarding
from partways.checklist.template import template
from partways.vocab import REASONS

pytestmark = pytest.mark.slow

ITEMS = template(None)[0]
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
NOTICES = st.integers(min_value=0, max_value=MAX_NOTICE)
EDITS = st.tuples(DATES, NOTICES, st.sampled_from(REASONS), st.booleans())


def check(o: Offboarding) -> None:
    """Every due date is its rule's, on the right side of its anchor, on a working day."""
    assert o.last_day == o.talk + timedelta(days=o.notice_days)
    ids = [i.id for i in o.items]
    assert len(ids) == len(set(ids))
    assert [PHASES.index(i.phase) for i in o.items] == sorted(
        PHASES.index(i.phase) for i in o.items
    )
    for item in o.items:
        rule = parse_rule(item.rule)
        assert rule is not None
        assert item.due == due(rule, o.talk, o.last_day)
        anchor = o.talk if rule.anchor is Anchor.TALK else o.last_day
        if rule.days < 0:
            assert item.due <= anchor + timedelta(days=rule.days) and item.due.weekday() < 5
        elif rule.days > 0:
            assert item.due >= anchor + timedelta(days=rule.days) and item.due.weekday() < 5
        else:
            assert item.due == anchor


@settings(max_examples=150, deadline=None)
@given(
    start=EDITS,
    edits=st.lists(EDITS, min_size=1, max_size=4),
    marks=st.sets(st.integers(min_value=0, max_value=30), max_size=8),
)
def test_any_sequence_of_edits_keeps_marks_notes_and_the_schedule(
    start: tuple[date, int, str, bool],
    edits: list[tuple[date, int, str, bool]],
    marks: set[int],
) -> None:
    talk, notice, reason, agency = start
    o = new_offboarding(
        ITEMS,
        id="x",
        client="Dana",
        reason=reason,
        talk=talk,
        notice_days=notice,
        created="",
        agency=agency,
    )
    for n in sorted(marks):
        if n < len(o.items):
            item = o.items[n]
            o = o.toggled(item.id) if n % 2 else o.noted(item.id, f"note {n}")
    kept = {i.id: (i.done, i.note) for i in o.items if i.done or i.note}
    check(o)
    for talk, notice, reason, agency in edits:
        draft = replace(draft_of(o), talk=talk, notice_days=notice, reason=reason, agency=agency)
        o = edited(o, draft, ITEMS)
        check(o)
        assert (o.talk, o.notice_days, o.reason, o.agency) == (talk, notice, reason, agency)
        marked = {i.id: (i.done, i.note) for i in o.items if i.id in kept}
        assert marked == kept
        wanted = {t.id for t in ITEMS if t.applies(reason, agency)}
        assert wanted <= {i.id for i in o.items} <= wanted | set(kept)
    # Back to where it started: the same dates as a fresh one.
    first = new_offboarding(
        ITEMS,
        id="x",
        client="Dana",
        reason=start[2],
        talk=start[0],
        notice_days=start[1],
        created="",
        agency=start[3],
    )
    back = edited(
        o,
        replace(draft_of(o), talk=start[0], notice_days=start[1], reason=start[2], agency=start[3]),
        ITEMS,
    )
    fresh = {i.id: i.due for i in first.items}
    assert {i.id: i.due for i in back.items if i.id in fresh} == fresh
