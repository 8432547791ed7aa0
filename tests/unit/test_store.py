"""The history store: atomic writes, owner-only files, corrupt files set aside, two writers."""

from __future__ import annotations

import json
import multiprocessing
import stat
from pathlib import Path

import pytest

from partways.store import storage
from partways.store.history import DB_NAME, HistoryStore


def record(n: int, scenario: str = "s", outcome: str = "clean-exit") -> dict:
    return {
        "scenario": scenario,
        "outcome": outcome,
        "abandoned": outcome == "abandoned",
        "started": f"2026-01-01T00:00:{n:02d}+00:00",
        "scores": {"firmness": n, "brevity": 50, "grace": 70, "handoff": 40},
    }


def test_history_is_newest_first(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    for n in range(3):
        store.add(record(n))
    assert [r["scores"]["firmness"] for r in store.all()] == [2, 1, 0]


def test_empty_history_creates_nothing(tmp_path: Path) -> None:
    assert HistoryStore(tmp_path / "new").all() == []
    assert not (tmp_path / "new" / DB_NAME).exists()


def test_files_are_readable_by_owner_only(tmp_path: Path) -> None:
    HistoryStore(tmp_path / "data").add(record(1))
    mode = stat.S_IMODE((tmp_path / "data" / DB_NAME).stat().st_mode)
    assert mode == 0o600


def test_corrupt_database_is_set_aside_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_text('{"rehearsals": {"1": {"scen', encoding="utf-8")
    store = HistoryStore(tmp_path)
    assert store.all() == []
    assert store.notice is not None and "moved to" in store.notice
    aside = list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8").startswith('{"rehearsals"')
    store.add(record(5))
    assert len(store.all()) == 1


def test_a_crash_mid_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(tmp_path)
    store.add(record(1))
    before = (tmp_path / DB_NAME).read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(storage.os, "replace", crash)
    with pytest.raises(OSError):
        store.add(record(2))
    monkeypatch.undo()
    assert (tmp_path / DB_NAME).read_bytes() == before
    assert not list(tmp_path.glob("*.tmp")), "the temporary file is cleaned up"
    assert len(store.all()) == 1


def _writer(folder: str, base: int) -> None:
    store = HistoryStore(Path(folder))
    for n in range(25):
        store.add(record(base + n, scenario=f"w{base}"))


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(str(tmp_path), b)) for b in (0, 100)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    records = HistoryStore(tmp_path).all()
    assert len(records) == 50
    json.loads((tmp_path / DB_NAME).read_text(encoding="utf-8"))


def test_best_prefers_clean_exits_and_skips_abandoned(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add(record(90, outcome="caved"))
    store.add(record(10, outcome="clean-exit"))
    store.add(record(99, outcome="abandoned"))
    best = store.best()["s"]
    assert best.outcome == "clean-exit"
    assert best.count == 3


def test_hand_edited_records_are_tidied_not_fatal(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_text(
        json.dumps(
            {
                "rehearsals": {
                    "1": {"scenario": 7, "scores": ["x"]},
                    "2": {"scenario": "s", "outcome": "clean-exit", "scores": {"grace": "lots"}},
                }
            }
        ),
        encoding="utf-8",
    )
    store = HistoryStore(tmp_path)
    records = store.all()
    assert records[0]["scores"] == {"firmness": 0, "brevity": 0, "grace": 0, "handoff": 0}
    assert records[1]["scenario"] == "7"
    assert store.best()["s"].overall == 0
