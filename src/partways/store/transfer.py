"""Export the history to one plain JSON file, and import one back (a backup, a new machine).

An export is ``{"partways": "history", "version": 1, "records": [...]}``, oldest
first, each record ``Outcome.to_json()`` with its ``id``. Importing reads that,
or a plain list of records (what ``partways history --json`` prints). A record
keeps its ``id``; one without an id is keyed by a hash of its content (the
second identical one in the same file by the hash and ``-2``, and so on), so
importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partways.fileio import atomic_write, read_regular
from partways.store import storage
from partways.store.collection import Doc, Session
from partways.store.history import HistoryStore
from partways.store.storage import CorruptDatabase, check_value, loads_strict
from partways.store.tidy import tidy

FORMAT = "history"
VERSION = 1
_MAX_ID = 64


class NotAnExport(ValueError):
    """The file is not a partways history export (``str()`` is one line)."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    skipped: int
    notice: str | None = None  # a history file was set aside during the import


def export(store: HistoryStore, path: Path) -> int:
    """Write every record to ``path`` (atomically, owner-only); how many."""
    records = store.records
    read = records.all()
    items = [{"id": key, **tidy(doc)} for key, doc in read.value.items()]
    payload = json.dumps(
        {"partways": FORMAT, "version": VERSION, "records": items},
        ensure_ascii=False,
        allow_nan=False,
        indent=1,
    ).encode("utf-8")
    atomic_write(path, payload + b"\n")
    return len(items)


def read_export(path: Path) -> tuple[dict[str, Doc], int]:
    """The records of the export at ``path``, by key, tidied, and how many it lists.

    Raises ``OSError`` (from :func:`~partways.fileio.read_regular`) or :class:`NotAnExport`.
    """
    raw = read_regular(path, storage.HISTORY_LIMIT)
    try:
        data = loads_strict(raw)
        check_value(data, raw)
    except CorruptDatabase as error:
        raise NotAnExport(f"not a partways history export (not JSON: {error})") from error
    items = data.get("records") if isinstance(data, dict) else data
    if isinstance(data, dict) and (data.get("partways") != FORMAT or data.get("version") != 1):
        raise NotAnExport('not a partways history export (no "partways": "history", version 1)')
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise NotAnExport("not a partways history export (its records are not a list of objects)")
    found: dict[str, Doc] = {}
    seen: dict[str, int] = {}
    for item in items:
        record = tidy(item)
        key = _given_id(item.get("id"))
        if key is None:
            digest = _content_key(record)
            seen[digest] = seen.get(digest, 0) + 1
            key = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        found.setdefault(key, record)
    return found, len(items)


def _given_id(value: Any) -> str | None:
    if isinstance(value, str) and 0 < len(value) <= _MAX_ID and value.isprintable():
        return value
    return None


def _content_key(record: Doc) -> str:
    text = json.dumps(record, sort_keys=True, ensure_ascii=True, allow_nan=False)
    return "h" + hashlib.sha256(text.encode("ascii")).hexdigest()[:23]


def import_(store: HistoryStore, path: Path) -> ImportReport:
    """Add the records of ``path`` the history does not hold yet (by key)."""
    found, total = read_export(path)

    def run(session: Session) -> int:
        held = store.load_records(session)
        new = {key: doc for key, doc in found.items() if key not in held}
        store.put_records(session, new)
        return len(new)

    done = store.call(run, write=True)
    return ImportReport(done.value, total - done.value, done.notice)
