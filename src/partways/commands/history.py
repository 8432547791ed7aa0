"""``partways history [--json]``: the rehearsals logged so far, newest first."""

from __future__ import annotations

import json
import sys

from partways.commands.common import PROG, history_store

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from partways.records import Outcome


def cmd_history(options: argparse.Namespace) -> int:
    """Print the history as a table (or a JSON list); exit 1 when it cannot be read."""
    from partways.store.history import HistoryUnavailable
    from partways.text import visible

    try:
        read = history_store(options).all()
    except HistoryUnavailable as error:
        print(f"{PROG}: error: cannot read the history: {visible(str(error))}", file=sys.stderr)
        return 1
    if read.notice:
        print(f"{PROG}: warning: {visible(read.notice)}", file=sys.stderr)
    if options.json:
        # The store tidied every string (no control characters); ensure_ascii=False
        # keeps the names readable.
        print(json.dumps([o.to_json() for o in read.value], ensure_ascii=False, indent=2))
        return 0
    _print_table(read.value)
    return 0


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
