"""Store benchmarks: ratios measured side by side in one run (issue 8's storage goals).

    python benchmarks/store.py [--samples N]

* log one rehearsal (six turns) with 10,000 stored vs 100 stored vs the baseline
  "append one JSON line to a file and fsync it" (goals: <= 5x the baseline,
  <= 1.5x the cost at 100), as medians of interleaved samples; and the same
  amortised with the compaction it eventually pays;
* ``summaries()`` (the home screen's data) with 10,000 stored vs none;
* ``rows()`` with 10,000 vs ``all()`` with 10,000 (what a table read before);
* memory: peak RSS of a process that imports the app and holds ``rows()`` and
  ``summaries()`` of 10,000 vs of none (goal for the app: <= 1.5x).

Runs are interleaved (A, B, C, A, B, C, ...) so machine noise hits every side alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from partways.records import Outcome  # noqa: E402
from partways.store.history import HistoryStore, new_key  # noqa: E402
from partways.store.tidy import tidy  # noqa: E402


def rehearsal(n: int) -> Outcome:
    turn = {
        "node": "n1",
        "client": "We really need you to stay until the launch, can't you reconsider?",
        "mood": "pleading",
        "said": "I understand, but I have decided to stop on 31 May; I'll hand everything over.",
        "how": "typed",
        "choice": None,
        "stance": "firm",
        "tags": ["decision", "date", "handover"],
        "coach": "Clear and kind: the decision first, the date, the handover.",
        "next": "n2",
    }
    return Outcome.from_json(
        tidy(
            {
                "scenario": f"scenario-{n % 40}",
                "title": "The client who pleads",
                "language": "en",
                "outcome": "clean-exit" if n % 3 else "caved",
                "started": f"2026-01-01T10:00:00+00:00#{n}",
                "finished": f"2026-01-01T10:05:00+00:00#{n}",
                "turns": [turn] * 6,
                "scores": {"firmness": n % 100, "brevity": 60, "grace": 70, "handoff": 50},
            }
        )
    )


def filled(folder: Path, count: int) -> HistoryStore:
    """A history of ``count`` rehearsals, written in one go, its indexes built."""
    store = HistoryStore(folder)
    if count:
        store.records.replace_all({new_key(): tidy(rehearsal(n).to_json()) for n in range(count)})
    store.summaries()  # builds the indexes
    return store


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved(actions: dict[str, Callable[[], object]], samples: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(samples):
        for name, action in actions.items():
            times[name].append(timed(action))
    return {name: statistics.median(values) for name, values in times.items()}


def baseline_append(path: Path, line: bytes) -> Callable[[], None]:
    def append() -> None:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    return append


MEMORY = """
import resource, sys
from pathlib import Path
sys.path.insert(0, {src!r})
import partways.tui.app  # the app's own weight
from partways.store.history import HistoryStore
import tracemalloc
store = HistoryStore(Path(sys.argv[1]))
tracemalloc.start()
held = (store.rows().value, store.summaries().value)
kept, peak = tracemalloc.get_traced_memory()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, kept, peak)
"""


def memory(folder: Path) -> tuple[int, int, int]:
    """Peak RSS (KiB) of the process, and the bytes ``rows()``+``summaries()`` keep and
    allocate at their peak (tracemalloc)."""
    code = MEMORY.format(src=str(HERE.parent / "src"))
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True
    )
    rss, kept, peak = (int(part) for part in out.stdout.split())
    return rss, kept, peak


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=200)
    samples = parser.parse_args().samples
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as name:
        root = Path(name)
        print("filling 100 and 10,000 rehearsals ...", flush=True)
        small, big, empty = (
            filled(root / "100", 100),
            filled(root / "10k", 10_000),
            filled(root / "0", 0),
        )
        line = json.dumps(tidy(rehearsal(1).to_json())).encode() + b"\n"
        ready = iter([rehearsal(n) for n in range(2 * samples)])  # built before timing
        add = interleaved(
            {
                "baseline": baseline_append(root / "baseline.jsonl", line),
                "add@100": lambda: small.add(next(ready)),
                "add@10k": lambda: big.add(next(ready)),
            },
            samples,
        )
        session = big.records.session(write=True)
        with session as held:
            compaction = timed(lambda: big.records.compact(held))
        snapshot = big.records.path.stat().st_size
        between = max(big.records.compact_at, snapshot // 2) // len(line)
        amortised = add["add@10k"] + compaction / between
        reads = interleaved(
            {
                "summaries@0": empty.summaries,
                "summaries@10k": big.summaries,
                "rows@10k": big.rows,
                "all@10k": big.all,
            },
            max(5, samples // 20),
        )
        (rss_none, _, _), (rss_big, kept, peak) = memory(root / "0"), memory(root / "10k")
    print(f"baseline append+fsync            {ms(add['baseline'])}")
    print(f"log one, 100 stored              {ms(add['add@100'])}")
    print(f"log one, 10,000 stored           {ms(add['add@10k'])}")
    print(f"  vs baseline                    {add['add@10k'] / add['baseline']:.2f}x  (goal <= 5)")
    print(f"  vs 100 stored                  {add['add@10k'] / add['add@100']:.2f}x  (goal <= 1.5)")
    print(
        f"  amortised with compaction      {ms(amortised)} "
        f"({ms(compaction)} every ~{between} logs): "
        f"{amortised / add['baseline']:.2f}x baseline, {amortised / add['add@100']:.2f}x at 100"
    )
    print(f"summaries(), none stored         {ms(reads['summaries@0'])}")
    print(f"summaries(), 10,000 stored       {ms(reads['summaries@10k'])}")
    print(f"  ratio                          {reads['summaries@10k'] / reads['summaries@0']:.2f}x")
    print(f"rows(), 10,000 stored            {ms(reads['rows@10k'])}")
    print(f"all(), 10,000 stored             {ms(reads['all@10k'])}")
    print(f"  rows() vs all()                {reads['rows@10k'] / reads['all@10k']:.2f}x")
    print(
        f"peak RSS, app + rows()+summaries(): none {rss_none // 1024} MiB, "
        f"10,000 {rss_big // 1024} MiB: {rss_big / rss_none:.2f}x  (goal <= 1.5)"
    )
    print(
        f"  rows()+summaries() of 10,000 keep {kept / 2**20:.1f} MiB "
        f"(peak {peak / 2**20:.1f} MiB while reading)"
    )


if __name__ == "__main__":
    main()
