"""The history store: atomic writes, owner-only files, corrupt files set aside, two writers."""

from __future__ import annotations

import contextlib
import errno
import json
import multiprocessing
import os
import stat
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from partways.engine import Outcome, Rehearsal
from partways.scenario.loader import load_file
from partways.scores import Scores
from partways.store import collection, history, storage
from partways.store.history import DB_NAME, HistoryStore, HistoryUnavailable
from partways.store.tidy import tidy
from partways.text import has_control
from partways.vocab import ABANDONED, Ending
from tests.conftest import FIXTURES, outcome_of


def record(n: int, scenario: str = "s", outcome: str = Ending.CLEAN_EXIT) -> dict:
    return {
        "scenario": scenario,
        "outcome": outcome,
        "abandoned": outcome == ABANDONED,
        "started": f"2026-01-01T00:00:{n:02d}+00:00",
        "scores": {"firmness": n, "brevity": 50, "grace": 70, "handoff": 40},
    }


def rehearsal(n: int, scenario: str = "s", outcome: str = Ending.CLEAN_EXIT) -> Outcome:
    """:func:`record` as the typed outcome the store takes."""
    return outcome_of(**record(n, scenario, outcome))


def firmness(store: HistoryStore) -> list[int]:
    return [o.scores.firmness for o in store.all().value]


def test_history_is_newest_first(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    for n in range(3):
        store.add(rehearsal(n))
    assert firmness(store) == [2, 1, 0]


def test_empty_history_creates_nothing(tmp_path: Path) -> None:
    assert HistoryStore(tmp_path / "new").all().value == []
    assert not (tmp_path / "new" / DB_NAME).exists()


def test_files_are_readable_by_owner_only(tmp_path: Path) -> None:
    HistoryStore(tmp_path / "data").add(rehearsal(1))
    mode = stat.S_IMODE((tmp_path / "data" / DB_NAME).stat().st_mode)
    assert mode == 0o600


def test_corrupt_database_is_set_aside_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_text('{"rehearsals": {"1": {"scen', encoding="utf-8")
    store = HistoryStore(tmp_path)
    read = store.all()
    assert read.value == []
    assert read.notice is not None and "moved to" in read.notice
    aside = list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8").startswith('{"rehearsals"')
    store.add(rehearsal(5))
    assert len(store.all().value) == 1


def test_a_crash_mid_compaction_keeps_the_old_snapshot_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(1))
    store.records.compact(store.records.session(write=True).__enter__())
    before = (tmp_path / DB_NAME).read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("power cut")

    store.records.compact_at = 0  # every write compacts
    monkeypatch.setattr(storage.os, "replace", crash)
    assert store.add(rehearsal(2)).notice is None, "the record is safe in the journal"
    monkeypatch.undo()
    assert (tmp_path / DB_NAME).read_bytes() == before
    assert not list(tmp_path.glob("*.tmp")), "the temporary file is cleaned up"
    assert firmness(HistoryStore(tmp_path)) == [2, 1]


def _writer(folder: str, base: int) -> None:
    store = HistoryStore(Path(folder))
    for n in range(25):
        store.add(rehearsal(base + n, scenario=f"w{base}"))


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(str(tmp_path), b)) for b in (0, 100)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    records = HistoryStore(tmp_path).all().value
    assert len(records) == 50
    json.loads((tmp_path / DB_NAME).read_text(encoding="utf-8"))


def test_best_prefers_clean_exits_and_skips_abandoned(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(90, outcome="caved"))
    store.add(rehearsal(10, outcome="clean-exit"))
    store.add(rehearsal(99, outcome="abandoned"))
    best = store.best().value["s"]
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
    records = store.all().value
    assert records[0].scores == Scores(0, 0, 0, 0)
    assert records[1].scenario == "7"
    assert store.best().value["s"].overall == 0


# -- hostile history files ------------------------------------------------------------

# Each of these is not a TinyDB document partways can use: set aside, never fatal.
MALFORMED = {
    "record not an object": b'{"rehearsals":{"1":5}}',
    "id not a number": b'{"rehearsals":{"abc":{}}}',
    "top level a list": b"[]",
    "table a list": b'{"rehearsals":[]}',
    "id with a sign": b'{"rehearsals":{"-1":{}}}',
    "id of non-ASCII digits": '{"rehearsals":{"١":{}}}'.encode(),
    "the same id twice": b'{"rehearsals":{"1":{},"01":{}}}',
    "a lone surrogate": b'{"rehearsals":{"1":{"scenario":"\\ud800"}}}',
    "a lone surrogate in a key": b'{"rehearsals":{"1":{"\\udc00":1}}}',
    "nested too deeply": b'{"rehearsals":{"1":{"x":' + b"[" * 100 + b"]" * 100 + b"}}}",
    "nested past the recursion limit": b'{"rehearsals":{"1":{"x":' + b"[" * 100_000 + b"}}}",
    "not UTF-8": b'{"rehearsals":{"1":{"scenario":"\xff"}}}',
}


@pytest.mark.parametrize("raw", list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_documents_are_set_aside_keeping_their_bytes(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / DB_NAME).write_bytes(raw)
    store = HistoryStore(tmp_path)
    read = store.all()
    assert read.value == []
    assert read.notice is not None and "moved to" in read.notice
    assert not (tmp_path / DB_NAME).exists()
    (aside,) = tmp_path.glob(f"{DB_NAME}.corrupt-*")
    assert aside.read_bytes() == raw
    assert store.best().value == {}
    assert store.all().notice is None, "set aside once, not again"
    store.add(rehearsal(1))
    assert firmness(store) == [1]


# Numbers JSON cannot carry are tidied like any odd value: the history stays.
UNCARRIED_NUMBERS = {
    "Infinity": b'{"rehearsals":{"1":{"scores":{"firmness":Infinity,"grace":70}}}}',
    "NaN": b'{"rehearsals":{"1":{"scores":{"firmness":NaN,"grace":70}}}}',
    "float overflow": b'{"rehearsals":{"1":{"scores":{"firmness":1e999,"grace":70}}}}',
    "int of 5000 digits": b'{"rehearsals":{"1":{"scores":{"firmness":'
    + b"9" * 5000
    + b',"grace":70}}}}',
}


@pytest.mark.parametrize("raw", list(UNCARRIED_NUMBERS.values()), ids=list(UNCARRIED_NUMBERS))
def test_numbers_json_cannot_carry_are_tidied_not_fatal(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / DB_NAME).write_bytes(raw)
    store = HistoryStore(tmp_path)
    read = store.all()
    [tidied] = read.value
    assert tidied.scores == Scores(0, 0, 70, 0)
    assert read.notice is None
    assert (tmp_path / DB_NAME).read_bytes() == raw, "reading changes nothing"
    store.add(rehearsal(1))
    assert firmness(store) == [1, 0]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + json.dumps({"rehearsals": {"1": record(7)}}).encode()
    (tmp_path / DB_NAME).write_bytes(raw)
    store = HistoryStore(tmp_path)
    assert firmness(store) == [7]
    assert store.all().notice is None
    assert (tmp_path / DB_NAME).read_bytes() == raw, "reading changes nothing"
    store.add(rehearsal(8))
    assert firmness(store) == [8, 7]


def test_tidy_makes_a_well_typed_record_of_any_json_values() -> None:
    junk: dict = {
        "scenario": float("inf"),
        "title": [[[{"a": None}]]],
        "outcome": "clean-exit\x1b[2J\x9b",
        "abandoned": "yes",
        "ending_node": float("nan"),
        "client_line": {"x": 1},
        "lesson": None,
        "client_name": "\ud800",
        "started": 2024,
        "turns": [5, {"said": "hi\x1b]52;c;aGk=\x07", "choice": True, "tags": ["a", 1, None]}],
        "scores": {"firmness": float("inf"), "brevity": "99", "grace": 10**40, "handoff": -5},
        "extra": "dropped",
    }
    tidied = tidy(junk)
    assert tidied["scenario"] == ""
    assert tidied["title"] == ""
    assert tidied["outcome"] == "clean-exit[2J"
    assert tidied["abandoned"] is False
    assert tidied["ending_node"] == ""
    assert tidied["lesson"] is None
    assert tidied["client_name"] == "\ufffd"
    assert tidied["started"] == "2024"
    assert tidied["scores"] == {"firmness": 0, "brevity": 99, "grace": 100, "handoff": 0}
    assert "extra" not in tidied
    (turn,) = tidied["turns"]
    assert turn["said"] == "hi]52;c;aGk="
    assert turn["choice"] is None
    assert turn["tags"] == ["a"]
    assert turn["mood"] is None
    json.dumps(tidied, allow_nan=False).encode("utf-8")  # writable and printable


def test_an_int_too_long_to_print_is_tidied_away() -> None:
    assert tidy({"scenario": 10**5000})["scenario"] == ""


def test_a_record_with_outcome_abandoned_counts_as_abandoned(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_text(
        json.dumps({"rehearsals": {"1": {"scenario": "s", "outcome": "abandoned"}}}),
        encoding="utf-8",
    )
    assert HistoryStore(tmp_path).best().value == {}


def test_control_characters_never_leave_the_store(tmp_path: Path) -> None:
    hostile = "x\x1b[2J\x1b]52;c;aGk=\x07\x9b31m\x85\r\nok\t"
    (tmp_path / DB_NAME).write_text(
        json.dumps(
            {
                "rehearsals": {
                    "1": {
                        "scenario": hostile,
                        "outcome": hostile,
                        "started": hostile,
                        "turns": [{"said": hostile, "tags": [hostile]}],
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    store = HistoryStore(tmp_path)
    (got,) = store.all().value
    for text in (got.scenario, got.outcome, got.turns[0].said, *got.turns[0].tags):
        assert text == "x[2J]52;c;aGk=31m\nok\t"
        assert not has_control(text)
    (best,) = store.best().value.values()
    assert not has_control(best.outcome)


@contextlib.contextmanager
def unblocking_fifo(fifo: Path, after: float = 5.0) -> Iterator[None]:
    """Keep opening ``fifo`` for writing after a while, so that a reader stuck
    on it gets EOF and a regression fails instead of hanging the test run."""
    stop = threading.Event()

    def unblock() -> None:
        if stop.wait(after):
            return
        while not stop.wait(0.1):
            with contextlib.suppress(OSError):  # ENXIO: nobody is reading
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    thread = threading.Thread(target=unblock, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_history_is_unavailable_not_read_and_not_moved(tmp_path: Path) -> None:
    fifo = tmp_path / DB_NAME
    os.mkfifo(fifo)
    store = HistoryStore(tmp_path)
    with unblocking_fifo(fifo):
        with pytest.raises(HistoryUnavailable) as caught:
            store.all()
        with pytest.raises(HistoryUnavailable):
            store.best()
        with pytest.raises(HistoryUnavailable):
            store.add(rehearsal(1))
    assert str(caught.value) == f"{fifo}: not a regular file (a pipe)"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert not list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_symlink_to_a_device_is_unavailable_and_left_alone(tmp_path: Path) -> None:
    # /dev/null, not /dev/zero: without the fix this must fail, not eat all memory.
    (tmp_path / DB_NAME).symlink_to("/dev/null")
    store = HistoryStore(tmp_path)
    with pytest.raises(HistoryUnavailable, match=r"a symbolic link; partways does not follow it"):
        store.all()
    with pytest.raises(HistoryUnavailable):
        store.add(rehearsal(1))
    assert (tmp_path / DB_NAME).is_symlink()
    assert not list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))


def test_a_history_over_the_limit_is_unavailable_not_read_or_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "HISTORY_LIMIT", 1000)
    raw = json.dumps({"rehearsals": {str(n): record(n) for n in range(1, 20)}}).encode()
    (tmp_path / DB_NAME).write_bytes(raw)
    store = HistoryStore(tmp_path)
    with pytest.raises(HistoryUnavailable, match="too big"):
        store.all()
    with pytest.raises(HistoryUnavailable, match="too big"):
        store.add(rehearsal(99))
    assert (tmp_path / DB_NAME).read_bytes() == raw
    assert not list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))


def test_a_write_that_would_pass_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(1))
    files = {path: path.read_bytes() for path in tmp_path.glob("history*")}
    biggest = max(len(raw) for raw in files.values())
    monkeypatch.setattr(storage, "HISTORY_LIMIT", biggest + 10)
    with pytest.raises(HistoryUnavailable, match="too big"):
        store.add(rehearsal(2))
    assert {path: path.read_bytes() for path in tmp_path.glob("history*")} == files
    assert len(store.all().value) == 1


def test_a_folder_in_place_of_the_history_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).mkdir()
    store = HistoryStore(tmp_path)
    with pytest.raises(HistoryUnavailable, match="it is a folder, not a file"):
        store.all()
    with pytest.raises(HistoryUnavailable):
        store.add(rehearsal(1))
    assert (tmp_path / DB_NAME).is_dir()


def test_an_unreadable_history_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, who can read a mode-000 file: simulate the refusal.
    (tmp_path / DB_NAME).write_text(json.dumps({"rehearsals": {"1": record(1)}}))

    def refuse(path: object, limit: int) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(collection, "read_own", refuse)
    with pytest.raises(HistoryUnavailable, match="permission denied"):
        HistoryStore(tmp_path).all()
    assert (tmp_path / DB_NAME).exists()


def _no_lock(lock_path: Path) -> None:
    raise PermissionError(errno.EACCES, "Permission denied", str(lock_path))


def test_a_read_only_folder_still_lists_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    HistoryStore(tmp_path).add(rehearsal(3))
    monkeypatch.setattr(collection, "locked", _no_lock)  # the lock file cannot be created
    store = HistoryStore(tmp_path)
    assert firmness(store) == [3]
    with pytest.raises(HistoryUnavailable, match=r"\.history\.json\.lock: permission denied"):
        store.add(rehearsal(4))
    assert len(HistoryStore(tmp_path).all().value) == 1


def test_without_the_lock_a_corrupt_history_is_not_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / DB_NAME).write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(collection, "locked", _no_lock)
    with pytest.raises(HistoryUnavailable, match="not moved aside"):
        HistoryStore(tmp_path).all()
    assert (tmp_path / DB_NAME).read_text(encoding="utf-8") == "{not json"


def test_a_corrupt_history_that_cannot_be_moved_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / DB_NAME).write_text("{not json", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(src))

    monkeypatch.setattr(collection.os, "replace", refuse)
    with pytest.raises(HistoryUnavailable, match="could not be moved aside: permission denied"):
        HistoryStore(tmp_path).all()
    assert (tmp_path / DB_NAME).read_text(encoding="utf-8") == "{not json"


def test_stale_temporary_files_are_removed_under_the_lock(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(1))
    stale = [tmp_path / f".{DB_NAME}.{name}.tmp" for name in ("abc_1234", "zz9yx8w7")]
    for path in stale:
        path.write_bytes(b"x" * 1000)
    keep = [
        tmp_path / f".{DB_NAME}.notes.tmp",  # not a name atomic_write makes
        tmp_path / f"{DB_NAME}.abcd1234.tmp",
        tmp_path / ".other.json.abcd1234.tmp",
    ]
    for path in keep:
        path.write_bytes(b"mine")
    link = tmp_path / f".{DB_NAME}.linklink.tmp"
    link.symlink_to(tmp_path / f".{DB_NAME}.notes.tmp")
    assert len(HistoryStore(tmp_path).all().value) == 1
    assert not any(path.exists() for path in stale)
    assert all(path.read_bytes() == b"mine" for path in keep)
    assert link.is_symlink()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_stale_temporary_files_left_by_a_killed_writer_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(1))

    real_fsync = storage.os.fsync

    def killed(fd: int) -> None:  # the process dies after the temp file is written
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            raise SystemExit("kill -9")
        real_fsync(fd)

    real_unlink = storage.os.unlink
    store.records.compact_at = 0  # the next write compacts: a new snapshot is written
    monkeypatch.setattr(storage.os, "fsync", killed)
    monkeypatch.setattr(storage.os, "unlink", lambda path: None)  # no cleanup when killed
    with pytest.raises(SystemExit):
        store.add(rehearsal(2))
    monkeypatch.setattr(storage.os, "unlink", real_unlink)
    monkeypatch.undo()
    assert len(list(tmp_path.glob(f".{DB_NAME}.*.tmp"))) == 1
    assert firmness(HistoryStore(tmp_path)) == [2, 1], "the journal kept the record"
    assert not list(tmp_path.glob(f".{DB_NAME}.*.tmp"))


def test_a_real_outcome_comes_back_exactly_as_it_was_added(tmp_path: Path) -> None:
    # tidy() knows every field of Outcome.to_json(): a field added there and not
    # here would be dropped on the way in, and this fails.
    path = FIXTURES / "cli/good/cli-good.yaml"
    scenario, problems = load_file(path, str(path))
    assert scenario is not None, problems
    played = Rehearsal(scenario, client_name="Dana", you_name="Sam")
    played.pick(1)
    typed = Rehearsal(scenario)
    typed.reply("I have decided to stop.\nThanks for everything.")
    outcomes = [played.outcome(), typed.abandon()]
    store = HistoryStore(tmp_path)
    for outcome in outcomes:
        assert store.add(outcome).notice is None
    assert store.all().value == outcomes[::-1]


def test_a_record_that_json_cannot_write_is_tidied_on_the_way_in(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    odd = outcome_of(turns=[{"x": 1}])
    store.add(replace(odd, scenario="s\ud800", scores=Scores(0, 0, float("nan"), 0)))  # type: ignore[arg-type]
    (got,) = store.all().value
    assert got.scenario == "s\ufffd"
    assert got.scores.grace == 0
    json.loads((tmp_path / DB_NAME).read_text(encoding="utf-8"))


# -- typed records, and the notice that travels with the result ------------------------


def test_a_corrupt_history_found_by_a_write_is_set_aside_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_text("{not json", encoding="utf-8")
    store = HistoryStore(tmp_path)
    written = store.add(rehearsal(4))
    assert written.value is None
    assert written.notice is not None and "moved to" in written.notice
    read = store.all()
    assert (firmness(store), read.notice) == ([4], None)


def test_the_notice_comes_with_best_too(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_text("[]", encoding="utf-8")
    store = HistoryStore(tmp_path)
    best = store.best()
    assert best.value == {}
    assert best.notice is not None and "moved to" in best.notice
    assert store.best().notice is None


def test_a_record_marked_abandoned_is_abandoned_whatever_its_outcome(tmp_path: Path) -> None:
    doc = {"rehearsals": {"1": {"scenario": "s", "outcome": "clean-exit", "abandoned": True}}}
    (tmp_path / DB_NAME).write_text(json.dumps(doc), encoding="utf-8")
    store = HistoryStore(tmp_path)
    (got,) = store.all().value
    assert got.outcome == ABANDONED and got.abandoned
    assert got.to_json()["abandoned"] is True
    assert store.best().value == {}


def test_best_ranks_a_clean_exit_first_then_the_score_then_the_newest(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.add(rehearsal(100, scenario="a", outcome="caved"))
    store.add(rehearsal(0, scenario="a", outcome=Ending.CLEAN_EXIT))  # overall 40
    store.add(rehearsal(40, scenario="a", outcome=Ending.CLEAN_EXIT))  # overall 50: best
    store.add(rehearsal(40, scenario="a", outcome=Ending.STALLED))  # same score, not clean
    store.add(rehearsal(60, scenario="b", outcome=Ending.CAVED))  # overall 55
    store.add(rehearsal(20, scenario="b", outcome=Ending.STALLED))  # overall 45
    store.add(rehearsal(60, scenario="b", outcome=Ending.BURNED_BRIDGE))  # a tie: newest
    store.add(rehearsal(99, scenario="c", outcome=ABANDONED))
    best = store.best().value
    assert best["a"] == history.Best(Ending.CLEAN_EXIT, 50, 4)
    assert best["b"] == history.Best(Ending.BURNED_BRIDGE, 55, 3)
    assert "c" not in best


def test_outcomes_round_trip_through_their_json(tmp_path: Path) -> None:
    path = FIXTURES / "cli/good/cli-good.yaml"
    scenario, _ = load_file(path, str(path))
    assert scenario is not None
    played = Rehearsal(scenario)
    played.pick(1)
    outcome = played.outcome()
    data = outcome.to_json()
    assert list(data)[:5] == ["scenario", "title", "language", "outcome", "abandoned"]
    assert isinstance(data["turns"], list) and isinstance(data["turns"][0]["tags"], list)
    assert Outcome.from_json(data) == outcome
    assert tidy(data) == data, "a record the engine made needs no tidying"
