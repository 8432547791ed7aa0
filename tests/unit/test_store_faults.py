"""Fault injection: writers killed with SIGKILL at random instants, and writers racing.

After every kill the history must load without a notice (nothing corrupt), hold every
rehearsal the writer was told was saved and at most the one in flight besides, and
its indexes (rows, summaries) must agree with the records. ``PARTWAYS_KILLS`` sets
how many kills the big run makes (200 by default; CI may lower it).
"""

from __future__ import annotations

import os
import random
import select
import signal
import sys
from pathlib import Path

import pytest

from partways.store.history import HistoryStore
from partways.vocab import Ending
from tests.conftest import outcome_of

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

KILLS = int(os.environ.get("PARTWAYS_KILLS", "200"))


def rehearsal(writer: int, n: int) -> object:
    return outcome_of(
        scenario=f"s{n % 3}",
        outcome=Ending.CLEAN_EXIT if n % 2 else "caved",
        started=f"2026-01-01T00:00:00+00:00#{writer}-{n}",
        scores={"firmness": n % 101, "brevity": 50, "grace": 70, "handoff": 40},
        turns=[{"said": "I have decided to stop.", "stance": "firm", "tags": ["decision"]}] * 6,
    )


def _child(folder: Path, writer: int, start: int, count: int, out: int, compact_at: int) -> None:
    """Add ``count`` rehearsals, writing each one's number to ``out`` once it is saved."""
    code = 0
    try:
        store = HistoryStore(folder)
        for collection in (store.records, store.rows_index, store.summary_index):
            collection.compact_at = compact_at  # compact often: kills land mid-compaction too
        for n in range(start, start + count):
            store.add(rehearsal(writer, n))  # type: ignore[arg-type]
            os.write(out, f"{n}\n".encode())
    except BaseException:  # pragma: no cover - reported by the parent's assertions
        code = 1
    finally:
        os._exit(code)


def spawn(folder: Path, writer: int, start: int, count: int, compact_at: int) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        _child(folder, writer, start, count, write_end, compact_at)
    os.close(write_end)
    return pid, read_end


def read_lines(fd: int, until: int | None = None, timeout: float = 60.0) -> list[int]:
    """The numbers the child reported, reading until ``until`` of them (or EOF)."""
    data = b""
    while until is None or data.count(b"\n") < until:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            raise AssertionError("the writer stopped reporting")
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return [int(line) for line in data.split(b"\n") if line]


def check_consistent(folder: Path, saved: set[str], in_flight: set[str]) -> set[str]:
    """Load everything; return the ``started`` of the rehearsals found."""
    store = HistoryStore(folder)
    read = store.all()
    assert read.notice is None, read.notice
    found = [o.started for o in read.value]
    assert len(found) == len(set(found)), "no rehearsal twice"
    assert saved <= set(found), "every saved rehearsal survives"
    assert set(found) - saved <= in_flight, "at most the one in flight besides"
    rows = store.rows()
    assert rows.notice is None
    assert sorted(r.started for r in rows.value) == sorted(found)
    summaries = store.summaries().value
    assert sum(s.count for s in summaries.values()) == len(found)
    for outcome in read.value:
        assert outcome.scores.grace == 70 and len(outcome.turns) == 6
    return set(found)


def kill_runs(folder: Path, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    saved: set[str] = set()
    n = 0
    for kill in range(kills):
        compact_at = rng.choice([512, 4096, 1 << 20])
        pid, fd = spawn(folder, 0, n, 1000, compact_at)
        try:
            done = read_lines(fd, until=rng.randint(0, 3)) if kill % 4 else []
            # Then die at a random instant: before, during or after the next write.
            if rng.random() < 0.8:
                select.select([], [], [], rng.uniform(0, 0.004))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            done += read_lines(fd)
        finally:
            os.close(fd)
        started = {rehearsal(0, k).started for k in done}  # type: ignore[attr-defined]
        last = max(done, default=n - 1)
        in_flight = {rehearsal(0, last + 1).started}  # type: ignore[attr-defined]
        saved |= started
        saved = check_consistent(folder, saved, in_flight)
        n = last + 2  # never reuse a number: the in-flight one may have been saved


def test_a_few_kills_never_corrupt(tmp_path: Path) -> None:
    kill_runs(tmp_path, 12, seed=1)


@pytest.mark.slow
def test_many_kills_at_random_instants_never_corrupt_nor_lose_a_saved_rehearsal(
    tmp_path: Path,
) -> None:
    kill_runs(tmp_path, max(KILLS - 12, 0), seed=2)


@pytest.mark.slow
def test_two_processes_writing_500_each_lose_nothing(tmp_path: Path) -> None:
    children = [spawn(tmp_path, writer, 0, 500, 64 * 1024) for writer in (1, 2)]
    for pid, fd in children:
        try:
            assert len(read_lines(fd, timeout=300)) == 500
        finally:
            os.close(fd)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    store = HistoryStore(tmp_path)
    found = {o.started for o in store.all().value}
    assert len(found) == 1000
    assert len(store.rows().value) == 1000
    assert sum(s.count for s in store.summaries().value.values()) == 1000
