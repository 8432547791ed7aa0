"""``partways history [--json|--csv]``, ``partways history export FILE``, ``... import FILE``.

The list is newest first. ``--json`` prints every record with its ``id`` and
transcript; ``--csv`` one light row per rehearsal (from the history's index,
without reading transcripts). ``export`` writes one plain JSON file of every
record; ``import`` adds those of such a file the history does not hold yet.
"""

from __future__ import annotations

import json
import sys

from partways.commands.common import PROG, UsageError, history_store

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from partways.records import Outcome
    from partways.store.history import HistoryStore
    from partways.store.index import Row

CSV_COLUMNS = (
    "id",
    "started",
    "finished",
    "scenario",
    "title",
    "language",
    "outcome",
    "firmness",
    "brevity",
    "grace",
    "handoff",
    "overall",
    "turns",
)


def cmd_history(options: argparse.Namespace) -> int:
    """Print, export or import the history; exit 1 when it cannot be read or written,
    2 for bad arguments or a file that is missing or not an export."""
    from partways.store.history import HistoryUnavailable
    from partways.text import visible

    action: str | None = getattr(options, "action", None)
    file: str | None = getattr(options, "file", None)
    if action is None and file is not None:
        raise UsageError(f"history: unexpected {visible(file)!r} (use: history export FILE)")
    if action is not None and file is None:
        raise UsageError(f"history {action}: give the FILE")
    if action is not None and (options.json or options.csv):
        raise UsageError(f"history {action}: --json and --csv only go with the list")
    store = history_store(options)
    try:
        if action == "export" and file is not None:
            return _export(store, file)
        if action == "import" and file is not None:
            return _import(store, file)
        return _list(store, options)
    except HistoryUnavailable as error:
        verb = "write" if action == "import" else "read"
        print(f"{PROG}: error: cannot {verb} the history: {visible(str(error))}", file=sys.stderr)
        return 1


def _warn(notice: str | None) -> None:
    from partways.text import visible

    if notice:
        print(f"{PROG}: warning: {visible(notice)}", file=sys.stderr)


def _list(store: HistoryStore, options: argparse.Namespace) -> int:
    if options.csv:
        rows = store.rows()
        _warn(rows.notice)
        _print_csv(rows.value)
        return 0
    read = store.items()
    _warn(read.notice)
    if options.json:
        # The store tidied every string (no control characters); ensure_ascii=False
        # keeps the names readable.
        listed = [{"id": key, **outcome.to_json()} for key, outcome in read.value]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return 0
    _print_table([outcome for _, outcome in read.value])
    return 0


def _export(store: HistoryStore, file: str) -> int:
    from pathlib import Path

    from partways.fileio import describe
    from partways.store.history import HistoryUnavailable
    from partways.text import visible

    try:
        count = store.export(Path(file).expanduser())
    except HistoryUnavailable:
        raise
    except OSError as error:
        raise UsageError(f"{visible(file)}: cannot write it: {describe(error)}") from None
    print(f"exported {count} rehearsal{'s' * (count != 1)} to {visible(file)}")
    return 0


def _import(store: HistoryStore, file: str) -> int:
    from pathlib import Path

    from partways.fileio import describe
    from partways.store.history import HistoryUnavailable
    from partways.store.transfer import NotAnExport
    from partways.text import visible

    try:
        report = store.import_(Path(file).expanduser())
    except HistoryUnavailable:
        raise
    except NotAnExport as error:
        raise UsageError(f"{visible(file)}: {visible(str(error))}") from None
    except OSError as error:
        raise UsageError(f"{visible(file)}: {describe(error)}") from None
    _warn(report.notice)
    print(f"added {report.added}, skipped {report.skipped}")
    return 0


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _print_csv(rows: list[Row]) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        scores = row.scores
        values = (row.key, row.started, row.finished, row.scenario, row.title, row.language)
        writer.writerow(
            [
                *(_cell(value) for value in values),
                _cell(row.outcome),
                scores.firmness,
                scores.brevity,
                scores.grace,
                scores.handoff,
                scores.overall,
                row.turns,
            ]
        )


def _print_table(outcomes: list[Outcome]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from partways.scores import SCORE_NAMES
    from partways.text import visible

    console = Console()
    if not outcomes:
        console.print(Text("No rehearsals yet. Run `partways` to start one."))
        return
    table = Table(title=Text("Rehearsals, newest first"), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("started", no_wrap=True)
    table.add_column("scenario", no_wrap=True, overflow="ellipsis")
    table.add_column("outcome", no_wrap=True)
    for name in SCORE_NAMES:
        table.add_column(name, justify="right", no_wrap=True)
    for outcome in outcomes:
        table.add_row(
            Text(visible(outcome.started[:16].replace("T", " "))),
            Text(visible(outcome.scenario)),
            Text(visible(outcome.outcome)),
            *(Text(str(getattr(outcome.scores, name))) for name in SCORE_NAMES),
        )
    console.print(table)
