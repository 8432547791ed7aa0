"""The journal: one JSON object a line, appended and fsynced, replayed over the snapshot.

A line is one of::

    {"op": "put",  "at": ID, "key": KEY, "schema": N, "doc": {...}}
    {"op": "puts", "at": ID, "schema": N, "docs": {KEY: {...}, ...}}   # put_many: all or none
    {"op": "del",  "at": ID, "key": KEY}

``at`` is a random id naming the line (the history's indexes use it to know
which line they have seen). Replaying a line sets absolute values, so replaying
lines a snapshot already holds changes nothing: a crash between writing a
compacted snapshot and emptying the journal loses nothing and doubles nothing.

The last line may be *torn* (no newline: a crash mid-append); it is the
operation that was being written, and is discarded. Any other line that is not
such an object — bad UTF-8, bad JSON, ``NaN``, a lone surrogate, nested too
deeply, a missing field — makes the journal :class:`CorruptJournal`.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from partways.store.storage import CorruptDatabase, check_value, loads_journal_line

OPS = ("put", "puts", "del")


class CorruptJournal(CorruptDatabase):
    """A complete journal line is not an operation; ``good`` holds the lines before it."""

    def __init__(self, message: str, entries: list[Entry]) -> None:
        super().__init__(message)
        self.good = entries


@dataclass(frozen=True, slots=True)
class Entry:
    """One journal line: the documents it puts (in order) and the keys it deletes."""

    at: str
    schema: int
    puts: dict[str, dict[str, Any]] = field(default_factory=dict)
    deletes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Journal:
    entries: list[Entry]
    torn: bool  # a last line without its newline was discarded


def new_id() -> str:
    return secrets.token_hex(8)


def encode(entry: Entry) -> bytes:
    """``entry`` as one line (with its newline)."""
    line: dict[str, Any]
    if entry.deletes:
        (key,) = entry.deletes
        line = {"op": "del", "at": entry.at, "key": key}
    elif len(entry.puts) == 1:
        ((key, doc),) = entry.puts.items()
        line = {"op": "put", "at": entry.at, "key": key, "schema": entry.schema, "doc": doc}
    else:
        line = {"op": "puts", "at": entry.at, "schema": entry.schema, "docs": entry.puts}
    text = json.dumps(line, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def parse(raw: bytes) -> Journal:
    """The entries of a journal file's bytes; raises only :class:`CorruptJournal`."""
    entries: list[Entry] = []
    lines = raw.split(b"\n")
    torn = lines[-1].strip() != b""  # the part after the last newline
    for number, line in enumerate(lines[:-1], start=1):
        if not line.strip():
            continue
        try:
            entries.append(parse_line(line))
        except CorruptDatabase as error:
            raise CorruptJournal(f"line {number}: {error}", entries) from error
    return Journal(entries, torn)


def parse_line(line: bytes) -> Entry:
    """One complete line as an :class:`Entry`, or :class:`CorruptDatabase`."""
    data = loads_journal_line(line)
    if not isinstance(data, dict):
        raise CorruptDatabase("not an object")
    op, at, schema = data.get("op"), data.get("at", ""), data.get("schema", 0)
    if op not in OPS:
        raise CorruptDatabase("no known op")
    if not isinstance(at, str) or not isinstance(schema, int) or isinstance(schema, bool):
        raise CorruptDatabase("a bad id or schema")
    if op == "del":
        key = data.get("key")
        if not isinstance(key, str):
            raise CorruptDatabase("a delete without a key")
        check_value(key, line)
        return Entry(at, schema, deletes=(key,))
    if op == "put":
        key, doc = data.get("key"), data.get("doc")
        if not isinstance(key, str) or not isinstance(doc, dict):
            raise CorruptDatabase("a put without a key and an object")
        docs: dict[str, dict[str, Any]] = {key: doc}
    else:
        many = data.get("docs")
        if not isinstance(many, dict) or not all(isinstance(d, dict) for d in many.values()):
            raise CorruptDatabase("a put of many without objects")
        docs = many
    check_value(docs, line)
    return Entry(at, schema, puts=docs)
