"""The letter in every language, judged by the coach; the Markdown export; the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from partways.checklist.letter import generate, markdown, sections
from partways.checklist.model import Offboarding, new_offboarding
from partways.checklist.template import template
from partways.cli import main
from partways.coach import analyze
from partways.vocab import LANGUAGES

#: Deliverables as a freelancer in each country would list them.
DELIVERABLES = {
    "en": ("the spring campaign landing page",),
    "sv": ("landningssidan för vårkampanjen",),
    "fr": ("la page d'atterrissage de la campagne de printemps",),
    "hr": ("odredišnu stranicu proljetne kampanje",),
    "bg": ("целевата страница на пролетната кампания",),
}


def offboarding(lang: str, reason: str, agency: bool, deliver: bool) -> Offboarding:
    items, _ = template(None)
    return new_offboarding(
        items,
        id="x",
        client="Dana",
        reason=reason,
        # Every date in these letters is a plain day of the month (see the report on
        # "1er" and Croatian "27." below the test).
        talk=date(2026, 3, 9),
        notice_days=30,
        created="",
        you="Sam",
        language=lang,
        agency=agency,
        deliverables=DELIVERABLES[lang] if deliver else (),
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reason", ["nonpayment", "abusive", "pivot", "scope-creep"])
@pytest.mark.parametrize("agency", [False, True])
@pytest.mark.parametrize("deliver", [False, True])
def test_every_generated_letter_is_firm(
    lang: str, reason: str, agency: bool, deliver: bool
) -> None:
    o = offboarding(lang, reason, agency, deliver)
    letter = generate(o)
    assert "{" not in letter and "Dana" in letter and letter.rstrip().endswith("Sam")
    analysis = analyze(letter, lang)
    assert analysis.language == lang
    assert analysis.stance == "firm", (analysis.note, [(f.tag, f.text) for f in analysis.findings])


@pytest.mark.parametrize(
    ("lang", "last_day"),
    [
        ("en", "8 April 2026"),
        ("sv", "8 april 2026"),
        ("fr", "8 avril 2026"),
        ("hr", "8. travnja 2026."),
        ("bg", "8 април 2026 г."),
    ],
)
def test_the_letter_gives_the_last_day_as_the_language_writes_it(lang: str, last_day: str) -> None:
    assert last_day in generate(offboarding(lang, "pivot", False, True))


def test_the_letter_lists_open_steps_only_and_spares_an_abusive_client_the_reason() -> None:
    o = offboarding("en", "pivot", True, True)
    assert "final invoice" in generate(o)
    assert "final invoice" not in generate(o.toggled("final-invoice"))
    abusive = generate(offboarding("en", "abusive", False, False))
    assert sections("en")["reason"] not in abusive
    assert "glad to work with you again" not in abusive


def test_every_language_has_the_same_sections() -> None:
    names = set(sections("en"))
    for lang in LANGUAGES:
        assert set(sections(lang)) == names, lang


def test_the_coach_reads_the_first_of_the_month_in_french_as_a_date() -> None:
    found = analyze("Vous recevrez la facture au plus tard le 1er avril 2026.", "fr")
    assert "notice" in {f.tag for f in found.findings}


def test_the_coach_reads_a_croatian_date_as_a_date() -> None:
    found = analyze("Račun ćete dobiti najkasnije 27. ožujka 2026.", "hr")
    assert "notice" in {f.tag for f in found.findings}


def test_a_name_with_braces_is_filled_once() -> None:
    o = offboarding("en", "pivot", False, False)
    from dataclasses import replace

    letter = generate(replace(o, client="{last_day}"))
    assert "Hi {last_day}," in letter


def test_the_markdown_export_has_the_checklist_and_the_letter() -> None:
    o = (
        offboarding("en", "pivot", False, False)
        .toggled("sleep-on-it")
        .noted("invoices", "two late")
    )
    text = markdown(o, "Hi ```x``` there\n", date(2026, 3, 6))
    assert text.startswith("# Offboarding: Dana\n")
    assert "- [x] Sleep on the decision" in text
    assert "**overdue**" in text and "  - note: two late" in text
    assert "## The letter" in text and "````text\nHi ```x``` there\n````" in text


# -- the command line -------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    status = main([*argv, "--data-dir", str(tmp_path)])
    out, err = capsys.readouterr()
    return status, out, err


def test_new_list_and_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(
        capsys,
        tmp_path,
        "checklist",
        "new",
        "Dana Corp",
        "--talk",
        "2026-03-09",
        "--notice",
        "30",
        "--reason",
        "pivot",
        "--lang",
        "sv",
        "--you",
        "Sam",
    )
    assert status == 0 and "last day 2026-04-08" in out
    status, out, _ = run(capsys, tmp_path, "checklist", "list", "--json")
    [record] = json.loads(out)
    assert {"client", "reason", "talk", "last_day", "archived", "items"} <= set(record)
    assert record["talk"] == "2026-03-09" and record["last_day"] == "2026-04-08"
    assert set(record["items"][0]) >= {"phase", "text", "due", "done"}
    target = tmp_path / "out.md"
    status, _, _ = run(capsys, tmp_path, "checklist", "export", "dana corp", str(target))
    assert status == 0
    text = target.read_text(encoding="utf-8")
    assert "# Offboarding: Dana Corp" in text and "Hej Dana Corp!" in text
    status, out, _ = run(capsys, tmp_path, "checklist", "export", "Dana Corp")
    assert status == 0 and out == text


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["new", "X", "--talk", "2026-02-30", "--notice", "30"], 2, "--talk 2026-02-30"),
        (["new", "X", "--talk", "tomorrow", "--notice", "30"], 2, "YYYY-MM-DD"),
        (["new", "X", "--talk", "2026-03-02", "--notice", "-5"], 2, "--notice -5"),
        (["new", "X", "--talk", "2026-03-02", "--notice", "ten"], 2, "number of days"),
        (["new", "X", "--talk", "2026-03-02", "--notice", "3", "--reason", "bored"], 2, "--reason"),
        (["export", "Nobody"], 1, "no offboarding for Nobody"),
    ],
)
def test_bad_input_is_one_line_never_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], status: int, message: str
) -> None:
    try:
        got = main(["checklist", *argv, "--data-dir", str(tmp_path)])
    except SystemExit as exit_:
        got = int(exit_.code or 0)
    _, err = capsys.readouterr()
    assert got == status
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_second_open_offboarding_for_the_same_client_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ("checklist", "new", "Dana", "--talk", "2026-03-09", "--notice", "14")
    assert run(capsys, tmp_path, *argv)[0] == 0
    with pytest.raises(SystemExit) as exit_:
        run(capsys, tmp_path, *argv)
    assert exit_.value.code == 2


def test_the_checklist_commands_never_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from partways.cli import main\n"
        f"d = ['--data-dir', {str(tmp_path)!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    new = ['checklist', 'new', 'Dana', '--talk', '2026-03-09', '--notice', '30']\n"
        "    assert main(new + d) == 0\n"
        "    assert main(['checklist', 'list', '--json'] + d) == 0\n"
        "    assert main(['checklist', 'list'] + d) == 0\n"
        "    assert main(['checklist', 'export', 'Dana'] + d) == 0\n"
        "    assert main(['checklist', 'edit', 'Dana', '--notice', '14'] + d) == 0\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
