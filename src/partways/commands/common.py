"""What every command shares: the program's name, usage errors and the folders it was given."""

from __future__ import annotations

# No typing or pathlib at import time: every command imports this module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from partways.store.history import HistoryStore

PROG = "partways"


class UsageError(Exception):
    """Bad arguments or a missing path: exit status 2."""


def scenario_dirs(options: argparse.Namespace) -> list[Path]:
    """The bundled folder, the ``PARTWAYS_SCENARIOS`` ones, then the ``--scenarios`` ones."""
    from partways.paths import scenario_dirs as dirs

    return dirs(getattr(options, "scenarios", []))


def history_store(options: argparse.Namespace) -> HistoryStore:
    """The history in ``--data-dir`` (else ``PARTWAYS_DATA_DIR``, else the user data folder)."""
    from partways.paths import data_dir
    from partways.store.history import HistoryStore

    return HistoryStore(data_dir(getattr(options, "data_dir", None)))


def check_extra_dirs(options: argparse.Namespace) -> None:
    """Raise :class:`UsageError` for a ``--scenarios`` folder that does not exist."""
    from pathlib import Path

    for given in getattr(options, "scenarios", []):
        if not Path(given).expanduser().is_dir():
            raise UsageError(f"--scenarios {given}: no such folder")
