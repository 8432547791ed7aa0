"""The rehearsal log: every finished (or abandoned) rehearsal, in TinyDB.

This is the one small interface the screens and the CLI use; how the records
are kept can change behind it without touching them.

What can go wrong with ``history.json``, and what happens:

* It holds something that is not a TinyDB document partways can use (not JSON,
  the wrong shape, a record that is not an object, ``NaN``...; see
  :mod:`partways.store.storage`): it is *set aside* — renamed to
  ``history.json.corrupt-<time>``, its bytes untouched — a new history is
  started, and :attr:`HistoryStore.notice` says so.
* A record is an object but its fields are odd (hand-edited): it is *tidied*
  as it is read (:func:`tidy`); the file is not changed. A new record is
  tidied before it is written, so what is written is what readers expect.
* It cannot be read or written at all — a pipe, a device, a folder, bigger than
  :data:`~partways.store.storage.HISTORY_LIMIT`, permission denied, a read-only
  folder for a write — :class:`HistoryUnavailable` is raised and nothing is
  moved or overwritten.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from partways.fileio import FileTooBig, describe
from partways.scores import SCORE_NAMES, Scores
from partways.store.storage import (
    AtomicJSONStorage,
    CorruptDatabase,
    locked,
    remove_stale_temp_files,
)
from partways.text import strip_control, visible

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

    def _run(self, operation: Callable[[TinyDB], T], *, write: bool) -> T:
        """``operation`` on the database, setting a corrupt file aside first."""
        try:
            with self._session(write=write) as no_lock:
                try:
                    return operation(TinyDB(self.path, storage=AtomicJSONStorage))
                except CorruptDatabase as error:
                    self._set_aside(str(error), no_lock)
                return operation(TinyDB(self.path, storage=AtomicJSONStorage))
        except HistoryUnavailable:
            raise
        except CorruptDatabase as error:  # corrupt again after the set-aside: give up
            raise HistoryUnavailable(self.path, f"unreadable ({error})") from error
        except OSError as error:
            raise HistoryUnavailable(self.path, _reason(error)) from error

    def _set_aside(self, reason: str, no_lock: str | None) -> None:
        """Rename the corrupt file (only under the lock), keeping its bytes."""
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
        self.notice = visible(
            f"The history database was unreadable ({reason}); it was moved to {target} "
            "and a new one was started."
        )

    def take_notice(self) -> str | None:
        """The message about a database set aside, once (``None`` when there is none)."""
        notice, self.notice = self.notice, None
        return notice

    def add(self, record: dict[str, Any]) -> None:
        """Append one rehearsal record (an ``Outcome.to_json()``), tidied (:func:`tidy`)
        so that what is written is what a reader expects.

        Raises :class:`HistoryUnavailable` when it cannot be saved.
        """
        tidied = tidy(record)
        self._run(lambda db: db.table(TABLE).insert(tidied), write=True)

    def all(self) -> list[dict[str, Any]]:
        """Every record, newest first, each tidied (:func:`tidy`).

        Raises :class:`HistoryUnavailable` when the history cannot be read.
        """
        try:
            os.stat(self.path)
        except FileNotFoundError:
            return []  # nothing yet: create neither the folder nor the lock
        except OSError:
            pass  # let the read say what is wrong
        docs = self._run(lambda db: db.table(TABLE).all(), write=False)
        docs.sort(key=lambda doc: doc.doc_id, reverse=True)
        return [tidy(doc) for doc in docs]

    def best(self) -> dict[str, Best]:
        """For each scenario id, the best finished (not abandoned) result."""
        best: dict[str, Best] = {}
        counts: dict[str, int] = {}
        for record in self.all():
            scenario = record["scenario"]
            counts[scenario] = counts.get(scenario, 0) + 1
            if record["abandoned"]:
                continue
            overall = Scores(**record["scores"]).overall
            rank = (record["outcome"] == "clean-exit", overall)
            current = best.get(scenario)
            if current is None or rank > (current.outcome == "clean-exit", current.overall):
                best[scenario] = Best(record["outcome"], overall, 0)
        return {
            key: Best(value.outcome, value.overall, counts.get(key, 0))
            for key, value in best.items()
        }


# -- tidying a record -----------------------------------------------------------

#: Text fields of a record and of a turn, and the ones that may be ``null``.
_RECORD_TEXT = ("scenario", "title", "language", "outcome")
_RECORD_OPTIONAL = ("ending_node", "client_line", "lesson")
_RECORD_NAMES = ("client_name", "you_name", "started", "finished")
#: Choice numbers larger than this are not numbers a rehearsal makes.
_MAX_CHOICE = 1000


def _text(value: object) -> str:
    """Any JSON value as printable text: strings cleaned, numbers written, the rest ''."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        try:
            text = str(value)
        except ValueError:  # an int of more digits than Python will print
            return ""
    else:
        return ""
    if not text.isascii():
        # A lone surrogate cannot be printed or written as UTF-8: it becomes U+FFFD
        # (a pair of them becomes the character it stands for).
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return strip_control(text)


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _score(value: object) -> int:
    """A score 0-100 from any JSON value (a number or a string of digits; else 0)."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, float):
        if not math.isfinite(value):
            return 0
        value = int(value)
    elif isinstance(value, str):
        try:
            value = int(value.strip()) if len(value) <= 20 else 0
        except ValueError:
            return 0
    if not isinstance(value, int):
        return 0
    return max(0, min(100, value))


def _choice(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_CHOICE:
        return value
    return None


def _text_list(value: object) -> list[str]:
    return (
        [_text(item) for item in value if isinstance(item, str)] if isinstance(value, list) else []
    )


def _tidy_turn(turn: dict[str, Any]) -> dict[str, Any]:
    return {
        "node": _text(turn.get("node")),
        "client": _text(turn.get("client")),
        "mood": _optional_text(turn.get("mood")),
        "said": _text(turn.get("said")),
        "how": _text(turn.get("how")),
        "choice": _choice(turn.get("choice")),
        "stance": _text(turn.get("stance")),
        "tags": _text_list(turn.get("tags")),
        "coach": _text(turn.get("coach")),
        "next": _text(turn.get("next")),
    }


def tidy(record: dict[str, Any]) -> dict[str, Any]:
    """A record as readers expect it, whatever JSON values its fields hold.

    The result has exactly the fields of ``Outcome.to_json()`` (others are
    dropped). Text fields are strings without control characters (only newline
    and tab survive: :func:`partways.text.strip_control`); ``ending_node``,
    ``client_line``, ``lesson`` and a turn's ``mood`` are such a string or
    ``None``; ``abandoned`` is a bool (true also when ``outcome`` is
    ``abandoned``); ``scores`` has the four integer keys, each 0-100; ``turns``
    is a list of objects of the same kind (entries that are not objects are
    dropped), each with ``choice`` an int or ``None`` and ``tags`` a list of
    strings. Never raises, so one odd record never stops the app.
    """
    raw_scores = record.get("scores")
    scores = raw_scores if isinstance(raw_scores, dict) else {}
    turns = record.get("turns")
    tidied = {key: _text(record.get(key)) for key in _RECORD_TEXT}
    return {
        **tidied,
        "abandoned": record.get("abandoned") is True or tidied["outcome"] == "abandoned",
        **{key: _optional_text(record.get(key)) for key in _RECORD_OPTIONAL},
        **{key: _text(record.get(key)) for key in _RECORD_NAMES},
        "turns": [_tidy_turn(t) for t in turns if isinstance(t, dict)]
        if isinstance(turns, list)
        else [],
        "scores": {key: _score(scores.get(key)) for key in SCORE_NAMES},
    }
