"""A keyed set of JSON objects kept in a TinyDB-readable snapshot and an append-only journal.

Files, in ``data_dir``, for a collection called ``name``:

* ``<name>.json`` — the *snapshot*: a TinyDB document (``{table: {"1": doc, ...}}``,
  see :mod:`partways.store.storage`), each doc with its ``_key`` and ``_schema``.
  TinyDB opens it as it is, and a person can read it.
* ``<name>.journal`` — the *journal*: what changed since, one JSON line per
  operation (:mod:`partways.store.journal`), appended and fsynced.
* ``.<name>.json.lock`` — the lock (:func:`partways.store.files.locked`), which
  collections may share (the history's three do).

Why this design. A write appends one line and fsyncs it, so its cost does not
grow with the data (rewriting the whole file, as before, cost 0.4 s at 5,000
rehearsals). When the journal outgrows ``compact_at`` and half the snapshot, it
is *compacted*: the current state is written as a new snapshot (temporary file,
fsync, rename) and the journal emptied, all under the lock; the rewrite is paid
once per that many bytes written. A crash at any instant leaves either the old
snapshot or the new one, and a journal whose lines can be replayed over either
(they set absolute values), with at most a torn last line: the write that was
under way, discarded. Every call takes the lock and reads the files afresh
inside it — no state is cached between calls — so two copies of partways never
lose each other's writes. TinyDB stays the file format and the query layer
(:meth:`Collection.query`); it is not the writer, because a TinyDB instance
rewrites its whole file on each insert and caches document ids between calls.

What can go wrong, and what happens (the same for every collection):

* A file holds something unusable (not JSON, the wrong shape, a bad journal line
  that is not the last): it is *set aside* — renamed ``<file>.corrupt-<time>``,
  its bytes untouched — and the :class:`Result` of the call carries a notice.
  Readable journal lines before a bad one are kept (written into the snapshot
  before the journal is moved).
* A file cannot be used at all — a pipe, a device, a folder, a symlink, bigger
  than the limit, permission denied, a read-only folder for a write —
  :class:`StoreUnavailable` is raised and nothing is moved or overwritten. A read
  goes on without the lock when the lock cannot be had (a read-only folder).

Records carry a schema number: ``migrate(doc, old_schema)`` brings an older one
up to date as it is read. A snapshot record without ``_schema`` (written before
there was one) is schema 0.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from partways.fileio import FileTooBig, atomic_write
from partways.store import storage
from partways.store.files import (
    appending,
    exists,
    last_line,
    locked,
    read_own,
    reason,
    size_of,
    sync_file,
    truncate,
    write_all,
)
from partways.store.journal import CorruptJournal, Entry, encode, new_id, parse, parse_line
from partways.store.storage import CorruptDatabase, parse_document, remove_stale_temp_files
from partways.text import visible

T = TypeVar("T")
Doc = dict[str, Any]
Migrate = Callable[[Doc, int], Doc]

KEY, SCHEMA = "_key", "_schema"
#: A journal is compacted once it holds more than this many bytes (and half the snapshot).
COMPACT_AT = 1 << 20


@dataclass(frozen=True, slots=True)
class Result(Generic[T]):
    """What a call to a store gives: its ``value``, and the ``notice`` to show when a
    file was found unusable and set aside during the call."""

    value: T
    notice: str | None = None


class StoreUnavailable(OSError):
    """A store file cannot be read or written; nothing was moved or overwritten.

    ``str()`` is a one-line message, safe to print: ``<path>: <reason>``.
    """

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{visible(str(path))}: {visible(why)}")
        self.path = path
        self.reason = why


@dataclass
class Session:
    """The lock held (or why not) for one call, and the notices the call gathered."""

    no_lock: str | None
    notices: list[str] = field(default_factory=list)

    def notice(self) -> str | None:
        return " ".join(self.notices) if self.notices else None


@dataclass
class Loaded:
    """A collection's state, read afresh."""

    docs: dict[str, Doc]
    others: dict[str, Any]  # the snapshot's other tables, kept as they are
    snapshot_size: int
    journal_size: int


class Collection:
    """A keyed set of JSON objects in data_dir/<name>.json(+journal), safe on crash and with
    two copies open."""

    def __init__(
        self,
        data_dir: Path,
        name: str,
        *,
        schema: int = 1,
        migrate: Migrate | None = None,
        table: str | None = None,
        label: str | None = None,
        key_of: Callable[[Doc], str] | None = None,
        lock: Path | None = None,
        compact_at: int = COMPACT_AT,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.name = name
        self.schema = schema
        self.migrate = migrate
        self.table = table or name
        self.label = label or f"{name} data"
        self.key_of = key_of
        self.path = self.data_dir / f"{name}.json"
        self.journal_path = self.data_dir / f"{name}.journal"
        self.lock_path = lock or self.data_dir / f".{name}.json.lock"
        self.compact_at = compact_at
        self._swept = False

    # -- the interface --------------------------------------------------------

    def put(self, key: str, doc: Mapping[str, Any]) -> Result[None]:
        """Store ``doc`` (a JSON object) under ``key``, replacing any doc there."""
        return self.put_many({key: doc})

    def put_many(self, docs: Mapping[str, Mapping[str, Any]]) -> Result[None]:
        """Store all of ``docs`` at once: after a crash, all of them or none."""
        if not docs:
            return Result(None)
        return self._run(lambda s: self.append(s, self.entry(docs)), write=True)

    def delete(self, key: str) -> Result[None]:
        entry = Entry(new_id(), self.schema, deletes=(key,))
        return self._run(lambda s: self.append(s, entry), write=True)

    def get(self, key: str) -> Result[Doc | None]:
        read = self.all()
        return Result(read.value.get(key), read.notice)

    def all(self) -> Result[dict[str, Doc]]:
        """Every doc by key, in the order they were first put."""
        if not (exists(self.path) or exists(self.journal_path)):
            return Result({})  # nothing yet: create neither the folder nor the lock
        return self._run(lambda s: self.load(s).docs, write=False)

    def query(self, condition: Any) -> Result[list[Doc]]:
        """The docs (with their ``_key``) matching a TinyDB query, e.g. ``Query().x == 1``."""
        from tinydb import TinyDB

        read = self.all()
        document = self.document(read.value, {})
        db = TinyDB(document, storage=storage.SnapshotStorage)
        return Result([dict(doc) for doc in db.table(self.table).search(condition)], read.notice)

    def replace_all(self, docs: Mapping[str, Mapping[str, Any]]) -> Result[None]:
        """Make ``docs`` the whole collection (a rebuilt index), in one atomic write."""
        whole = {key: dict(doc) for key, doc in docs.items()}
        return self._run(lambda s: self.rewrite(s, whole), write=True)

    # -- sessions: what HistoryStore composes under one lock -------------------

    @contextlib.contextmanager
    def session(self, *, write: bool) -> Iterator[Session]:
        """Hold the lock for one call. A write needs it (:class:`StoreUnavailable`
        otherwise); a read goes on without it when it cannot be had."""
        with contextlib.ExitStack() as stack:
            no_lock: str | None = None
            try:
                stack.enter_context(locked(self.lock_path))
            except OSError as error:
                if write:
                    raise StoreUnavailable(self.lock_path, reason(error)) from error
                no_lock = f"the lock {self.lock_path}: {reason(error)}"
            if no_lock is None and not self._swept:
                self._swept = True
                remove_stale_temp_files(self.path)  # under the lock: no writer is live
            yield Session(no_lock)

    def _run(self, operation: Callable[[Session], T], *, write: bool) -> Result[T]:
        try:
            with self.session(write=write) as session:
                value = operation(session)
                return Result(value, session.notice())
        except StoreUnavailable:
            raise
        except OSError as error:
            raise self.unavailable(error) from error

    def unavailable(self, error: OSError) -> StoreUnavailable:
        where = Path(error.filename) if isinstance(error.filename, str) else self.path
        return StoreUnavailable(where, reason(error))

    def entry(self, docs: Mapping[str, Mapping[str, Any]]) -> Entry:
        """A journal entry putting ``docs`` (reserved fields dropped)."""
        clean = {
            key: {k: v for k, v in doc.items() if k not in (KEY, SCHEMA)}
            for key, doc in docs.items()
        }
        return Entry(new_id(), self.schema, puts=clean)

    def limit(self) -> int:
        return storage.HISTORY_LIMIT  # read at call time: tests lower it

    def load(self, session: Session) -> Loaded:
        """The state: the snapshot with the journal replayed over it, read afresh."""
        docs: dict[str, Doc] = {}
        others: dict[str, Any] = {}
        raw = self._read(self.path)
        if raw is not None:
            try:
                document = parse_document(raw)
            except CorruptDatabase as error:
                session.notices.append(self.set_aside(self.path, str(error), session))
            else:
                docs, others = self.from_snapshot(document or {})
        journal_raw = self._read(self.journal_path) or b""
        try:
            entries = parse(journal_raw).entries
        except CorruptJournal as error:
            for entry in error.good:
                self.apply(docs, entry)
            if session.no_lock is None:
                self.write_snapshot(docs, others)
            notice = self.set_aside(self.journal_path, str(error), session, kept=True)
            session.notices.append(notice)
            return Loaded(docs, others, size_of(self.path), 0)
        for entry in entries:
            self.apply(docs, entry)
        return Loaded(docs, others, len(raw or b""), len(journal_raw))

    def _read(self, path: Path) -> bytes | None:
        try:
            return read_own(path, self.limit())
        except FileNotFoundError:
            return None

    def from_snapshot(self, document: dict[str, dict[str, Any]]) -> tuple[dict[str, Doc], Doc]:
        table = document.get(self.table, {})
        others = {name: value for name, value in document.items() if name != self.table}
        docs: dict[str, Doc] = {}
        for doc_id in sorted(table, key=int):
            record = dict(table[doc_id])
            key = record.pop(KEY, None)
            schema = record.pop(SCHEMA, 0)
            if not isinstance(schema, int) or isinstance(schema, bool):
                schema = 0
            doc = self.migrated(record, schema)
            if not isinstance(key, str):
                key = self.key_of(doc) if self.key_of is not None else doc_id
            docs[key] = doc
        return docs, others

    def migrated(self, doc: Doc, schema: int) -> Doc:
        if schema < self.schema and self.migrate is not None:
            return self.migrate(doc, schema)
        return doc

    def apply(self, docs: dict[str, Doc], entry: Entry) -> None:
        for key in entry.deletes:
            docs.pop(key, None)
        for key, doc in entry.puts.items():
            docs[key] = self.migrated(doc, entry.schema)

    def append(
        self, session: Session, entry: Entry, *, compact: bool = True, sync: bool = True
    ) -> None:
        """Append ``entry`` to the journal (durably, unless ``sync`` is false: the caller
        can rebuild it); then compact it if it has grown, unless ``compact`` is false
        (the caller calls :meth:`compact_if_due` later)."""
        line = encode(entry)
        total = size_of(self.path) + size_of(self.journal_path) + len(line)
        if total > self.limit():
            raise FileTooBig(self.path, total, self.limit())
        if not exists(self.path):  # the readable file is there from the first write
            self.write_snapshot({}, {})
        with appending(self.journal_path) as fd:
            write_all(fd, line, sync=sync)
        if compact:
            self.compact_if_due(session)

    def compact_if_due(self, session: Session) -> Loaded | None:
        """Compact when the journal holds more than ``compact_at`` bytes and half the
        snapshot's; the state compacted, or ``None``."""
        return self.compact(session) if self.due() else None

    def due(self) -> bool:
        """Whether the journal has grown enough to be compacted."""
        return size_of(self.journal_path) > max(self.compact_at, size_of(self.path) // 2)

    def sync(self) -> None:
        """Make every line appended without ``sync`` durable."""
        sync_file(self.journal_path)

    def compact(self, session: Session) -> Loaded:
        """Write the current state as the snapshot and empty the journal."""
        loaded = self.load(session)
        self.write_snapshot(loaded.docs, loaded.others)
        if exists(self.journal_path):
            truncate(self.journal_path)
        return loaded

    def rewrite(self, session: Session, docs: dict[str, Doc]) -> None:
        others = self.load(session).others
        self.write_snapshot(docs, others)
        if exists(self.journal_path):
            truncate(self.journal_path)

    def document(self, docs: Mapping[str, Doc], others: Mapping[str, Any]) -> dict[str, Any]:
        table = {
            str(n): {KEY: key, SCHEMA: self.schema, **doc}
            for n, (key, doc) in enumerate(docs.items(), start=1)
        }
        return {**others, self.table: table}

    def write_snapshot(self, docs: Mapping[str, Doc], others: Mapping[str, Any]) -> None:
        payload = json.dumps(
            self.document(docs, others), ensure_ascii=False, allow_nan=False
        ).encode("utf-8")
        if len(payload) > self.limit():
            raise FileTooBig(self.path, len(payload), self.limit())  # never write the unreadable
        size_of(self.path)  # refuses a symlink, a folder or a device in its place
        atomic_write(self.path, payload)

    def journal_entries(self) -> list[Entry] | None:
        """The journal's entries, or ``None`` when a line is corrupt (a full read sets
        it aside)."""
        try:
            return parse(self._read(self.journal_path) or b"").entries
        except CorruptDatabase:
            return None

    def last_entry(self) -> Entry | None:
        """The journal's last complete line (read from the end), or ``None``."""
        line = last_line(self.journal_path)
        if line is None or not line.strip():
            return None
        try:
            return parse_line(line)
        except CorruptDatabase:
            return None  # the next full read sets the journal aside

    def set_aside(self, path: Path, why: str, session: Session, *, kept: bool = False) -> str:
        """Rename the unusable ``path`` (only under the lock), keeping its bytes; the notice."""
        if session.no_lock is not None:
            raise StoreUnavailable(
                path, f"unreadable ({why}) and not moved aside ({session.no_lock})"
            )
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while os.path.lexists(target):
            n += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(path, target)
        except OSError as error:
            raise StoreUnavailable(
                path, f"unreadable ({why}) and could not be moved aside: {reason(error)}"
            ) from error
        what = "journal" if path == self.journal_path else "database"
        then = "the lines before the bad one were kept." if kept else "a new one was started."
        return visible(
            f"The {self.label} {what} was unreadable ({why}); it was moved to {target} and {then}"
        )
