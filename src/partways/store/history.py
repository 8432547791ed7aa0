"""The rehearsal log: every finished (or abandoned) rehearsal, on :class:`Collection`.

This is the one small interface the screens and the CLI use; how the records
are kept can change behind it without touching them. It takes and gives typed
records (:class:`~partways.records.Outcome`, :class:`~partways.store.index.Row`,
:class:`~partways.store.index.Summary`), each call's value wrapped in a
:class:`Result` with the notice, if any, that the caller should show.

Three collections share one lock (``.history.json.lock``):

* ``history.json`` (+ ``history.journal``): the records, table ``rehearsals``,
  each keyed by a random id (:func:`new_key`) — the file partways has always
  written, still read as it is (its records, without ``_key`` or ``_schema``, are
  schema 0: keyed by their TinyDB id and tidied).
* ``history-rows.json``: one light row per record (:func:`~partways.store.index.row_of`).
* ``history-summary.json``: per scenario best / last / count, and ``#meta``: the
  ``at`` id of the last records journal line the indexes have taken in.

An add appends the record, then its row, then the new summary (with ``#meta``),
all under the lock, and only then lets any of them compact. So the indexes lack
at most the records journal's *last* line — when a crash came between — and
every call first compares that line's id with ``#meta`` and takes it in
(:meth:`HistoryStore._sync`). A missing or set-aside index is rebuilt from the
records (that is also the migration from a history written before indexes).

Records are tidied (:func:`~partways.store.tidy.tidy`) on the way in and out;
what can go wrong with a file, and what happens, is :mod:`partways.store.collection`'s.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from partways.records import Outcome
from partways.store.collection import (
    Collection,
    Doc,
    Result,
    Session,
    StoreUnavailable,
)
from partways.store.index import META, Best, Row, Summary, fold, fold_all, row_of
from partways.store.journal import Entry
from partways.store.tidy import tidy

if TYPE_CHECKING:
    from partways.store.transfer import ImportReport

__all__ = [
    "DB_NAME",
    "Best",
    "HistoryStore",
    "HistoryUnavailable",
    "Result",
    "Row",
    "Summary",
    "best_of",
]

DB_NAME = "history.json"
TABLE = "rehearsals"
#: The records' schema: 1 is ``Outcome.to_json()``, tidied. 0 is the same, written
#: before records had a schema.
SCHEMA = 1

T = TypeVar("T")

#: The history cannot be read or written (``str()`` is one line: ``<path>: <reason>``).
HistoryUnavailable = StoreUnavailable


def new_key() -> str:
    """A new record's id: random, so two rehearsals never share one."""
    return secrets.token_hex(10)


def _migrate(doc: Doc, schema: int) -> Doc:
    return tidy(doc)


@dataclass(frozen=True, slots=True)
class _Synced:
    summary: dict[str, Doc]
    rows: dict[str, Doc] | None  # set when the rows were rebuilt (or computed without the lock)


class HistoryStore:
    """Reads and appends rehearsal records in ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        lock = self.data_dir / f".{DB_NAME}.lock"
        self.records = Collection(
            self.data_dir,
            "history",
            table=TABLE,
            schema=SCHEMA,
            migrate=_migrate,
            label="history",
            lock=lock,
        )
        self.rows_index = Collection(
            self.data_dir, "history-rows", label="history index", lock=lock
        )
        self.summary_index = Collection(
            self.data_dir, "history-summary", label="history summary", lock=lock, compact_at=16384
        )

    @property
    def path(self) -> Path:
        return self.records.path

    # -- reading ----------------------------------------------------------------

    def _has_records(self) -> bool:
        import os

        return os.path.lexists(self.records.path) or os.path.lexists(self.records.journal_path)

    def call(self, operation: Callable[[Session], T], *, write: bool) -> Result[T]:
        try:
            with self.records.session(write=write) as session:
                return Result(operation(session), session.notice())
        except StoreUnavailable:
            raise
        except OSError as error:
            raise self.records.unavailable(error) from error

    def all(self) -> Result[list[Outcome]]:
        """Every rehearsal, newest first, each tidied.

        Raises :class:`HistoryUnavailable` when the history cannot be read.
        """
        read = self.items()
        return Result([outcome for _, outcome in read.value], read.notice)

    def items(self) -> Result[list[tuple[str, Outcome]]]:
        """Every rehearsal with its key, newest first, each tidied."""
        if not self._has_records():
            return Result([])  # nothing yet: create neither the folder nor the lock
        read = self.call(lambda s: self.load_records(s), write=False)
        items = [(key, Outcome.from_json(tidy(doc))) for key, doc in read.value.items()]
        return Result(items[::-1], read.notice)

    def get(self, key: str) -> Result[Outcome | None]:
        """One rehearsal, with its transcript, by its key (a :class:`Row`'s ``key``)."""
        if not self._has_records():
            return Result(None)
        read = self.call(lambda s: self.load_records(s).get(key), write=False)
        return Result(
            None if read.value is None else Outcome.from_json(tidy(read.value)), read.notice
        )

    def recent(self, count: int) -> Result[list[Outcome]]:
        """The newest ``count`` rehearsals with their transcripts, newest first: only
        those are tidied and decoded (the drills' habits read a few, not all)."""
        if not self._has_records() or count <= 0:
            return Result([])
        read = self.call(lambda s: self.load_records(s), write=False)
        docs = list(read.value.values())[: -count - 1 : -1]
        return Result([Outcome.from_json(tidy(doc)) for doc in docs], read.notice)

    def summaries(self) -> Result[dict[str, Summary]]:
        """Per scenario id: the best finished result, the last one, how many — from the
        small index, without reading the records."""
        if not self._has_records():
            return Result({})
        read = self.call(lambda s: self._sync(s).summary, write=False)
        summaries = {
            scenario: Summary.from_json(doc)
            for scenario, doc in read.value.items()
            if scenario != META and isinstance(doc, dict)
        }
        return Result(summaries, read.notice)

    def best(self) -> Result[dict[str, Best]]:
        """For each scenario id, the best finished (not abandoned) result, and how many
        times it was played (abandoned ones included)."""
        read = self.summaries()
        best = {key: s.best for key, s in read.value.items() if s.best is not None}
        return Result(best, read.notice)

    def rows(self, newest: int | None = None) -> Result[list[Row]]:
        """One light row per rehearsal, newest first, without reading transcripts; with
        ``newest``, only that many (a first page: the others are not decoded)."""
        if not self._has_records():
            return Result([])
        read = self.call(self._rows, write=False)
        docs = list(read.value.items())
        wanted = docs[::-1] if newest is None else docs[: -newest - 1 : -1] if newest > 0 else []
        return Result([Row.from_json(key, doc) for key, doc in wanted], read.notice)

    def _rows(self, session: Session) -> dict[str, Doc]:
        synced = self._sync(session)
        if synced.rows is not None:
            return synced.rows
        before = len(session.notices)
        rows = self.rows_index.load(session).docs
        if len(session.notices) > before:  # the index was set aside: rebuild it
            return self._rebuild(session, self.load_records(session)).rows or {}
        return rows

    # -- writing ----------------------------------------------------------------

    def add(self, outcome: Outcome) -> Result[None]:
        """Append one rehearsal, tidied so that what is written is what a reader expects.

        Raises :class:`HistoryUnavailable` when it cannot be saved.
        """
        record = tidy(outcome.to_json())
        return self.call(lambda s: self._add(s, {new_key(): record}), write=True)

    def _add(self, session: Session, records: Mapping[str, Doc]) -> None:
        summary = self._sync(session).summary
        entry = self.records.entry(records)
        self.records.append(session, entry, compact=False)
        self._take_in(session, entry, summary, tidied=True)
        self._compact(session)

    def export(self, path: Path) -> int:
        """Write every record to the JSON file ``path``; how many were written."""
        from partways.store.transfer import export

        return export(self, path)

    def import_(self, path: Path) -> ImportReport:
        """Add the records of an export the history does not hold yet.

        Raises ``OSError`` for a file that cannot be read,
        :class:`~partways.store.transfer.NotAnExport` for one that is not an export,
        :class:`HistoryUnavailable` when the history cannot be written.
        """
        from partways.store.transfer import import_

        return import_(self, path)

    def put_records(self, session: Session, records: Mapping[str, Doc]) -> None:
        """Add already tidied records by key, under ``session`` (for imports)."""
        if records:
            self._add(session, records)

    def _take_in(
        self, session: Session, entry: Entry, summary: dict[str, Doc], *, tidied: bool = False
    ) -> None:
        """Put ``entry``'s records into the rows and the summary (``#meta`` last)."""
        rows = {key: row_of(doc if tidied else tidy(doc)) for key, doc in entry.puts.items()}
        self.rows_index.append(session, self.rows_index.entry(rows), compact=False)
        changed: dict[str, Doc] = {}
        for row in rows.values():
            scenario = row["scenario"]
            if scenario != META:
                changed[scenario] = summary[scenario] = fold(summary.get(scenario), row)
        changed[META] = summary[META] = {"applied": entry.at}
        # Not fsynced: lines a power cut loses are taken in again from the records
        # (see _sync); the summary journal is synced before the records compact.
        self.summary_index.append(
            session, self.summary_index.entry(changed), compact=False, sync=False
        )

    def _compact(self, session: Session) -> None:
        """Compact what has grown. The write is already safe in the journals: a
        compaction that fails (a full disk) is left for a later call."""
        try:
            before = len(session.notices)
            if self.records.due():
                self.summary_index.sync()  # its #meta must be durable before the records compact
                loaded = self.records.compact(session)
                if len(session.notices) > before:
                    self._rebuild(session, loaded.docs)
            self.rows_index.compact_if_due(session)
            self.summary_index.compact_if_due(session)
        except OSError:
            pass

    # -- keeping the indexes in step -------------------------------------------

    def load_records(self, session: Session) -> dict[str, Doc]:
        """The records, read afresh; if one of their files was set aside, the indexes
        are rebuilt from what is left."""
        before = len(session.notices)
        docs = self.records.load(session).docs
        if len(session.notices) > before and session.no_lock is None:
            self._rebuild(session, docs)
        return docs

    def _sync(self, session: Session) -> _Synced:
        """The summary index, with the records journal lines it missed taken in (after a
        crash, or a power cut that lost its unsynced lines); rebuilt from the records
        when it is missing or unusable, or its last line is no longer in the journal."""
        summary = self.summary_index.load(session).docs
        meta = summary.get(META)
        if isinstance(meta, dict):
            applied = meta.get("applied")
            last = self.records.last_entry()
            if last is None or last.at == applied:
                return _Synced(summary, None)
            missed = self._missed(applied) if session.no_lock is None else None
            if missed is not None:
                for entry in missed:
                    self._take_in(session, entry, summary)
                return _Synced(summary, None)
        return self._rebuild(session, self.load_records(session))

    def _missed(self, applied: object) -> list[Entry] | None:
        """The records journal's entries after the one with id ``applied`` (``None``
        when it is not there, or a line is corrupt, or one deletes)."""
        entries = self.records.journal_entries()
        if entries is None:
            return None
        ats = [entry.at for entry in entries]
        if applied not in ats:
            return None
        missed = entries[ats.index(applied) + 1 :]
        return None if any(entry.deletes for entry in missed) else missed

    def _rebuild(self, session: Session, docs: Mapping[str, Doc]) -> _Synced:
        """Both indexes from the records (written only when the lock is held)."""
        rows = {key: row_of(tidy(doc)) for key, doc in docs.items()}
        summary: dict[str, Doc] = {
            key: value for key, value in fold_all(rows.values()).items() if key != META
        }
        last = self.records.last_entry()
        summary[META] = {"applied": last.at if last is not None else ""}
        if session.no_lock is None:
            self.summary_index.rewrite(session, {})  # no #meta until both are whole
            self.rows_index.rewrite(session, rows)
            self.summary_index.rewrite(session, summary)
        return _Synced(summary, rows)


def best_of(outcomes: list[Outcome]) -> dict[str, Best]:
    """For each scenario id, the best of ``outcomes`` (newest first) not abandoned, and
    how many times it was played (abandoned ones included)."""
    rows = [row_of(o.to_json()) for o in reversed(outcomes)]
    return {
        key: Best(str(doc["best_outcome"]), int(doc["best_overall"]), int(doc["count"]))
        for key, doc in fold_all(rows).items()
        if "best_outcome" in doc
    }
