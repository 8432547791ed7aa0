"""Opening the history screen with 10,000 rehearsals, against the app's first screen.

    python benchmarks/history_screen.py [--rounds N] [--rows N]

Both are measured in one process, headless (``App.run_test``), interleaved round by
round, medians printed as a ratio (issue 8's goal: <= 1.5x):

* first screen: from starting the app (10,000 rehearsals stored) until home is up
  and its start-up workers are done;
* history: from pressing ``h`` on home until the table shows its first page of rows
  (the rows are read in a worker; the table takes a screenful at once), and until it
  holds every row (the rest is added in chunks between refreshes; the words of
  "your habits" come after).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from textual.widgets import DataTable  # noqa: E402

from partways.loading import PackLoader  # noqa: E402
from partways.paths import bundled_scenarios  # noqa: E402
from partways.scenario.catalog import load_catalog  # noqa: E402
from partways.store.history import HistoryStore  # noqa: E402
from partways.tui.app import PartwaysApp  # noqa: E402
from partways.tui.screens.history import HistoryScreen  # noqa: E402


def _store_bench() -> object:
    spec = importlib.util.spec_from_file_location("store_bench", HERE / "store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: When the table's first page and its last row went in (set by the wrapped ``_fill``).
FILLED: dict[str, float] = {}
_fill = HistoryScreen._fill


def _timed_fill(self: HistoryScreen, generation: int, rows: list[Any], start: int) -> None:
    _fill(self, generation, rows, start)
    now = time.perf_counter()
    if start == 0:
        FILLED["page"] = now
    if self.table.row_count >= len(rows):
        FILLED["all"] = now


HistoryScreen._fill = _timed_fill  # type: ignore[method-assign]


async def one_round(loader: PackLoader, folder: Path, rows: int) -> tuple[float, float, float]:
    start = time.perf_counter()
    app = PartwaysApp(loader, store=HistoryStore(folder))
    app.drill_ticks = False
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        first = time.perf_counter() - start
        FILLED.clear()
        start = time.perf_counter()
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#rows", DataTable)
        while table.row_count < rows:
            await pilot.pause(0.005)
    return first, FILLED["page"] - start, FILLED["all"] - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    options = parser.parse_args()
    loader = PackLoader.of(load_catalog([bundled_scenarios()]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        _store_bench().filled(folder, options.rows)  # type: ignore[attr-defined]
        firsts, pages, histories = [], [], []
        for _ in range(options.rounds):
            first, page, history = asyncio.run(one_round(loader, folder, options.rows))
            firsts.append(first)
            pages.append(page)
            histories.append(history)
    b = statistics.median(firsts)
    for label, times in (("first page of rows", pages), ("every row", histories)):
        a = statistics.median(times)
        print(
            f"history screen with {options.rows:,} rehearsals, {label} / first screen of "
            f"the app (same data): {a * 1000:.0f} ms / {b * 1000:.0f} ms = {a / b:.2f}x "
            "(goal <= 1.5x)"
        )


if __name__ == "__main__":
    main()
