"""HistoryStore on the journal: summaries and rows from the indexes, get by key, the
migration of an old history.json, export / import, and the history CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from partways.cli import main
from partways.records import Outcome
from partways.store.history import DB_NAME, HistoryStore, Summary, best_of
from partways.store.index import META, Best
from partways.vocab import ABANDONED, Ending
from tests.conftest import outcome_of


def rehearsal(n: int, scenario: str = "s", outcome: str = Ending.CLEAN_EXIT) -> Outcome:
    return outcome_of(
        scenario=scenario,
        outcome=outcome,
        started=f"2026-01-01T00:{n:02d}:00+00:00",
        finished=f"2026-01-01T00:{n:02d}:30+00:00",
        scores={"firmness": n, "brevity": 50, "grace": 70, "handoff": 40},
        turns=[
            {"said": "maybe", "stance": "waffle", "tags": ["hedge", "hedge"]},
            {"said": "I stop.", "stance": "firm", "tags": ["decision"]},
        ],
    )


def test_summaries_keep_best_last_and_count(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(90, outcome=Ending.CAVED))
    store.add(rehearsal(10))
    store.add(rehearsal(99, outcome=ABANDONED))
    store.add(rehearsal(5, scenario="t", outcome=ABANDONED))
    summary = store.summaries().value
    assert summary["s"] == Summary(
        Best(Ending.CLEAN_EXIT, 42, 3), ABANDONED, 65, "2026-01-01T00:99:30+00:00", 3
    )
    assert summary["t"].best is None and summary["t"].count == 1
    assert store.best().value == {"s": Best(Ending.CLEAN_EXIT, 42, 3)}
    assert store.best().value == best_of(store.all().value)


def test_rows_are_light_newest_first_and_get_gives_the_transcript(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    for n in range(3):
        store.add(rehearsal(n))
    rows = store.rows().value
    assert [row.scores.firmness for row in rows] == [2, 1, 0]
    assert store.rows(newest=2).value == rows[:2]  # a first page: the newest
    assert store.rows(newest=10).value == rows and store.rows(newest=0).value == []
    row = rows[0]
    assert (row.turns, dict(row.tags), dict(row.stances)) == (
        2,
        {"hedge": 1, "decision": 1},
        {"waffle": 1, "firm": 1},
    )
    full = store.get(row.key).value
    assert full is not None and full.turns[0].said == "maybe"
    assert store.get("nope").value is None


def test_summaries_read_no_transcript(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(1))
    fresh = HistoryStore(tmp_path)
    monkeypatch.setattr(fresh.records, "load", lambda session: pytest.fail("read the records"))
    assert fresh.summaries().value["s"].count == 1
    assert len(fresh.rows().value) == 1


def test_an_old_history_json_is_read_and_indexed(tmp_path: Path) -> None:
    old = {
        "rehearsals": {
            "1": rehearsal(3).to_json(),
            "2": rehearsal(7, scenario="t", outcome=Ending.CAVED).to_json(),
        }
    }
    (tmp_path / DB_NAME).write_text(json.dumps(old), encoding="utf-8")
    store = HistoryStore(tmp_path)
    assert store.summaries().value["t"].last_outcome == Ending.CAVED
    assert [o.scores.firmness for o in store.all().value] == [7, 3]
    assert [r.key for r in store.rows().value] == ["2", "1"]
    store.add(rehearsal(9))
    assert store.summaries().value["s"].count == 2


def test_an_index_that_missed_the_last_record_catches_up(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(1))
    # A crash after the record was written, before its row and summary were.
    store.records.put("late", rehearsal(2).to_json())
    fresh = HistoryStore(tmp_path)
    assert fresh.summaries().value["s"].count == 2
    assert {r.key for r in fresh.rows().value} >= {"late"}


def test_a_corrupt_index_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(1))
    store.add(rehearsal(2))
    store.summary_index.compact(store.summary_index.session(write=True).__enter__())
    (tmp_path / "history-summary.json").write_text("[]")
    read = store.summaries()
    assert read.notice is not None and "moved to" in read.notice
    assert read.value["s"].count == 2
    (tmp_path / "history-rows.journal").write_bytes(b"junk\n")
    rows = store.rows()
    assert rows.notice is not None and len(rows.value) == 2


def test_the_meta_record_is_never_a_scenario(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(1, scenario=META))
    assert META not in store.summaries().value


def test_export_then_import_round_trips_and_twice_adds_nothing(tmp_path: Path) -> None:
    source = HistoryStore(tmp_path / "a")
    for n in range(4):
        source.add(rehearsal(n, scenario=f"s{n % 2}"))
    out = tmp_path / "backup.json"
    assert source.export(out) == 4
    target = HistoryStore(tmp_path / "b")
    target.add(rehearsal(50))
    first = target.import_(out)
    assert (first.added, first.skipped) == (4, 0)
    again = target.import_(out)
    assert (again.added, again.skipped) == (0, 4)
    assert source.import_(out).added == 0
    keys = {key for key, _ in source.items().value}
    assert keys <= {key for key, _ in target.items().value}
    assert sorted(o.to_json()["started"] for o in target.all().value)[:4] == sorted(
        o.to_json()["started"] for o in source.all().value
    )
    assert target.summaries().value["s0"].count == 2


def test_a_list_without_ids_imports_once(tmp_path: Path) -> None:
    listed = tmp_path / "list.json"
    same = rehearsal(1).to_json()
    listed.write_text(json.dumps([same, same, rehearsal(2).to_json()]))
    store = HistoryStore(tmp_path / "h")
    assert (store.import_(listed).added, store.import_(listed).added) == (3, 0)


# -- the CLI ---------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_export_import_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = HistoryStore(tmp_path / "a")
    store.add(rehearsal(1, scenario="=cmd"))
    store.add(rehearsal(2))
    out_file = str(tmp_path / "x.json")
    assert run(capsys, "history", "export", out_file, "--data-dir", str(tmp_path / "a"))[0] == 0
    status, out, _ = run(capsys, "history", "import", out_file, "--data-dir", str(tmp_path / "b"))
    assert (status, out) == (0, "added 2, skipped 0\n")
    status, out, _ = run(capsys, "history", "import", out_file, "--data-dir", str(tmp_path / "b"))
    assert out == "added 0, skipped 2\n"
    status, out, _ = run(capsys, "history", "--csv", "--data-dir", str(tmp_path / "b"))
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:4] == ["id", "started", "finished", "scenario"]
    assert [row[3] for row in table[1:]] == ["s", "'=cmd"], "no formula reaches a spreadsheet"
    status, out, _ = run(capsys, "history", "--json", "--data-dir", str(tmp_path / "b"))
    listed = json.loads(out)
    assert {"id", "scenario", "outcome", "started", "scores", "turns"} <= set(listed[0])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{}", "not a partways history export"),
        ("[1, 2]", "not a partways history export"),
        ("{not json", "not a partways history export"),
    ],
)
def test_cli_import_errors_are_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content)
    status, out, err = run(capsys, "history", "import", str(path), "--data-dir", str(tmp_path))
    assert status == 2 and out == ""
    assert err.startswith("partways: error: ") and message in err and err.count("\n") == 1


def test_cli_history_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "history", "export", "--data-dir", str(tmp_path))[0] == 2
    assert run(capsys, "history", "export", "f", "--json", "--data-dir", str(tmp_path))[0] == 2
    assert run(capsys, "history", "--json", "--csv", "--data-dir", str(tmp_path))[0] == 2
