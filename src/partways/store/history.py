"""The rehearsal log: every finished (or abandoned) rehearsal, in TinyDB.

This is the one small interface the screens and the CLI use; how the records
are kept can change behind it without touching them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from partways.scores import SCORE_NAMES, Scores
from partways.store.storage import AtomicJSONStorage, CorruptDatabase, locked

DB_NAME = "history.json"
TABLE = "rehearsals"


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
    #: Set when a corrupt database was found and moved aside: the message to show.
    notice: str | None = field(default=None, init=False)

    @property
    def path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def _lock(self) -> Path:
        return self.data_dir / f".{DB_NAME}.lock"

    @contextlib.contextmanager
    def _db(self) -> Iterator[TinyDB]:
        with locked(self._lock):
            try:
                db = TinyDB(self.path, storage=AtomicJSONStorage)
                db.table(TABLE).all()  # reads the file: raises on a corrupt one
            except CorruptDatabase as error:
                self._set_aside(str(error))
                db = TinyDB(self.path, storage=AtomicJSONStorage)
            try:
                yield db
            finally:
                db.close()

    def _set_aside(self, reason: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}-{n}")
        os.replace(self.path, target)
        self.notice = (
            f"The history database was unreadable ({reason}); it was moved to {target} "
            "and a new one was started."
        )

    def take_notice(self) -> str | None:
        """The message about a database set aside, once (``None`` when there is none)."""
        notice, self.notice = self.notice, None
        return notice

    def add(self, record: dict[str, Any]) -> None:
        """Append one rehearsal record (an ``Outcome.to_json()``)."""
        with self._db() as db:
            db.table(TABLE).insert(record)

    def all(self) -> list[dict[str, Any]]:
        """Every record, newest first."""
        if not self.path.exists():
            return []
        with self._db() as db:
            docs = db.table(TABLE).all()
        docs.sort(key=lambda doc: doc.doc_id, reverse=True)
        return [_tidy(dict(doc)) for doc in docs]

    def best(self) -> dict[str, Best]:
        """For each scenario id, the best finished (not abandoned) result."""
        best: dict[str, Best] = {}
        counts: dict[str, int] = {}
        for record in self.all():
            scenario = str(record.get("scenario", ""))
            counts[scenario] = counts.get(scenario, 0) + 1
            if record.get("abandoned"):
                continue
            overall = Scores(**record["scores"]).overall  # _tidy made it four ints
            rank = (record.get("outcome") == "clean-exit", overall)
            current = best.get(scenario)
            if current is None or rank > (current.outcome == "clean-exit", current.overall):
                best[scenario] = Best(str(record.get("outcome")), overall, 0)
        return {
            key: Best(value.outcome, value.overall, counts.get(key, 0))
            for key, value in best.items()
        }


def _score(value: object) -> int:
    if not isinstance(value, int | float | str):
        return 0
    try:
        return max(0, min(100, int(value)))
    except ValueError:
        return 0


def _tidy(record: dict[str, Any]) -> dict[str, Any]:
    """A record as readers expect it, even if the file was edited by hand:
    ``scenario``, ``outcome`` and ``started`` as text, ``scores`` with the four
    integer keys."""
    raw = record.get("scores")
    scores = raw if isinstance(raw, dict) else {}
    record["scores"] = {key: _score(scores.get(key, 0)) for key in SCORE_NAMES}
    for key in ("scenario", "outcome", "started"):
        record[key] = str(record.get(key, ""))
    return record
