"""The rehearsal log: every finished (or abandoned) rehearsal, in TinyDB.

This is the one small interface the screens and the CLI use; how the records
are kept can change behind it without touching them. It takes and gives typed
records (:class:`~partways.records.Outcome`), each call's value wrapped in a
:class:`Result` with the notice, if any, that the caller should show.

What can go wrong with ``history.json``, and what happens:

* It holds something that is not a TinyDB document partways can use (not JSON,
  the wrong shape, a record that is not an object, ``NaN``...; see
  :mod:`partways.store.storage`): it is *set aside* — renamed to
  ``history.json.corrupt-<time>``, its bytes untouched — a new history is
  started, and the :class:`Result` of that call carries a notice saying so.
* A record is an object but its fields are odd (hand-edited): it is *tidied*
  as it is read (:func:`partways.store.tidy.tidy`); the file is not changed. A new record is
  tidied before it is written, so what is written is what readers expect.
* It cannot be read or written at all — a pipe, a device, a folder, bigger than
  :data:`~partways.store.storage.HISTORY_LIMIT`, permission denied, a read-only
  folder for a write — :class:`HistoryUnavailable` is raised and nothing is
  moved or overwritten.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Generic, TypeVar

from tinydb import TinyDB

from partways.fileio import FileTooBig, describe
from partways.records import Outcome
from partways.store.storage import (
    AtomicJSONStorage,
    CorruptDatabase,
    locked,
    remove_stale_temp_files,
)
from partways.store.tidy import tidy
from partways.text import visible
from partways.vocab import Ending

DB_NAME = "history.json"
TABLE = "rehearsals"

T = TypeVar("T")


class HistoryUnavailable(OSError):
    """The history cannot be read or written; nothing was moved or overwritten.

    ``str()`` is a one-line message, safe to print: ``<path>: <reason>``.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{visible(str(path))}: {visible(reason)}")
        self.path = path
        self.reason = reason


def _reason(error: OSError) -> str:
    if isinstance(error, FileTooBig):
        return f"{describe(error)}; move it away to start a new history"
    return describe(error)


@dataclass(frozen=True, slots=True)
class Result(Generic[T]):
    """What a call to the store gives: its ``value``, and the ``notice`` to show when
    the history database was found unusable and set aside during the call."""

    value: T
    notice: str | None = None


@dataclass(frozen=True, slots=True)
class Best:
    """A person's best result on one scenario."""

    outcome: str
    overall: int
    count: int


@dataclass
class HistoryStore:
    """Reads and appends rehearsal records in ``data_dir/history.json``."""

    data_dir: Path
    _swept: bool = field(default=False, init=False, repr=False)

    @property
    def path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def _lock(self) -> Path:
        return self.data_dir / f".{DB_NAME}.lock"

    @contextlib.contextmanager
    def _session(self, *, write: bool) -> Iterator[str | None]:
        """Hold the lock; yield ``None``, or why the lock is not held.

        A write needs it (:class:`HistoryUnavailable` otherwise). A read goes on
        without it when it cannot be had (a read-only folder): writes replace
        the file atomically, so a reader always sees a whole one.
        """
        with contextlib.ExitStack() as stack:
            no_lock: str | None = None
            try:
                stack.enter_context(locked(self._lock))
            except OSError as error:
                if write:
                    raise HistoryUnavailable(self._lock, _reason(error)) from error
                no_lock = f"the lock {self._lock}: {_reason(error)}"
            if no_lock is None and not self._swept:
                self._swept = True
                remove_stale_temp_files(self.path)  # under the lock: no writer is live
            yield no_lock

    def _run(self, operation: Callable[[TinyDB], T], *, write: bool) -> Result[T]:
        """``operation`` on the database, setting a corrupt file aside first."""
        try:
            with self._session(write=write) as no_lock:
                try:
                    return Result(operation(TinyDB(self.path, storage=AtomicJSONStorage)))
                except CorruptDatabase as error:
                    notice = self._set_aside(str(error), no_lock)
                return Result(operation(TinyDB(self.path, storage=AtomicJSONStorage)), notice)
        except HistoryUnavailable:
            raise
        except CorruptDatabase as error:  # corrupt again after the set-aside: give up
            raise HistoryUnavailable(self.path, f"unreadable ({error})") from error
        except OSError as error:
            raise HistoryUnavailable(self.path, _reason(error)) from error

    def _set_aside(self, reason: str, no_lock: str | None) -> str:
        """Rename the corrupt file (only under the lock), keeping its bytes; the notice."""
        if no_lock is not None:
            raise HistoryUnavailable(
                self.path, f"unreadable ({reason}) and not moved aside ({no_lock})"
            )
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}")
        n = 1
        while os.path.lexists(target):
            n += 1
            target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, target)
        except OSError as error:
            raise HistoryUnavailable(
                self.path, f"unreadable ({reason}) and could not be moved aside: {_reason(error)}"
            ) from error
        return visible(
            f"The history database was unreadable ({reason}); it was moved to {target} "
            "and a new one was started."
        )

    def add(self, outcome: Outcome) -> Result[None]:
        """Append one rehearsal, tidied (:func:`~partways.store.tidy.tidy`) so that
        what is written is what a reader expects.

        Raises :class:`HistoryUnavailable` when it cannot be saved.
        """
        tidied = tidy(outcome.to_json())
        written = self._run(lambda db: db.table(TABLE).insert(tidied), write=True)
        return Result(None, written.notice)

    def all(self) -> Result[list[Outcome]]:
        """Every rehearsal, newest first, each tidied (:func:`~partways.store.tidy.tidy`).

        Raises :class:`HistoryUnavailable` when the history cannot be read.
        """
        try:
            os.stat(self.path)
        except FileNotFoundError:
            return Result([])  # nothing yet: create neither the folder nor the lock
        except OSError:
            pass  # let the read say what is wrong
        read = self._run(lambda db: db.table(TABLE).all(), write=False)
        docs = sorted(read.value, key=lambda doc: doc.doc_id, reverse=True)
        return Result([Outcome.from_json(tidy(doc)) for doc in docs], read.notice)

    def best(self) -> Result[dict[str, Best]]:
        """For each scenario id, the best finished (not abandoned) result.

        Raises :class:`HistoryUnavailable` when the history cannot be read.
        """
        read = self.all()
        return Result(best_of(read.value), read.notice)


def best_of(outcomes: list[Outcome]) -> dict[str, Best]:
    """For each scenario id, the best of ``outcomes`` not abandoned — a clean exit
    first, then the highest overall score, the newest on a tie — and how many
    times it was played (abandoned ones included). ``outcomes`` are newest first."""
    best: dict[str, Best] = {}
    counts: dict[str, int] = {}
    for outcome in outcomes:
        scenario = outcome.scenario
        counts[scenario] = counts.get(scenario, 0) + 1
        if outcome.abandoned:
            continue
        overall = outcome.scores.overall
        rank = (outcome.outcome == Ending.CLEAN_EXIT, overall)
        current = best.get(scenario)
        if current is None or rank > (current.outcome == Ending.CLEAN_EXIT, current.overall):
            best[scenario] = Best(outcome.outcome, overall, 0)
    return {
        key: Best(value.outcome, value.overall, counts.get(key, 0)) for key, value in best.items()
    }
