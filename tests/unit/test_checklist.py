"""The checklist's domain: due dates and weekends, the template and its diagnostics,
offboardings, their JSON, and the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from partways.checklist.codec import offboarding_from_json
from partways.checklist.dates import Anchor, Rule, due, last_day, long_date, parse_rule
from partways.checklist.draft import read_draft
from partways.checklist.model import Offboarding, new_offboarding
from partways.checklist.template import USER_TEMPLATE, load_text, template
from partways.store.checklists import ChecklistStore

# 2026-03-02 is a Monday.
MONDAY = date(2026, 3, 2)


def make(reason: str = "nonpayment", agency: bool = False, **details: object) -> Offboarding:
    items, problems = template(None)
    assert problems == []
    return new_offboarding(
        items,
        id="dana",
        client="Dana Corp",
        reason=reason,
        talk=MONDAY,
        notice_days=30,
        created="2026-02-20T10:00:00+01:00",
        agency=agency,
        **details,
    )


# -- due dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("3 days before the talk", Rule(Anchor.TALK, -3)),
        ("1 week before the talk", Rule(Anchor.TALK, -7)),
        ("2 weeks after the last day", Rule(Anchor.LAST_DAY, 14)),
        ("the same day as the talk", Rule(Anchor.TALK, 0)),
        ("on the last day", Rule(Anchor.LAST_DAY, 0)),
        ("  On   the  LAST day ", Rule(Anchor.LAST_DAY, 0)),
        ("1 day after the conversation", Rule(Anchor.TALK, 1)),
    ],
)
def test_rules_read_as_people_write_them(text: str, rule: Rule) -> None:
    assert parse_rule(text) == rule
    assert parse_rule(rule.describe()) == rule


@pytest.mark.parametrize(
    "text", ["", "soon", "3 days", "-3 days before the talk", "999 days after the talk"]
)
def test_other_text_is_no_rule(text: str) -> None:
    assert parse_rule(text) is None


def test_the_last_day_is_the_talk_plus_the_notice_in_calendar_days_never_moved() -> None:
    assert last_day(MONDAY, 30) == date(2026, 4, 1)
    assert last_day(MONDAY, 5) == date(2026, 3, 7)  # a Saturday: the contract's day
    assert due(Rule(Anchor.LAST_DAY, 0), MONDAY, date(2026, 3, 7)) == date(2026, 3, 7)


def test_a_step_before_that_falls_on_a_weekend_moves_to_the_friday_before() -> None:
    # Monday minus 1 is Sunday, minus 2 Saturday: both the Friday before.
    assert due(Rule(Anchor.TALK, -1), MONDAY, MONDAY) == date(2026, 2, 27)
    assert due(Rule(Anchor.TALK, -2), MONDAY, MONDAY) == date(2026, 2, 27)
    assert due(Rule(Anchor.TALK, -3), MONDAY, MONDAY) == date(2026, 2, 27)  # a Friday itself
    assert due(Rule(Anchor.TALK, -7), MONDAY, MONDAY) == date(2026, 2, 23)


def test_a_step_after_that_falls_on_a_weekend_moves_to_the_monday_after() -> None:
    friday = date(2026, 3, 6)
    assert due(Rule(Anchor.LAST_DAY, 1), MONDAY, friday) == date(2026, 3, 9)
    assert due(Rule(Anchor.LAST_DAY, 2), MONDAY, friday) == date(2026, 3, 9)
    assert due(Rule(Anchor.LAST_DAY, 3), MONDAY, friday) == date(2026, 3, 9)


def test_a_step_on_an_anchor_stays_on_it_even_on_a_weekend() -> None:
    sunday = date(2026, 3, 8)
    assert due(Rule(Anchor.TALK, 0), sunday, sunday) == sunday


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("en", "13 March 2026"),
        ("sv", "13 mars 2026"),
        ("fr", "13 mars 2026"),
        ("hr", "13. ožujka 2026."),
        ("bg", "13 март 2026 г."),
    ],
)
def test_each_language_writes_dates_its_own_way(lang: str, written: str) -> None:
    assert long_date(date(2026, 3, 13), lang) == written


def test_french_writes_the_first_of_the_month_as_1er() -> None:
    assert long_date(date(2026, 4, 1), "fr") == "1er avril 2026"


# -- the template ----------------------------------------------------------------


def test_the_shipped_template_is_valid_and_has_every_phase() -> None:
    items, problems = template(None)
    assert problems == []
    assert {i.phase for i in items} == {"before", "conversation", "after"}
    assert len({i.id for i in items}) == len(items)


BAD = """\
format: 1
items:
  - id: ok-step
    phase: before
    text: Fine.
    due: 3 days before the talk
  - id: bad-due
    phase: before
    text: Soon.
    due: whenever suits
  - id: Bad_Id
    phase: durning
    text: X
    due: on the last day
    colour: red
  - id: ok-step
    phase: after
    text: Again.
    due: on the last day
  - id: other
    phase: after
    text: Other.
    due: on the last day
    when: [abusve]
"""


def test_template_errors_point_at_the_line_and_column_with_cl_codes() -> None:
    items, problems = load_text(BAD, "mine.yaml")
    assert items == []
    lines = [p.format() for p in problems]
    assert any(
        line.startswith("mine.yaml:10:10: error: 'due' must be a rule") and "[CL107]" in line
        for line in lines
    )
    assert any(line.startswith("mine.yaml:11:9:") and "[CL105]" in line for line in lines)
    assert any(
        line.startswith("mine.yaml:12:12:")
        and "did you mean 'during'" not in line
        and "[CL106]" in line
        for line in lines
    )
    assert any(
        line.startswith("mine.yaml:15:5:") and "unknown key 'colour'" in line and "[CL101]" in line
        for line in lines
    )
    assert any(
        line.startswith("mine.yaml:24:12:") and "did you mean 'abusive'?" in line for line in lines
    )
    assert any("[CL108]" in line and "first at line 3" in line for line in lines)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("format: 1\nitems:\n  - &a {id: x}\n", "CL005"),
        ("format: 2\nitems: []\n", "CL104"),
        ("format: 1\n", "CL102"),
        ("- just a list\n", "CL103"),
        ("format: 1\nitems: [\n", "CL003"),
        (
            "format: 1\nitems:\n  - id: x\n    phase: before\n"
            '    text: "a\\x1bb"\n    due: on the talk\n',
            "CL203",
        ),
        (
            "format: 1\nitems:\n  - id: x\n    phase: before\n    text: ok\n"
            "    due: on the talk\n    agency: maybe\n",
            "CL103",
        ),
    ],
)
def test_each_kind_of_problem_has_its_code(text: str, code: str) -> None:
    items, problems = load_text(text, "t.yaml")
    assert items == []
    assert code in {p.code for p in problems}, [p.format() for p in problems]


def test_a_template_in_the_data_folder_adds_and_replaces_steps(tmp_path: Path) -> None:
    (tmp_path / USER_TEMPLATE).write_text(
        "format: 1\nitems:\n"
        "  - id: backup\n    phase: after\n    text: Archive the project files.\n"
        "    due: 2 weeks after the last day\n"
        "  - id: sleep-on-it\n    phase: before\n    text: Sleep on it twice.\n"
        "    due: 2 weeks before the talk\n",
        encoding="utf-8",
    )
    items, problems = template(tmp_path)
    assert problems == []
    by_id = {i.id: i for i in items}
    assert by_id["sleep-on-it"].text == "Sleep on it twice."
    assert items[-1].id == "backup"


def test_a_broken_user_template_adds_nothing_and_says_where(tmp_path: Path) -> None:
    (tmp_path / USER_TEMPLATE).write_text("format: 1\nitems:\n  - id: x\n", encoding="utf-8")
    items, problems = template(tmp_path)
    assert len(items) == len(template(None)[0])
    assert problems and problems[0].path.endswith(USER_TEMPLATE) and problems[0].code == "CL102"


# -- offboardings ----------------------------------------------------------------


def test_agency_and_reason_steps_only_where_they_apply() -> None:
    plain, agency, abusive = make(), make(agency=True), make(reason="abusive")
    ids = {i.id for i in plain.items}
    assert "revoke-access" not in ids and "paper-trail" not in ids
    assert "revoke-access" in {i.id for i in agency.items}
    assert "paper-trail" in {i.id for i in abusive.items}


def test_overdue_due_next_and_progress() -> None:
    o = make()
    today = date(2026, 2, 26)
    overdue = o.overdue(today)
    assert [i.id for i in overdue] == ["sleep-on-it", "read-contract", "invoices"]
    nxt = o.due_next(today)
    assert nxt is not None and nxt.id == "money-owed"
    o = o.toggled("sleep-on-it").noted("invoices", "two late\x1b[2J")
    assert o.progress()["before"] == (1, 6)
    assert [i.note for i in o.items if i.id == "invoices"] == ["two late[2J"]
    assert [i.id for i in o.overdue(today)] == ["read-contract", "invoices"]


def test_json_round_trip_and_a_hand_edited_record_is_tidied() -> None:
    o = make(contact="dana@example.com", deliverables=("the site",)).toggled("rehearse")
    assert offboarding_from_json(o.to_json()) == o
    data = o.to_json() | {"notice_days": "thirty", "archived": "yes", "client": "Dana\x1b[31m"}
    data["items"] = [*data["items"][:2], {"phase": "nowhen"}, 7]
    tidied = offboarding_from_json(data)
    assert tidied is not None
    assert tidied.client == "Dana[31m" and tidied.notice_days == 0 and tidied.archived is False
    assert len(tidied.items) == 2
    assert offboarding_from_json({"client": "x"}) is None
    assert offboarding_from_json([1]) is None


def test_the_typed_draft_is_checked_field_by_field() -> None:
    fields = {
        "client": "Dana",
        "talk": "2026-03-02",
        "notice": "30",
        "reason": "pivot",
        "language": "sv",
    }
    draft, _, _ = read_draft(fields | {"deliver": "site; ; logo"})
    assert draft is not None and draft.deliverables == ("site", "logo")
    for key, bad in (
        ("client", "  "),
        ("talk", "2026-02-30"),
        ("notice", "-1"),
        ("notice", "9999"),
    ):
        draft, field, why = read_draft(fields | {key: bad})
        assert draft is None and field == key and why


# -- the store -------------------------------------------------------------------


def test_the_store_keeps_offboardings_across_instances(tmp_path: Path) -> None:
    store = ChecklistStore(tmp_path)
    assert store.all().value == []
    o = make()
    store.put(o)
    store.put(o.toggled("sleep-on-it"))
    again = ChecklistStore(tmp_path)
    [read] = again.all().value
    assert read.items[0].done
    assert again.find("  dana   CORP ").value == read
    assert again.find("nobody").value is None
    assert again.get("dana").value == read


def test_a_corrupt_store_is_set_aside_with_a_notice(tmp_path: Path) -> None:
    ChecklistStore(tmp_path).put(make())
    (tmp_path / "checklists.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "checklists.journal").unlink()
    read = ChecklistStore(tmp_path).all()
    assert read.value == []
    assert read.notice and "checklists" in read.notice
    assert list(tmp_path.glob("checklists.json.corrupt-*"))
