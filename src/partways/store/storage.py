"""The snapshot format, and the strict JSON reader the snapshot and the journal share.

A snapshot (``<name>.json``) is a TinyDB document, readable by TinyDB and by a
person: an object of tables, each an object mapping record ids (strings of
digits) to records (objects). :func:`parse_document` reads one and checks that
shape. What is read must be strict JSON (an optional UTF-8 byte order mark is
accepted; ``NaN``, ``Infinity`` and numbers too big for a float are read as
``null``), nested at most :data:`MAX_DEPTH` levels, with every string valid
Unicode. Anything else raises :class:`CorruptDatabase`: the caller sets the file
aside, keeping its bytes. :class:`SnapshotStorage` lets TinyDB query a document
read this way, without touching the file.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from partways.fileio import temp_file_pattern
from partways.text import visible

#: The largest history file partways reads or writes: 64 MiB, some ten thousand
#: rehearsals. A bigger file is reported and left alone, never read into memory.
HISTORY_LIMIT = 64 * 1024 * 1024

#: How deeply objects and lists may nest (a record with its turns and tags needs 5).
MAX_DEPTH = 64

# Longest record id: TinyDB turns ids into ints; 18 digits is more than enough.
_MAX_ID_DIGITS = 18
# Longest integer read: below Python's own limit for turning text into an int.
_MAX_INT_DIGITS = 4000

# A \uD800-\uDFFF escape: the only way a lone surrogate gets into decoded JSON.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class CorruptDatabase(Exception):
    """The database file exists but is not a TinyDB JSON document partways can use."""


class SnapshotStorage(Storage):
    """A read-only TinyDB storage over a document already in memory (for queries)."""

    def __init__(self, document: dict[str, dict[str, Any]]) -> None:
        self.document = document

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.document

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise TypeError("a snapshot view is read-only: write through the Collection")


def loads_strict(raw: bytes) -> Any:
    """``raw`` (UTF-8, an optional byte order mark) as JSON values, or :class:`CorruptDatabase`.

    Strings are not yet checked for lone surrogates: :func:`check_value` does it.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorruptDatabase(f"not UTF-8 text: {error.reason} at byte {error.start}") from error
    try:
        return json.loads(
            text, parse_constant=_no_number, parse_float=_finite_float, parse_int=_int
        )
    except RecursionError as error:
        raise CorruptDatabase("nested too deeply") from error
    except ValueError as error:  # JSONDecodeError
        raise CorruptDatabase(str(error)) from error


def loads_journal_line(raw: bytes) -> Any:
    """Like :func:`loads_strict` for a line partways wrote: ``NaN`` and ``Infinity`` (which
    it never writes) are :class:`CorruptDatabase`; integers are parsed without a hook."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_refuse, parse_float=_float)
    except UnicodeDecodeError as error:
        raise CorruptDatabase(f"not UTF-8 text: {error.reason} at byte {error.start}") from error
    except RecursionError as error:
        raise CorruptDatabase("nested too deeply") from error
    except ValueError as error:  # JSONDecodeError, an int of too many digits, NaN
        raise CorruptDatabase(str(error)) from error


def _refuse(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"{literal[:20]} is too big for a number")
    return value


def check_value(value: object, raw: bytes | None = None) -> None:
    """Raise :class:`CorruptDatabase` for nesting past :data:`MAX_DEPTH` or a lone surrogate
    (looked for only when ``raw``, the bytes ``value`` was read from, has a surrogate escape)."""
    strings = raw is None or _SURROGATE_ESCAPE.search(raw) is not None
    if not strings and raw is not None and raw.count(b"[") + raw.count(b"{") < MAX_DEPTH:
        return  # too few brackets to nest too deeply, and no escape to make a surrogate
    _check_nesting(value, strings)


def parse_document(raw: bytes) -> dict[str, dict[str, Any]] | None:
    """``raw`` as a TinyDB document (``None`` when blank), or :class:`CorruptDatabase`."""
    stripped = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if not stripped.strip(b" \t\r\n"):
        try:
            stripped.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CorruptDatabase(f"not UTF-8: {error.reason} at byte {error.start}") from error
        return None
    data = loads_strict(raw)
    check_document(data, strings=_SURROGATE_ESCAPE.search(raw) is not None)
    document: dict[str, dict[str, Any]] = data  # check_document checked the shape
    return document


# Numbers JSON cannot carry (NaN, Infinity, a float that overflows, an integer of
# thousands of digits) are read as null: a hand-edited value is tidied like any
# other odd field (a score becomes 0), rather than hiding the whole history.


def _no_number(name: str) -> None:
    return None


def _finite_float(literal: str) -> float | None:
    value = float(literal)
    return value if math.isfinite(value) else None


def _int(literal: str) -> int | None:
    return int(literal) if len(literal) <= _MAX_INT_DIGITS else None


def _shown(key: str) -> str:
    return repr(visible(key if len(key) <= 40 else f"{key[:40]}…"))


def check_document(data: object, *, strings: bool = True) -> None:
    """Raise :class:`CorruptDatabase` unless ``data`` has the shape described above.

    ``strings`` also checks every string and key for lone surrogates (text that
    cannot be written back as UTF-8); :func:`parse_document` skips that when the
    text has no surrogate escape at all.
    """
    if not isinstance(data, dict):
        raise CorruptDatabase("the top level is not an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CorruptDatabase(f"table {_shown(name)} is not an object")
        ids: set[int] = set()
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit() and len(doc_id) <= _MAX_ID_DIGITS):
                raise CorruptDatabase(f"record id {_shown(doc_id)} is not a number")
            if not isinstance(doc, dict):
                raise CorruptDatabase(f"record {doc_id} is not an object")
            ids.add(int(doc_id))
        if len(ids) != len(table):
            raise CorruptDatabase(f"two records in table {_shown(name)} have the same id")
    _check_nesting(data, strings)


def _check_nesting(data: object, strings: bool) -> None:
    """Depth and (with ``strings``) valid Unicode everywhere, without recursion.

    Level by level: only containers go on to the next level, gathered by a
    comprehension, so a big history (a million values) takes milliseconds, not
    the seconds a stack entry per value took. Values come from ``json``: exactly
    ``dict`` and ``list``, never subclasses.
    """
    level: list[Any] = [data]
    depth = 0
    while level:
        if depth >= MAX_DEPTH:
            raise CorruptDatabase(f"nested more than {MAX_DEPTH} levels deep")
        deeper: list[Any] = []
        for value in level:
            if type(value) is dict:
                if strings and any(_SURROGATE.search(key) for key in value):
                    raise CorruptDatabase("a key is not valid Unicode (a lone surrogate)")
                children: Any = value.values()
            elif type(value) is list:
                children = value
            else:
                children = ()
            if strings and any(type(c) is str and _SURROGATE.search(c) for c in children):
                raise CorruptDatabase("a text is not valid Unicode (a lone surrogate)")
            deeper.extend([c for c in children if type(c) is dict or type(c) is list])
        level = deeper
        depth += 1


def remove_stale_temp_files(path: Path) -> int:
    """Delete the temporary files a crashed :func:`atomic_write` left next to ``path``.

    Call it only while holding the lock every writer holds (:func:`locked`): then
    no live writer can be using one. Only regular files with exactly the names
    ``atomic_write`` makes are removed. Returns how many were.
    """
    pattern = temp_file_pattern(path)
    removed = 0
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed += 1
    return removed
