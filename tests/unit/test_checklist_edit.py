"""Editing an offboarding: the dates move, marks and notes stay; the user's steps in the
letter; ``partways checklist edit``."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from partways.checklist.codec import offboarding_from_json
from partways.checklist.dates import due, long_date, parse_rule
from partways.checklist.edit import draft_of, edited
from partways.checklist.letter import generate, sections
from partways.checklist.model import Offboarding, TemplateItem, new_offboarding
from partways.checklist.template import USER_TEMPLATE, template
from partways.cli import main
from partways.vocab import LANGUAGES

TALK = date(2026, 3, 9)


def made(items: list[TemplateItem] | None = None, **details: object) -> Offboarding:
    found = template(None)[0] if items is None else items
    return new_offboarding(
        found,
        id="dana",
        client="Dana Corp",
        reason=str(details.pop("reason", "style-mismatch")),
        talk=TALK,
        notice_days=30,
        created="",
        you="Sam",
        **details,
    )


def assert_on_schedule(o: Offboarding) -> None:
    for item in o.items:
        rule = parse_rule(item.rule)
        assert rule is not None, item.id
        assert item.due == due(rule, o.talk, o.last_day), item.id


def test_an_untouched_edit_changes_nothing() -> None:
    o = made(agency=True).toggled("sleep-on-it").noted("invoices", "two late")
    assert edited(o, draft_of(o), template(None)[0]) == o


def test_a_new_talk_date_and_notice_move_every_step_and_keep_marks_and_notes() -> None:
    items = template(None)[0]
    o = made().toggled("sleep-on-it").noted("invoices", "two late")
    draft = replace(draft_of(o), talk=TALK + timedelta(days=8), notice_days=14)
    moved = edited(o, draft, items)
    assert moved.last_day == date(2026, 3, 31)
    assert_on_schedule(moved)
    assert [i.id for i in moved.items] == [i.id for i in o.items]
    assert next(i for i in moved.items if i.id == "sleep-on-it").done
    assert next(i for i in moved.items if i.id == "invoices").note == "two late"
    assert (
        next(i for i in moved.items if i.id == "final-invoice").due
        != next(i for i in o.items if i.id == "final-invoice").due
    )


def test_a_new_reason_adds_its_steps_and_keeps_what_was_done() -> None:
    items = template(None)[0]
    o = made()
    abusive = edited(o, replace(draft_of(o), reason="abusive"), items)
    assert "paper-trail" in {i.id for i in abusive.items}
    assert_on_schedule(abusive)
    dropped = edited(abusive, replace(draft_of(abusive), reason="other"), items)
    assert "paper-trail" not in {i.id for i in dropped.items}
    kept = edited(abusive.toggled("paper-trail"), replace(draft_of(abusive), reason="other"), items)
    assert next(i for i in kept.items if i.id == "paper-trail").done
    agency = edited(o, replace(draft_of(o), agency=True), items)
    assert "revoke-access" in {i.id for i in agency.items}


def test_the_details_change_and_the_notes_keep_their_lines() -> None:
    o = made()
    draft = replace(
        draft_of(o),
        client=" Dana\tAB ",
        contact="ana@dana.example",
        notes="Call on Tuesday.\nThey pay late.\x1b",
        deliverables=("the landing page", " "),
        language="fr",
    )
    changed = edited(o, draft, template(None)[0])
    assert (changed.client, changed.contact, changed.language) == (
        "Dana AB",
        "ana@dana.example",
        "fr",
    )
    assert changed.notes == "Call on Tuesday.\nThey pay late."
    assert changed.deliverables == ("the landing page",)
    with pytest.raises(ValueError):
        edited(o, replace(draft, notice_days=-1), template(None)[0])


def test_an_older_record_without_rules_moves_by_the_template() -> None:
    o = made()
    old = offboarding_from_json(
        {**o.to_json(), "items": [{**i.to_json(), "rule": ""} for i in o.items]}
    )
    assert old is not None and all(not i.rule for i in old.items)
    moved = edited(old, replace(draft_of(old), talk=TALK + timedelta(days=1)), template(None)[0])
    assert_on_schedule(moved)


def test_a_step_no_template_knows_and_with_no_rule_stays_where_it_was() -> None:
    o = made()
    lost = replace(o.items[0], id="gone", rule="")
    o = replace(o, items=(lost, *o.items[1:]))
    moved = edited(o, replace(draft_of(o), talk=TALK + timedelta(days=7)), template(None)[0])
    assert next(i for i in moved.items if i.id == "gone").due == lost.due


def test_rule_and_letter_are_stored_and_read_back() -> None:
    o = made()
    assert offboarding_from_json(json.loads(json.dumps(o.to_json()))) == o
    data = o.to_json()
    data["items"][0]["rule"] = "whenever"
    data["items"][0]["letter"] = "yes"
    back = offboarding_from_json(data)
    assert back is not None and back.items[0].rule == "" and back.items[0].letter is False


# -- the user's steps in the letter ------------------------------------------------

USER = """\
format: 1
items:
  - id: archive-files
    phase: after
    text: Archive the project files for a year.
    due: 2 weeks after the last day
  - id: internal-review
    phase: after
    text: Review the rates for new clients.
    due: 1 week after the last day
    letter: false
  - id: call-accountant
    phase: before
    text: Call the accountant.
    due: 3 days before the talk
  - id: parting-gift
    phase: after
    text: Send them the list of tools I use.
    due: on the last day
"""


def user_template(tmp_path: Path, text: str = USER) -> list[TemplateItem]:
    (tmp_path / USER_TEMPLATE).write_text(text, encoding="utf-8")
    items, problems = template(tmp_path)
    assert problems == []
    return items


def test_a_new_after_step_of_the_user_is_for_the_letter_unless_said(tmp_path: Path) -> None:
    letter = {i.id: i.letter for i in user_template(tmp_path)}
    assert letter["archive-files"] is True
    assert letter["internal-review"] is False  # letter: false
    assert letter["call-accountant"] is False  # not the "after" phase
    assert letter["parting-gift"] is False  # replaces a shipped step
    assert letter["final-invoice"] is False  # shipped: it has its own sentence


def test_a_bad_letter_value_is_a_placed_problem(tmp_path: Path) -> None:
    (tmp_path / USER_TEMPLATE).write_text(
        USER.replace("letter: false", "letter: maybe"), encoding="utf-8"
    )
    _, problems = template(tmp_path)
    [problem] = problems
    assert problem.code == "CL103" and problem.line == 11 and "'letter'" in problem.message


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_users_open_steps_are_listed_in_every_language(lang: str, tmp_path: Path) -> None:
    o = made(user_template(tmp_path), language=lang)
    letter = generate(o)
    parts = sections(lang)
    assert parts["steps"] in letter
    step = next(line for line in letter.splitlines() if "Archive the project files" in line)
    assert step == f"- {long_date(date(2026, 4, 22), lang)} – Archive the project files for a year."
    for absent in ("Review the rates", "Call the accountant", "the list of tools"):
        assert absent not in letter
    # Thanks come after the list; a done step leaves it, and the list goes with it.
    assert letter.index(step) < letter.index(parts["thanks"])
    done = generate(o.toggled("archive-files"))
    assert "Archive the project files" not in done and parts["steps"] not in done


def test_a_step_text_with_braces_is_not_filled(tmp_path: Path) -> None:
    items = user_template(tmp_path, USER.replace("Archive the", "Archive {client}'s {due}"))
    assert "Archive {client}'s {due} project files" in generate(made(items))


# -- partways checklist edit ------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    try:
        status = main([*argv, "--data-dir", str(tmp_path)])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def listed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> list[dict[str, object]]:
    status, out, _ = run(capsys, tmp_path, "checklist", "list", "--json")
    assert status == 0
    found: list[dict[str, object]] = json.loads(out)
    return found


def test_edit_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    new = ("checklist", "new", "Dana Corp", "--talk", "2026-03-09", "--notice", "30")
    assert run(capsys, tmp_path, *new, "--deliver", "the logo")[0] == 0
    status, out, err = run(
        capsys,
        tmp_path,
        "checklist",
        "edit",
        "dana corp",
        "--client",
        "Dana AB",
        "--talk",
        "2026-03-16",
        "--notice",
        "14",
        "--reason",
        "pivot",
        "--contact",
        "Ana",
        "--notes",
        "They pay late.",
        "--deliver",
        "",
    )
    assert (status, err) == (0, "") and "last day 2026-03-30" in out
    [record] = listed(capsys, tmp_path)
    assert (record["client"], record["talk"], record["last_day"]) == (
        "Dana AB",
        "2026-03-16",
        "2026-03-30",
    )
    assert (record["reason"], record["contact"], record["notes"]) == (
        "pivot",
        "Ana",
        "They pay late.",
    )
    assert record["deliverables"] == []
    # Only what is given changes.
    assert run(capsys, tmp_path, "checklist", "edit", "Dana AB", "--notice", "30")[0] == 0
    [record] = listed(capsys, tmp_path)
    assert (record["talk"], record["notes"]) == ("2026-03-16", "They pay late.")


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["Nobody", "--notice", "3"], 1, "no offboarding for Nobody"),
        (["Dana", "--talk", "2026-02-30"], 2, "--talk 2026-02-30"),
        (["Dana", "--notice", "-5"], 2, "--notice -5"),
        (["Dana", "--notice", "999"], 2, "0 to 730"),
        (["Dana", "--reason", "bored"], 2, "--reason bored"),
        (["Dana", "--lang", "de"], 2, "--lang de"),
        (["Dana", "--client", "  "], 2, "--client"),
        (["Dana", "--client", "Eve"], 2, "Eve already has an open offboarding"),
    ],
)
def test_edit_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], status: int, message: str
) -> None:
    for client in ("Dana", "Eve"):
        new = ("checklist", "new", client, "--talk", "2026-03-09", "--notice", "30")
        assert run(capsys, tmp_path, *new)[0] == 0
    before = listed(capsys, tmp_path)
    got, _, err = run(capsys, tmp_path, "checklist", "edit", *argv)
    assert got == status
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert listed(capsys, tmp_path) == before


def test_an_edited_letter_is_kept_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from partways.store.checklists import ChecklistStore

    store = ChecklistStore(tmp_path)
    store.put(replace(made(), letter="Dear Dana, my own words."))
    status, _, err = run(capsys, tmp_path, "checklist", "edit", "Dana Corp", "--notice", "10")
    assert status == 0 and "check its dates" in err
    [o] = store.all().value
    assert o.letter == "Dear Dana, my own words." and o.notice_days == 10


def test_an_edit_takes_the_letter_mark_from_the_template_as_it_is_now(tmp_path: Path) -> None:
    o = made()  # made before the user's file existed
    items = user_template(
        tmp_path, USER.replace("phase: before", "phase: before\n    letter: true")
    )
    changed = edited(o, draft_of(o), items)
    marked = {i.id for i in changed.items if i.letter}
    assert marked == {"archive-files", "call-accountant"}
    assert "- " + long_date(date(2026, 3, 6), "en") + " – Call the accountant." in generate(changed)
