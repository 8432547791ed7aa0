"""The checklist in the app, driven with the keyboard alone at 80x24: set up an
offboarding, tick and note steps, the letter in the coach pad, export, restart,
"rehearse this one"; and snapshots of its screens."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from partways.checklist import TODAY_ENV
from partways.checklist.model import Offboarding, new_offboarding
from partways.checklist.template import template
from partways.store.checklists import ChecklistStore
from partways.tui.screens.checklist import OffboardingsScreen
from partways.tui.screens.checklist_detail import ChecklistScreen
from partways.tui.screens.checklist_export import ExportDialog
from partways.tui.screens.checklist_letter import LetterPadScreen
from partways.tui.screens.checklist_new import NewOffboardingDialog
from partways.tui.screens.dialogs import ConfirmDialog
from partways.tui.widgets.draft import DraftArea

from .conftest import MakeApp
from .test_snapshots import SIZE, keys, settle

TODAY = "2026-03-04"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY)


def stored(tmp_path: Path, notice: int = 30, **details: Any) -> Offboarding:
    """An offboarding of Dana Corp (talk Monday 9 March 2026, 30 days), saved."""
    items, _ = template(None)
    o = new_offboarding(
        items,
        id="dana",
        client="Dana Corp",
        reason="style-mismatch",
        talk=date(2026, 3, 9),
        notice_days=notice,
        created="2026-03-01T09:00:00+01:00",
        you="Sam",
        **details,
    )
    o = o.toggled("sleep-on-it").noted("read-contract", "Clause 7: 30 days' notice")
    ChecklistStore(tmp_path / "data").put(o)
    return o


async def test_set_up_an_offboarding_with_the_keyboard_and_find_it_after_a_restart(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OffboardingsScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewOffboardingDialog)
        await pilot.press(*"Dana Corp", "tab")
        talk = app.screen.query_one("#talk", Input)
        talk.value = ""
        await pilot.press(*"2026-03-09", "tab", *"14", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        [o] = app.offboardings
        assert (o.client, o.talk, o.last_day) == ("Dana Corp", date(2026, 3, 9), date(2026, 3, 23))
        # The cursor starts on the first step: tick it, note the second.
        await pilot.press("space", "down", "e")
        await settle(pilot)
        await pilot.press(*"two invoices late", "enter")
        await settle(pilot)
        [o] = app.offboardings
        assert o.items[0].done and o.items[1].note == "two invoices late"
        # The letter, in the coach pad, linted; edit it, export it.
        await pilot.press("l")
        await settle(pilot)
        pad = app.screen
        assert isinstance(pad, LetterPadScreen)
        assert pad.analysis is not None and pad.analysis.stance == "firm"
        assert "Hi Dana Corp," in pad.letter
        pad.query_one(DraftArea).load_text(pad.letter.replace("Hi Dana Corp,", "Dear Dana,"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LetterPadScreen)
        await pilot.press("ctrl+o")
        exported = (tmp_path / "offboarding-dana-corp.md").read_text(encoding="utf-8")
        assert "- [x] Sleep on the decision" in exported and "Dear Dana," in exported
        await pilot.press("escape", "escape", "escape")
        await settle(pilot)
    # A new app on the same data folder finds it all again.
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [o] = again.offboardings
        assert o.items[0].done and o.letter.startswith("Dear Dana,")
        await pilot.press("o", "enter")
        await settle(pilot)
        assert isinstance(again.screen, ChecklistScreen)


async def test_a_bad_date_keeps_the_dialog_open_with_the_reason(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "n")
        await settle(pilot)
        await pilot.press(*"Dana", "tab")
        app.screen.query_one("#talk", Input).value = "2026-02-30"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NewOffboardingDialog)
        assert app.screen.focused is app.screen.query_one("#talk")
        assert app.offboardings == ()


async def test_rehearse_this_one_links_the_rehearsal(make_app: MakeApp, tmp_path: Path) -> None:
    stored(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.rehearsal is not None
        assert app.rehearsal.client_name == "Dana Corp"
        await pilot.press("1", "1")
        await settle(pilot)
        await settle(pilot)
        [o] = app.offboardings
        assert len(o.rehearsals) == 1 and o.rehearsals[0].outcome
        assert next(i for i in o.items if i.id == "rehearse").done
    [saved] = ChecklistStore(tmp_path / "data").all().value
    assert saved.rehearsals == o.rehearsals


async def test_archive_hides_and_h_shows_again(make_app: MakeApp, tmp_path: Path) -> None:
    stored(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OffboardingsScreen)
        assert screen.table.row_count == 0
        await pilot.press("h")
        assert screen.table.row_count == 1
    [saved] = ChecklistStore(tmp_path / "data").all().value
    assert saved.archived


# -- snapshots ------------------------------------------------------------------


def test_snapshot_home_with_what_is_due(
    make_app: MakeApp, tmp_path: Path, snap_compare: Any
) -> None:
    stored(tmp_path)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys())


def test_snapshot_offboardings(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    stored(tmp_path)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("o"))


def test_snapshot_checklist(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    stored(tmp_path, agency=True)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("o", "enter", "down"))


def test_snapshot_new_offboarding(make_app: MakeApp, snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("o", "n", *"Dana"))


def test_snapshot_letter(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    # 31 days: no date falls on the 1st ("1er avril": see test_checklist_letter.py).
    stored(tmp_path, notice=31, language="fr", deliverables=("la page d'accueil",))

    async def run(pilot: Pilot[Any]) -> None:
        await keys("o", "enter", "l")(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


# -- editing the details, exporting where the person wants ------------------------------


async def test_d_edits_the_details_and_every_step_moves(make_app: MakeApp, tmp_path: Path) -> None:
    before = stored(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChecklistScreen)
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewOffboardingDialog)
        assert dialog.query_one("#client", Input).value == "Dana Corp"
        assert dialog.query_one("#notice", Input).value == "30"
        dialog.query_one("#notice", Input).value = "14"
        dialog.query_one("#notes", Input).value = "Ana signs; call on Tuesday"
        dialog.query_one("#client", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert app.screen is screen
        [o] = app.offboardings
        assert o.last_day == date(2026, 3, 23) and o.notes == "Ana signs; call on Tuesday"
        assert o.items[0].done and o.items[1].note == before.items[1].note
        moved = {i.id: i.due for i in o.items}
        assert moved["final-invoice"] == date(2026, 3, 16)  # a week before the new last day
        header = str(screen.query_one("#checklist-header").render())
        assert "Notes: Ana signs; call on Tuesday" in header
        assert "last day 2026-03-23 (14 days)" in header
    [saved] = ChecklistStore(tmp_path / "data").all().value
    assert saved == o


async def test_escape_leaves_the_details_as_they_were(make_app: MakeApp, tmp_path: Path) -> None:
    before = stored(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter", "d")
        await settle(pilot)
        app.screen.query_one("#notice", Input).value = "99"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        assert app.offboardings == (before,)


async def test_notes_untouched_in_the_dialog_keep_their_lines(
    make_app: MakeApp, tmp_path: Path
) -> None:
    o = stored(tmp_path)
    ChecklistStore(tmp_path / "data").put(replace(o, notes="Ana signs.\nThey pay late."))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter", "d")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#notes", Input).value == "Ana signs. · They pay late."
        dialog.query_one("#notice", Input).value = "31"
        dialog.query_one("#client", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        [changed] = app.offboardings
        assert changed.notice_days == 31 and changed.notes == "Ana signs.\nThey pay late."


async def test_export_asks_where_and_writes_there(make_app: MakeApp, tmp_path: Path) -> None:
    stored(tmp_path)
    app = make_app()
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter", "x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        field = dialog.query_one("#export-path", Input)
        assert field.value == "offboarding-dana-corp.md"
        # A folder that does not exist: one line, the dialog stays.
        field.value = "nowhere/out.md"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#dialog-error").render())
        assert "There is no folder" in error and "nowhere" in error
        (tmp_path / "sub").mkdir()
        field.value = "sub"
        await pilot.press("enter")
        await settle(pilot)
        assert "is a folder" in str(dialog.query_one("#dialog-error").render())
        field.value = "sub/dana.md"
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
    assert "# Offboarding: Dana Corp" in (tmp_path / "sub" / "dana.md").read_text("utf-8")


async def test_export_asks_before_replacing_a_file(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (home / "dana.md").write_text("mine", encoding="utf-8")
    app = make_app()
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter", "x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path", Input).value = "~/dana.md"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog and "exists" in str(dialog.query_one("#dialog-error").render())
        assert (home / "dana.md").read_text("utf-8") == "mine"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
    assert (home / "dana.md").read_text("utf-8").startswith("# Offboarding: Dana Corp")
    assert not (tmp_path / "offboarding-dana-corp.md").exists()


def test_snapshot_edit_offboarding(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    stored(tmp_path, contact="ana@dana.example", deliverables=("the logo", "the landing page"))
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("o", "enter", "d"))


def test_snapshot_checklist_with_notes(
    make_app: MakeApp, tmp_path: Path, snap_compare: Any
) -> None:
    o = stored(tmp_path)
    ChecklistStore(tmp_path / "data").put(
        replace(o, notes="Ana signs the handover.\nThey pay 60 days late; invoice early.")
    )
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("o", "enter", "up"))


def test_snapshot_export_dialog(make_app: MakeApp, tmp_path: Path, snap_compare: Any) -> None:
    stored(tmp_path)
    app = make_app()
    app.export_dir = Path("/home/sam/work")  # shown, never written to: nothing is submitted
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("o", "enter", "x"))
