"""Offboardings, kept in TinyDB beside the history: the checklist's one small interface.

The screens and the command line use :class:`ChecklistStore` only; how the
records are kept can change behind it. Every call returns a :class:`Result`
(its value, and the notice to show when a corrupt database was set aside). A
database that cannot be used at all raises :class:`ChecklistsUnavailable`
(an ``OSError`` with a one-line message); nothing is then moved or overwritten.

Records are read back through :func:`partways.checklist.codec.offboarding_from_json`:
a hand-edited record is tidied, an unusable one skipped.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from tinydb import Query, TinyDB

from partways.checklist.codec import offboarding_from_json
from partways.checklist.model import Offboarding
from partways.fileio import describe
from partways.store.history import Result
from partways.store.storage import (
    AtomicJSONStorage,
    CorruptDatabase,
    locked,
    remove_stale_temp_files,
)
from partways.text import visible

DB_NAME = "checklists.json"
TABLE = "offboardings"

T = TypeVar("T")


class ChecklistsUnavailable(OSError):
    """The offboardings cannot be read or written. ``str()`` is one line, safe to print."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{visible(str(path))}: {visible(reason)}")


@dataclass
class ChecklistStore:
    """Reads and writes offboardings in ``data_dir/checklists.json``."""

    data_dir: Path

    @property
    def path(self) -> Path:
        return self.data_dir / DB_NAME

    # -- the interface ----------------------------------------------------------

    def all(self) -> Result[list[Offboarding]]:
        """Every offboarding: open ones first, then by conversation date."""
        if not os.path.lexists(self.path):
            return Result([])  # nothing yet: create neither the folder nor the lock
        read = self._run(lambda db: db.table(TABLE).all())
        found = (offboarding_from_json(doc) for doc in read.value)
        records = sorted(
            (o for o in found if o is not None), key=lambda o: (o.archived, o.talk, o.client)
        )
        return Result(records, read.notice)

    def put(self, offboarding: Offboarding) -> Result[None]:
        """Add or replace (by ``id``) one offboarding."""
        data = offboarding.to_json()
        written = self._run(lambda db: db.table(TABLE).upsert(data, Query().id == offboarding.id))
        return Result(None, written.notice)

    def get(self, offboarding_id: str) -> Result[Offboarding | None]:
        read = self.all()
        return Result(next((o for o in read.value if o.id == offboarding_id), None), read.notice)

    def find(self, client: str) -> Result[Offboarding | None]:
        """The offboarding of ``client`` (any case): the open one, else the latest archived."""
        read = self.all()
        wanted = client.strip().casefold()
        matches = [o for o in read.value if o.client.casefold() == wanted]
        open_ = [o for o in matches if not o.archived]
        pick = open_[0] if open_ else (max(matches, key=lambda o: o.talk) if matches else None)
        return Result(pick, read.notice)

    # -- the database -----------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with locked(self.data_dir / f".{DB_NAME}.lock"):
            remove_stale_temp_files(self.path)
            yield

    def _run(self, operation: Callable[[TinyDB], T]) -> Result[T]:
        try:
            with self._locked():
                try:
                    return Result(operation(TinyDB(self.path, storage=AtomicJSONStorage)))
                except CorruptDatabase as error:
                    notice = self._set_aside(str(error))
                return Result(operation(TinyDB(self.path, storage=AtomicJSONStorage)), notice)
        except ChecklistsUnavailable:
            raise
        except CorruptDatabase as error:
            raise ChecklistsUnavailable(self.path, f"unreadable ({error})") from error
        except OSError as error:
            raise ChecklistsUnavailable(self.path, describe(error)) from error

    def _set_aside(self, reason: str) -> str:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}")
        n = 1
        while os.path.lexists(target):
            n += 1
            target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}-{n}")
        os.replace(self.path, target)
        return visible(
            f"The checklists database was unreadable ({reason}); it was moved to {target} "
            "and a new one was started."
        )
