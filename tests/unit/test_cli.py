"""The command line, as the README and scenarios/README.md describe it.

Most cases run ``partways.cli.main`` in-process; a few run the installed command
in a subprocess. Nothing here opens the terminal app: ``cmd_app`` is replaced.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from partways import __version__, cli
from partways.cli import main
from partways.engine import Outcome, Rehearsal
from partways.paths import CACHE_DIR_ENV, bundled_scenarios
from partways.scenario.loader import load_file
from partways.scores import SCORE_NAMES
from partways.store.history import HistoryStore
from tests.conftest import ROOT, outcome_of
from tests.installed import installed_partways
from tests.unit.test_store import unblocking_fifo

CLI = "tests/fixtures/cli"  # relative to ROOT: every test runs from there
GOOD = f"{CLI}/good/cli-good.yaml"
GOOD_AGAIN = f"{CLI}/dupe/cli-good-again.yaml"  # same id as GOOD
BAD = f"{CLI}/bad/cli-bad.yaml"
BAD_NESTED = f"{CLI}/bad/nested/cli-bad-nested.yaml"
MARKUP = "tests/fixtures/scenarios/fixture-markup.yaml"

MOOD = (
    "'mood' must be calm, surprised, irritated, angry, pleading, hurt, bargaining, "
    "threatening or relieved, not 'furios'"
)
# (line, column, code, message) of each problem, in the order they are reported.
BAD_PROBLEMS = [
    (17, 9, "PW101", "unknown key 'tagz' in a choice; did you mean 'tags'?"),
    (20, 11, "PW106", MOOD),
]
BAD_NESTED_PROBLEMS = [(4, 11, "PW106", "'language' must be en, sv, fr, hr or bg, not 'de'")]
SCORE_KEYS = set(SCORE_NAMES)


def lines(path: str, problems: list[tuple[int, int, str, str]]) -> str:
    """The expected ``validate`` output for ``problems`` in the file shown as ``path``."""
    return "".join(f"{path}:{ln}:{col}: error: {msg} [{code}]\n" for ln, col, code, msg in problems)


def dup_line(path: str, owner: str, scenario_id: str = "cli-good") -> str:
    return (
        f"{path}:2:5: error: id '{scenario_id}' is already used by {owner}; "
        "choose another id [PW401]\n"
    )


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("PARTWAYS_SCENARIOS", raising=False)
    # Never touch the real user data folder, whatever a test forgets to pass.
    monkeypatch.setenv("PARTWAYS_DATA_DIR", str(tmp_path / "default-data"))
    for name in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "120")


def run(*args: str) -> int:
    """``main(args)``'s exit status, whether it returns it or raises SystemExit."""
    try:
        return main(list(args))
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1


def no_traceback(err: str) -> None:
    assert "Traceback" not in err


# -- validate -----------------------------------------------------------------


def test_validate_a_valid_file_is_silent(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate", GOOD) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ""


def test_the_fixtures_meant_to_be_valid_are(capsys: pytest.CaptureFixture[str]) -> None:
    for path in (f"{CLI}/good", f"{CLI}/dupe", MARKUP):
        assert run("validate", path) == 0, path
    assert capsys.readouterr() == ("", "")


def test_validate_a_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate", BAD) == 1
    out, err = capsys.readouterr()
    assert out == lines(BAD, BAD_PROBLEMS)
    assert err == "2 problems in 1 file\n"


@pytest.mark.parametrize(
    "given",
    [f"./{BAD}", f"{CLI}/../cli/bad/cli-bad.yaml", f"{CLI}/bad/./cli-bad.yaml"],
)
def test_validate_shows_a_relative_path_exactly_as_given(
    given: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("validate", given) == 1
    assert capsys.readouterr().out == lines(given, BAD_PROBLEMS)


def test_validate_keeps_an_absolute_path_absolute(capsys: pytest.CaptureFixture[str]) -> None:
    given = str(ROOT / BAD)
    assert run("validate", given) == 1
    assert capsys.readouterr().out == lines(given, BAD_PROBLEMS)


@pytest.mark.parametrize("folder", [f"{CLI}/bad", f"{CLI}/bad/", f"./{CLI}/bad"])
def test_validate_a_folder_shows_paths_as_found_inside_it(
    folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("validate", folder) == 1
    out, err = capsys.readouterr()
    assert out == lines(os.path.join(folder, "cli-bad.yaml"), BAD_PROBLEMS) + lines(
        os.path.join(folder, "nested", "cli-bad-nested.yaml"), BAD_NESTED_PROBLEMS
    )
    assert err == "3 problems in 2 files\n"


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate", "--json", f"{CLI}/bad") == 1
    out, err = capsys.readouterr()
    expected = [
        {"path": BAD, "line": ln, "column": col, "code": code, "message": msg}
        for ln, col, code, msg in BAD_PROBLEMS
    ] + [
        {"path": BAD_NESTED, "line": ln, "column": col, "code": code, "message": msg}
        for ln, col, code, msg in BAD_NESTED_PROBLEMS
    ]
    assert json.loads(out) == expected
    assert err == ""


def test_validate_json_of_valid_files_is_an_empty_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("validate", GOOD, "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_validate_a_missing_path_exits_2(
    extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("validate", *extra, GOOD, "no/such/file.yaml") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "partways: error: no/such/file.yaml: no such file or folder\n"


def test_validate_a_good_and_a_broken_file_checks_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("validate", GOOD, BAD) == 1
    assert capsys.readouterr().out == lines(BAD, BAD_PROBLEMS)
    # A file after the broken one is still read: its duplicate id is found.
    assert run("validate", GOOD_AGAIN, BAD, GOOD) == 1
    assert capsys.readouterr().out == lines(BAD, BAD_PROBLEMS) + dup_line(GOOD, GOOD_AGAIN)


def test_validate_a_duplicated_id_is_an_error_on_the_second_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("validate", GOOD, GOOD_AGAIN) == 1
    assert capsys.readouterr().out == dup_line(GOOD_AGAIN, GOOD)
    assert run("validate", GOOD_AGAIN, GOOD) == 1
    assert capsys.readouterr().out == dup_line(GOOD, GOOD_AGAIN)
    assert run("validate", "--json", f"{CLI}/good", f"{CLI}/dupe") == 1
    assert json.loads(capsys.readouterr().out) == [
        {
            "path": GOOD_AGAIN,
            "line": 2,
            "column": 5,
            "code": "PW401",
            "message": f"id 'cli-good' is already used by {GOOD}; choose another id",
        }
    ]


@pytest.mark.parametrize("args", [["validate", "--bogus"], ["--bogus"], ["nosuchcommand"]])
def test_bad_arguments_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "partways: error:" in err
    no_traceback(err)


def test_validate_by_default_checks_the_bundled_packs(capsys: pytest.CaptureFixture[str]) -> None:
    assert any(bundled_scenarios().glob("*.yaml"))
    assert run("validate") == 0
    assert capsys.readouterr() == ("", "")


def copy_with_id(src: str, folder: Path, scenario_id: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / src).read_text(encoding="utf-8").replace("id: cli-good", f"id: {scenario_id}")
    target = folder / f"{scenario_id}.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def test_validate_by_default_adds_the_env_and_option_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled_file = bundled_scenarios() / "angry-late-payer.yaml"
    assert bundled_file.is_file()
    env1, env2, opt = tmp_path / "env1", tmp_path / "env2", tmp_path / "opt"
    # env1 repeats a bundled id: proves the bundled folder is loaded, and first.
    clash = copy_with_id(GOOD, env1, "angry-late-payer")
    copy_with_id(GOOD, env2, "from-env2")
    copy_with_id(GOOD, opt, "from-opt")
    # Each later folder repeats the id of the folder before it.
    again_env2 = copy_with_id(GOOD, env2, "angry-late-payer")
    again_opt = copy_with_id(GOOD, opt, "from-env2")
    monkeypatch.setenv("PARTWAYS_SCENARIOS", os.pathsep.join([str(env1), "", str(env2)]))
    assert run("validate", "--scenarios", str(opt)) == 1
    assert capsys.readouterr().out == (
        dup_line(str(clash), str(bundled_file), "angry-late-payer")
        + dup_line(str(again_env2), str(bundled_file), "angry-late-payer")
        + dup_line(str(again_opt), str(env2 / "from-env2.yaml"), "from-env2")
    )


def test_validate_keeps_scenarios_given_before_and_after_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["--scenarios", f"{CLI}/good", "validate", "--scenarios", f"{CLI}/dupe"]
    assert run(*args) == 1
    assert capsys.readouterr().out == dup_line(GOOD_AGAIN, GOOD)


def test_validate_by_default_with_a_missing_scenarios_folder_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("validate", "--scenarios", "no/such/folder") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "partways: error: --scenarios no/such/folder: no such folder\n"


# -- history ------------------------------------------------------------------


def played(scenario_path: str, picks: list[int], when: datetime) -> Outcome:
    scenario, problems = load_file(ROOT / scenario_path, scenario_path)
    assert scenario is not None, problems
    rehearsal = Rehearsal(scenario, clock=lambda: when)
    for number in picks:
        rehearsal.pick(number)
    return rehearsal.outcome()


def history_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    assert run("history", "--json", *args) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_history_json_on_a_fresh_dir_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert history_json(capsys, "--data-dir", str(tmp_path / "a")) == []
    monkeypatch.setenv("PARTWAYS_DATA_DIR", str(tmp_path / "b"))
    assert history_json(capsys) == []
    assert run("history") == 0
    assert capsys.readouterr().out == "No rehearsals yet. Run `partways` to start one.\n"


@pytest.mark.parametrize("via", ["option", "env", "option-before-command"])
def test_history_json_lists_newest_first(
    via: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    store = HistoryStore(data)
    store.add(played(GOOD, [1], datetime.fromisoformat("2024-05-01T10:00:00+02:00")))
    store.add(played(MARKUP, [1, 2], datetime.fromisoformat("2024-05-02T09:30:00+00:00")))
    store.add(played(GOOD, [2], datetime.fromisoformat("2024-05-03T08:00:00+00:00")))
    if via == "option":
        records = history_json(capsys, "--data-dir", str(data))
    elif via == "option-before-command":
        assert run("--data-dir", str(data), "history", "--json") == 0
        records = json.loads(capsys.readouterr().out)
    else:
        monkeypatch.setenv("PARTWAYS_DATA_DIR", str(data))
        records = history_json(capsys)
    assert [(r["scenario"], r["outcome"]) for r in records] == [
        ("cli-good", "stalled"),
        ("fixture-markup", "caved"),
        ("cli-good", "clean-exit"),
    ]
    starts = [datetime.fromisoformat(r["started"]) for r in records]
    assert starts == sorted(starts, reverse=True)
    assert starts[-1] == datetime.fromisoformat("2024-05-01T08:00:00+00:00")
    for record in records:
        assert set(record["scores"]) == SCORE_KEYS
        assert all(0 <= v <= 100 for v in record["scores"].values())


def test_history_prints_markup_in_a_record_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    HistoryStore(tmp_path).add(
        outcome_of(
            scenario="[bold]x[/]",
            outcome="[red]caved[/red]",
            started="2024-05-01T10:00:00+00:00",
            scores={"firmness": 10, "brevity": 20, "grace": 30, "handoff": 40},
        )
    )
    assert run("history", "--data-dir", str(tmp_path)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "[bold]x[/]" in out
    assert "[red]caved[/red]" in out
    assert "2024-05-01 10:00" in out
    row = next(line for line in out.splitlines() if "[bold]x[/]" in line)
    assert row.split()[-4:] == ["10", "20", "30", "40"]
    header = next(line for line in out.splitlines() if "started" in line)
    assert header.split() == ["started", "scenario", "outcome", *SCORE_NAMES]


@pytest.mark.parametrize("as_json", [True, False])
def test_history_sets_a_corrupt_database_aside(
    as_json: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "history.json").write_text("{not json", encoding="utf-8")
    args = ["history", "--data-dir", str(tmp_path)] + (["--json"] if as_json else [])
    assert run(*args) == 0
    out, err = capsys.readouterr()
    assert err.startswith("partways: warning: The history database was unreadable")
    no_traceback(err)
    if as_json:
        assert json.loads(out) == []
    assert not (tmp_path / "history.json").exists()
    aside = list(tmp_path.glob("history.json.corrupt-*"))
    assert len(aside) == 1
    assert str(aside[0]) in err
    assert aside[0].read_text(encoding="utf-8") == "{not json"
    # Next time there is nothing to warn about.
    assert history_json(capsys, "--data-dir", str(tmp_path)) == []


@pytest.mark.parametrize("as_json", [True, False])
@pytest.mark.parametrize(
    "raw",
    [
        '{"rehearsals":{"1":5}}',
        '{"rehearsals":{"abc":{}}}',
    ],
)
def test_history_sets_a_malformed_record_aside(
    raw: str, as_json: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "history.json").write_text(raw, encoding="utf-8")
    args = ["history", "--data-dir", str(tmp_path)] + (["--json"] if as_json else [])
    assert run(*args) == 0
    out, err = capsys.readouterr()
    no_traceback(err)
    assert err.startswith("partways: warning: The history database was unreadable")
    assert len(err.splitlines()) == 1
    if as_json:
        assert json.loads(out) == []
    (aside,) = tmp_path.glob("history.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == raw


def test_history_tidies_a_number_json_cannot_carry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = '{"rehearsals":{"1":{"scenario":"s","scores":{"firmness":Infinity}}}}'
    (tmp_path / "history.json").write_text(raw, encoding="utf-8")
    [record] = history_json(capsys, "--data-dir", str(tmp_path))
    assert record["scenario"] == "s"
    assert record["scores"]["firmness"] == 0
    assert list(tmp_path.glob("history.json.corrupt-*")) == []


HOSTILE = "\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m\x85\x7f\x00"


def hostile_history(folder: Path) -> None:
    (folder / "history.json").write_text(
        json.dumps(
            {
                "rehearsals": {
                    "1": {
                        "scenario": f"s{HOSTILE}",
                        "outcome": f"caved{HOSTILE}",
                        "started": f"2024{HOSTILE}",
                        "title": HOSTILE,
                        "turns": [{"said": f"hi{HOSTILE}\nthere", "tags": [HOSTILE]}],
                        "scores": {"firmness": 10, "brevity": 20, "grace": 30, "handoff": 40},
                    }
                }
            }
        ),
        encoding="utf-8",
    )


def control_free(text: str) -> bool:
    return all(ch == "\n" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in text)


def test_history_never_prints_control_characters_from_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_history(tmp_path)
    assert run("history", "--data-dir", str(tmp_path)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert control_free(out)
    row = next(line for line in out.splitlines() if "caved" in line)
    assert "s[2J]52;c;cm0gLXJmIH4=31m" in row
    assert row.split()[-4:] == ["10", "20", "30", "40"]


def test_history_json_holds_no_raw_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_history(tmp_path)
    assert run("history", "--json", "--data-dir", str(tmp_path)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert control_free(out)
    (got,) = json.loads(out)
    assert got["scenario"] == "s[2J]52;c;cm0gLXJmIH4=31m"
    assert got["turns"][0]["said"] == "hi[2J]52;c;cm0gLXJmIH4=31m\nthere"


def fifo_in(folder: Path) -> Path:
    fifo = folder / "history.json"
    os.mkfifo(fifo)
    return fifo


def dev_null_in(folder: Path) -> Path:
    link = folder / "history.json"
    link.symlink_to("/dev/null")  # a device; /dev/zero is the same case, but endless
    return link


def folder_in(folder: Path) -> Path:
    path = folder / "history.json"
    path.mkdir()
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/null")
@pytest.mark.parametrize("as_json", [True, False])
@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (fifo_in, "not a regular file (a pipe)"),
        (dev_null_in, "a symbolic link; partways does not follow it"),
        (folder_in, "it is a folder, not a file"),
    ],
)
def test_history_on_something_that_is_not_a_file_is_one_line_and_exit_1(
    make: Any, reason: str, as_json: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(tmp_path)
    args = ["history", "--data-dir", str(tmp_path)] + (["--json"] if as_json else [])
    with unblocking_fifo(path):
        assert run(*args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"partways: error: cannot read the history: {path}: {reason}\n"
    assert os.path.lexists(path)
    assert not list(tmp_path.glob("history.json.corrupt-*"))


def test_history_over_the_size_limit_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from partways.store import storage

    monkeypatch.setattr(storage, "HISTORY_LIMIT", 100)
    raw = json.dumps({"rehearsals": {"1": {"scenario": "x" * 200}}})
    (tmp_path / "history.json").write_text(raw, encoding="utf-8")
    assert run("history", "--data-dir", str(tmp_path)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("partways: error: cannot read the history: ")
    assert "file too big" in err and len(err.splitlines()) == 1
    assert (tmp_path / "history.json").read_text(encoding="utf-8") == raw


def test_history_that_cannot_be_read_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As root, mode 000 is still readable: make the read refuse as it would for a user.
    from partways.store import collection

    (tmp_path / "history.json").write_text('{"rehearsals": {}}', encoding="utf-8")

    def refuse(path: Path, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(collection, "read_own", refuse)
    assert run("history", "--data-dir", str(tmp_path)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"partways: error: cannot read the history: {tmp_path / 'history.json'}: "
        "permission denied\n"
    )


def test_history_in_a_read_only_data_dir_still_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from partways.store import collection

    HistoryStore(tmp_path).add(played(GOOD, [1], datetime(2024, 5, 1, 10, 0).astimezone()))

    def no_lock(lock_path: Path) -> None:  # the folder is read-only: no lock file
        raise PermissionError(13, "Permission denied", str(lock_path))

    monkeypatch.setattr(collection, "locked", no_lock)
    records = history_json(capsys, "--data-dir", str(tmp_path))
    assert [r["scenario"] for r in records] == ["cli-good"]


# -- coach --------------------------------------------------------------------


def check_coach_json(payload: dict[str, Any], text: str) -> None:
    assert set(payload) == {"stance", "language", "findings", "scores", "note"}
    assert isinstance(payload["note"], str) and payload["note"]
    assert payload["stance"] in {"firm", "waffle", "cave", "hostile"}
    assert payload["language"] in {"en", "sv", "fr", "hr", "bg"}
    for finding in payload["findings"]:
        assert set(finding) == {"tag", "kind", "start", "end", "text", "advice"}
        assert isinstance(finding["start"], int) and isinstance(finding["end"], int)
        assert 0 <= finding["start"] < finding["end"] <= len(text)
        assert finding["text"] == text[finding["start"] : finding["end"]]
        assert isinstance(finding["advice"], str) and finding["advice"]
    assert set(payload["scores"]) == SCORE_KEYS
    for value in payload["scores"].values():
        assert isinstance(value, int) and 0 <= value <= 100


def coach_json(capsys: pytest.CaptureFixture[str], text: str, *args: str) -> dict[str, Any]:
    status = run("coach", text, "--json", *args)
    out, err = capsys.readouterr()
    assert err == ""
    assert out.count("\n") == 1  # one object, on one line
    payload = json.loads(out)
    assert status == (0 if payload["stance"] == "firm" else 1)  # 0 firm, 1 not
    check_coach_json(payload, text)
    return payload


@pytest.mark.parametrize(
    "text",
    [
        "I think maybe we could, like, pause things?",
        "🙂 Sorry, I just think maybe we should stop. Is that okay?",  # offsets in code points
        "Thanks for everything. I've decided to end our work on the 30th; I'll send the files.",
        "This is all your fault.",
    ],
)
def test_coach_json_shape(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    coach_json(capsys, text)


def test_coach_json_finds_a_hedge(capsys: pytest.CaptureFixture[str]) -> None:
    text = "🙂 I think maybe we could, like, pause things?"
    payload = coach_json(capsys, text)
    assert payload["stance"] == "waffle"
    assert payload["language"] == "en"
    hedges = [f for f in payload["findings"] if f["tag"] == "hedge"]
    assert {"start": text.index("maybe"), "end": text.index("maybe") + 5, "text": "maybe"} in [
        {k: f[k] for k in ("start", "end", "text")} for f in hedges
    ]


def test_coach_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    text = "Jag har bestämt mig.\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert run("coach", "--json") == 0  # firm
    payload = json.loads(capsys.readouterr().out)
    check_coach_json(payload, text)
    assert payload["language"] == "sv"
    assert payload["stance"] == "firm"


def test_coach_human_output(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setattr(sys, "stdin", io.StringIO("I think maybe we could talk?"))
    assert run("coach") == 1  # not firm
    out, err = capsys.readouterr()
    assert err == ""
    first, *rest = out.splitlines()
    assert first == "stance: waffle  (en)"
    assert "  I think [maybe]{hedge} we could talk?" in rest or any(
        "[maybe]{hedge}" in line for line in rest
    )
    assert any("hedge" in line and "'maybe'" in line for line in rest)
    assert any(line.startswith("note: ") for line in rest)
    assert rest[-1].split()[0::2] == ["firmness", "brevity", "grace", "handoff"]


def test_coach_lang_is_used(capsys: pytest.CaptureFixture[str]) -> None:
    assert coach_json(capsys, "Jag har bestämt mig.", "--lang", "sv")["language"] == "sv"
    # --lang wins over detection.
    assert coach_json(capsys, "I have decided to stop.", "--lang", "sv")["language"] == "sv"


@pytest.mark.parametrize("extra", [["hello"], []])
def test_coach_bad_lang_exits_2(
    extra: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("hello"))
    assert run("coach", *extra, "--lang", "xx") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "partways: error: --lang xx: use one of en, sv, fr, hr, bg\n"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jag har bestämt mig för att avsluta vårt samarbete.", "sv"),
        ("Реших да прекратим работата ни в края на месеца.", "bg"),
        ("I have decided to end our work together at the end of the month.", "en"),
    ],
)
def test_coach_detects_the_language(text: str, lang: str, capsys: pytest.CaptureFixture[str]):
    assert coach_json(capsys, text)["language"] == lang


def binary_stdin(data: bytes) -> io.TextIOWrapper:
    """A standard input that holds ``data`` (decoded strictly, like a UTF-8 locale's)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")


LONG = " ".join(["word"] * 70)  # over-explains: one finding spans the middle


def test_coach_invalid_utf8_on_stdin_is_replaced_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", binary_stdin(f"a\xff {LONG}\xff {LONG}".encode("latin-1")))
    assert run("coach", "--json") == 1
    out, err = capsys.readouterr()
    no_traceback(err)
    payload = json.loads(out)
    text = f"a\ufffd {LONG}\ufffd {LONG}"
    check_coach_json(payload, text)
    assert any("\ufffd" in f["text"] for f in payload["findings"])
    monkeypatch.setattr(sys, "stdin", binary_stdin(b"a\xff maybe"))
    assert run("coach") == 1
    no_traceback(capsys.readouterr().err)


def test_coach_an_undecodable_argument_is_replaced(capsys: pytest.CaptureFixture[str]) -> None:
    # Python hands undecodable argument bytes over as lone surrogates.
    given = f"maybe \udcff {LONG} \ud800 {LONG}"
    assert run("coach", given, "--json") == 1
    out = capsys.readouterr().out
    payload = json.loads(out)
    check_coach_json(payload, f"maybe \ufffd {LONG} \ufffd {LONG}")
    assert out.isascii() and "\\ud" not in out.lower()


def test_coach_json_is_ascii_and_prints_no_control_character(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = f"{LONG} \x1b[2J\x9b\x7f {LONG} å 🙂"
    payload = coach_json(capsys, text)
    assert any("\x1b" in f["text"] for f in payload["findings"])  # the JSON keeps the text
    assert run("coach", text, "--json") == 1
    out = capsys.readouterr().out
    assert out.isascii() and "\\u001b" in out and "\\u009b" in out and "\\u007f" in out


def test_coach_human_output_writes_controls_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("coach", f"maybe {LONG} \x1b[2J\x9b {LONG}") == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert "\x1b" not in out and "\x9b" not in out
    assert "\\x1b[2J\\x9b" in out


@pytest.mark.parametrize("args", [["coach"], ["coach", "--json"]])
def test_coach_in_a_c_locale_writes_no_raw_bytes_and_never_fails(args: list[str]) -> None:
    env = {
        **os.environ,
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONUTF8": "0",
        "COLUMNS": "200",
    }
    env.pop("PYTHONIOENCODING", None)
    head = f"Tack så mycket, kanske jag har bestämt mig. {LONG} ".encode()
    data = head + b"\xff " + LONG.encode()
    result = subprocess.run(
        [installed_partways(), *args], input=data, capture_output=True, env=env, check=False
    )
    assert result.returncode == 1, result.stderr  # hedged: not firm
    assert result.stderr == b""
    assert result.stdout.isascii()  # escapes, never a raw invalid byte
    if "--json" in args:
        payload = json.loads(result.stdout)
        assert payload["language"] == "sv"
        assert any(f["text"] == "Tack s\u00e5 mycket" for f in payload["findings"])
        assert any("\ufffd" in f["text"] for f in payload["findings"])
    else:
        assert b"Tack s\\xe5 mycket" in result.stdout


class Endless(io.RawIOBase):
    """A stream of zero bytes that never ends (like /dev/zero); counts what is read."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.given > 64 * 1024 * 1024:  # a reader without a bound: fail, not swap
            raise AssertionError("read 64 MiB from an endless stdin")
        size = len(buffer)
        buffer[:size] = bytes(size)
        self.given += size
        return size


def test_coach_stdin_is_read_up_to_a_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from partways.coach.intake import MAX_INPUT_BYTES

    endless = Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    assert run("coach", "--json") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "partways: error: the text is longer than 1 MiB; "
        "coach one reply or message draft at a time\n"
    )
    assert endless.given <= MAX_INPUT_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_coach_from_dev_zero_stops(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [installed_partways(), "coach"], stdin=zero, capture_output=True, check=False
        )
    assert result.returncode == 2
    assert result.stderr.startswith(b"partways: error: the text is longer than 1 MiB")


def test_coach_a_text_argument_is_bounded_too(capsys: pytest.CaptureFixture[str]) -> None:
    from partways.coach.intake import MAX_INPUT_BYTES

    assert run("coach", "é" * (MAX_INPUT_BYTES // 2), "--json") == 1  # exactly the limit
    capsys.readouterr()
    assert run("coach", "é" * (MAX_INPUT_BYTES // 2 + 1), "--json") == 2
    assert "longer than 1 MiB" in capsys.readouterr().err


def test_coach_help_states_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("coach", "--help") == 0
    assert "at most 1 MiB" in capsys.readouterr().out


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", "\u200b\u2060\ufeff", "\x1b\x00 \u3000"])
@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_coach_empty_text_has_no_stance(
    text: str,
    json_flag: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for args in (["coach", text, *json_flag], ["coach", *json_flag]):
        monkeypatch.setattr(sys, "stdin", binary_stdin(text.encode("utf-8")))
        assert run(*args) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err == "partways: error: nothing to coach: the text is empty\n"


def test_coach_a_closed_stdin_is_empty(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert run("coach", "--json") == 2
    assert "nothing to coach" in capsys.readouterr().err


# -- version and help -----------------------------------------------------------


@pytest.mark.parametrize("args", [["--version"], ["-V"], ["--data-dir", "x", "--version"]])
def test_version(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*args) == 0
    assert capsys.readouterr() == (f"partways {__version__}\n", "")


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--help") == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: partways")
    for command in ("play", "validate", "history", "coach"):
        assert command in out
    for command in ("play", "validate", "history", "coach"):
        assert run(command, "--help") == 0
        assert capsys.readouterr().out.startswith(f"usage: partways {command}")


# -- play and the app ------------------------------------------------------------


@pytest.fixture
def app_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def fake_app(
        options: Any, start: Any = None, catalog: Any = None, packs: Any = None, **names: str
    ) -> int:
        calls.append(
            {"options": options, "start": start, "names": names, "catalog": catalog, "packs": packs}
        )
        return 0

    monkeypatch.setattr(cli, "cmd_app", fake_app)
    return calls


def test_play_an_id_passes_the_scenario_and_names(
    app_calls: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["play", "cli-good", "--scenarios", f"{CLI}/good", "--client", "Acme", "--you", "Me"]
    assert run(*args) == 0
    [call] = app_calls
    assert call["start"].id == "cli-good"
    assert call["names"] == {"client": "Acme", "you": "Me"}
    assert run("--scenarios", f"{CLI}/good", "play", "cli-good") == 0
    assert app_calls[-1]["start"].id == "cli-good"
    assert app_calls[-1]["names"] == {}
    assert capsys.readouterr() == ("", "")


def test_a_warm_play_takes_its_scenario_from_the_cache_alone(
    app_calls: list[dict[str, Any]],
) -> None:
    """Start-up: with the cache current, ``play ID`` and ``play FILE`` decode only their
    scenario; the catalog is left to the app (it loads behind the first screen)."""
    assert run("play", "angry-late-payer") == 0  # warms the cache if it was cold
    for wanted in ("angry-late-payer", "scenarios/angry-late-payer.yaml"):
        assert run("play", wanted) == 0
        call = app_calls[-1]
        assert call["start"].id == "angry-late-payer"
        assert call["catalog"] is None and call["packs"] is not None
        assert call["packs"].loaded is None


def test_play_a_bundled_id_and_a_file(app_calls: list[dict[str, Any]]) -> None:
    assert run("play", "angry-late-payer") == 0
    assert app_calls[-1]["start"].id == "angry-late-payer"
    assert run("play", MARKUP, "--you", "Me") == 0
    assert app_calls[-1]["start"].id == "fixture-markup"
    assert app_calls[-1]["names"] == {"you": "Me"}


def test_play_an_id_from_the_env_folders(
    app_calls: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTWAYS_SCENARIOS", os.pathsep.join([f"{CLI}/bad", f"{CLI}/good"]))
    assert run("play", "cli-good") == 0
    assert app_calls[-1]["start"].id == "cli-good"


def test_no_command_opens_the_app(app_calls: list[dict[str, Any]]) -> None:
    assert run() == 0
    assert app_calls[-1]["start"] is None


def test_the_catalog_is_cached_in_the_cache_folder_not_the_data_folder(
    app_calls: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, data = tmp_path / "my-cache", tmp_path / "data"
    monkeypatch.setenv(CACHE_DIR_ENV, str(cache))
    assert run("play", "cli-good", "--scenarios", f"{CLI}/good", "--data-dir", str(data)) == 0
    assert app_calls[-1]["start"].id == "cli-good"
    assert (cache / "catalog.json").is_file()
    assert not data.exists(), "nothing goes to the data folder"


def test_play_an_unknown_id_suggests_the_nearest(
    app_calls: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("play", "cli-godo", "--scenarios", f"{CLI}/good") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "partways: error: no scenario with id 'cli-godo'; did you mean 'cli-good'? "
        "(see `partways validate`)\n"
    )
    assert run("play", "angry-late-payr") == 2
    assert "did you mean 'angry-late-payer'?" in capsys.readouterr().err
    assert app_calls == []


def test_play_a_broken_file_prints_its_diagnostics(
    app_calls: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("play", BAD) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == lines(BAD, BAD_PROBLEMS) + f"partways: {BAD} is not a valid scenario\n"
    assert app_calls == []


def test_play_a_missing_file_exits_2(
    app_calls: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("play", "no/such/file.yaml") == 2
    assert capsys.readouterr() == ("", "partways: error: no/such/file.yaml: no such file\n")
    assert app_calls == []


@pytest.mark.parametrize(
    "args",
    [
        ["play", "cli-good", "--scenarios", "no/such/folder"],
        ["--scenarios", "no/such/folder", "play", "cli-good"],
    ],
)
def test_a_missing_scenarios_folder_exits_2(
    args: list[str], app_calls: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(*args) == 2
    assert capsys.readouterr() == (
        "",
        "partways: error: --scenarios no/such/folder: no such folder\n",
    )
    assert app_calls == []


# -- the installed command -------------------------------------------------------


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTWAYS_")}
    env.update(extra)
    return env


def run_command(args: list[str], tmp_path: Path, stdin: str | None = None):
    env = clean_env(PARTWAYS_DATA_DIR=str(tmp_path))
    env[CACHE_DIR_ENV] = os.environ[CACHE_DIR_ENV]  # the test's own (tests/conftest.py)
    return subprocess.run(
        args,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def test_module_validate_in_a_subprocess(tmp_path: Path) -> None:
    done = run_command([sys.executable, "-m", "partways.cli", "validate", f"./{BAD}"], tmp_path)
    assert done.returncode == 1
    assert done.stdout == lines(f"./{BAD}", BAD_PROBLEMS)
    done = run_command([sys.executable, "-m", "partways.cli", "validate", "nope.yaml"], tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "partways: error: nope.yaml: no such file or folder\n"


def test_module_coach_from_stdin_in_a_subprocess(tmp_path: Path) -> None:
    text = "Jag har bestämt mig."
    done = run_command(
        [sys.executable, "-m", "partways.cli", "coach", "--json"], tmp_path, stdin=text
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    check_coach_json(payload, text)
    assert payload["language"] == "sv"


def test_commands_without_a_screen_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from partways.cli import main\n"
        f"assert main(['validate', {GOOD!r}]) == 0\n"
        "assert main(['history', '--json']) == 0\n"
        "assert main(['coach', 'hello', '--json']) == 1\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    done = run_command([sys.executable, "-c", code], tmp_path)
    assert done.returncode == 0, done.stderr


def test_installed_script(tmp_path: Path) -> None:
    script = installed_partways()
    done = run_command([script, "--version"], tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"partways {__version__}\n", "")
    done = run_command([script, "validate"], tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    done = run_command([script, "play", "angry-late-payr"], tmp_path)
    assert done.returncode == 2
    assert "did you mean 'angry-late-payer'?" in done.stderr
    no_traceback(done.stderr)
    done = run_command([script, "history", "--json"], tmp_path)
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


def test_the_app_with_a_missing_scenarios_folder_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import partways.tui.app

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the app must not be opened")

    monkeypatch.setattr(partways.tui.app, "PartwaysApp", never)
    assert run("--scenarios", "no/such/folder") == 2
    error = "partways: error: --scenarios no/such/folder: no such folder\n"
    assert capsys.readouterr() == ("", error)
