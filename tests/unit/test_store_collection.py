"""The journaled Collection: keyed docs, compaction, torn and corrupt journals, symlinks,
permissions, schema migration, and the journal reader under random bytes."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB

from partways.store.collection import Collection, StoreUnavailable
from partways.store.journal import CorruptJournal, Entry, encode, parse
from partways.store.storage import CorruptDatabase


def test_put_get_delete_all_in_order(tmp_path: Path) -> None:
    things = Collection(tmp_path, "things")
    assert things.all().value == {}
    things.put("a", {"x": 1})
    things.put_many({"b": {"y": [1, 2]}, "c": {"z": "é"}})
    things.put("a", {"x": 2})
    things.delete("b")
    assert things.all().value == {"a": {"x": 2}, "c": {"z": "é"}}
    assert things.get("c").value == {"z": "é"}
    assert things.get("b").value is None
    assert Collection(tmp_path, "things").all().value == things.all().value, "nothing cached"


def test_reserved_fields_are_dropped_and_tinydb_reads_the_snapshot(tmp_path: Path) -> None:
    things = Collection(tmp_path, "things", compact_at=0)  # compact on every write
    things.put("a", {"x": 1, "_key": "forged", "_schema": 99})
    things.put("b", {"x": 2})
    assert things.all().value == {"a": {"x": 1}, "b": {"x": 2}}
    assert (tmp_path / "things.journal").stat().st_size == 0
    db = TinyDB(tmp_path / "things.json")
    assert [doc["_key"] for doc in db.table("things").search(Query().x == 2)] == ["b"]
    db.close()
    assert [doc["_key"] for doc in things.query(Query().x == 1).value] == ["a"]


def test_files_are_owner_only_and_the_folder_0700(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    Collection(folder, "things").put("a", {})
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_journal_with_a_wider_mode_is_narrowed(tmp_path: Path) -> None:
    things = Collection(tmp_path, "things")
    things.put("a", {})
    os.chmod(tmp_path / "things.journal", 0o644)
    things.put("b", {})
    assert stat.S_IMODE((tmp_path / "things.journal").stat().st_mode) == 0o600


def test_a_torn_last_line_is_discarded_and_cut_before_the_next_write(tmp_path: Path) -> None:
    things = Collection(tmp_path, "things")
    things.put("a", {"x": 1})
    with open(tmp_path / "things.journal", "ab") as handle:
        handle.write(b'{"op":"put","key":"b","doc":{"x"')
    read = things.all()
    assert (read.value, read.notice) == ({"a": {"x": 1}}, None)
    things.put("c", {})
    assert list(things.all().value) == ["a", "c"]
    parse((tmp_path / "things.journal").read_bytes())  # every line whole


@pytest.mark.parametrize(
    "bad",
    [b"garbage", b"[1]", b'{"op":"nope"}', b'{"op":"put","key":1,"doc":{}}', b"\xff\xfe"],
)
def test_a_corrupt_journal_line_sets_the_journal_aside_keeping_lines_before(
    tmp_path: Path, bad: bytes
) -> None:
    things = Collection(tmp_path, "things")
    things.put("a", {"x": 1})
    journal = tmp_path / "things.journal"
    raw = journal.read_bytes() + bad + b"\n" + encode(Entry("z", 1, puts={"b": {}}))
    journal.write_bytes(raw)
    read = things.all()
    assert read.value == {"a": {"x": 1}}
    assert read.notice is not None and "moved to" in read.notice
    (aside,) = tmp_path.glob("things.journal.corrupt-*")
    assert aside.read_bytes() == raw, "its bytes are kept"
    assert things.all().notice is None
    assert Collection(tmp_path, "things").all().value == {"a": {"x": 1}}


def test_a_corrupt_snapshot_is_set_aside_and_the_journal_still_replays(tmp_path: Path) -> None:
    things = Collection(tmp_path, "things")
    things.put("a", {"x": 1})
    (tmp_path / "things.json").write_bytes(b"{not json")
    read = things.all()
    assert read.value == {"a": {"x": 1}}
    assert read.notice is not None and "moved to" in read.notice
    assert (next(tmp_path.glob("things.json.corrupt-*"))).read_bytes() == b"{not json"


@pytest.mark.parametrize("name", ["things.json", "things.journal", ".things.json.lock"])
def test_a_planted_symlink_is_refused_not_followed(tmp_path: Path, name: str) -> None:
    target = tmp_path / "elsewhere"
    target.write_bytes(b"precious")
    (tmp_path / name).symlink_to(target)
    things = Collection(tmp_path, "things")
    with pytest.raises(StoreUnavailable, match="symbolic link"):
        things.put("a", {"x": 1})
    if name != ".things.json.lock":
        with pytest.raises(StoreUnavailable, match="symbolic link"):
            things.all()
    assert target.read_bytes() == b"precious"
    assert (tmp_path / name).is_symlink()


def test_old_records_are_migrated_as_they_are_read(tmp_path: Path) -> None:
    (tmp_path / "things.json").write_text(
        json.dumps({"things": {"2": {"v": 2}, "1": {"v": 1}, "3": {"_key": "k", "_schema": 2}}})
    )
    seen: list[tuple[int, dict[str, Any]]] = []

    def migrate(doc: dict[str, Any], schema: int) -> dict[str, Any]:
        seen.append((schema, dict(doc)))
        return {**doc, "migrated": True}

    things = Collection(tmp_path, "things", schema=2, migrate=migrate)
    assert things.all().value == {
        "1": {"v": 1, "migrated": True},
        "2": {"v": 2, "migrated": True},
        "k": {},
    }
    assert [schema for schema, _ in seen] == [0, 0]


def test_compaction_keeps_other_tables(tmp_path: Path) -> None:
    (tmp_path / "things.json").write_text(json.dumps({"notes": {"1": {"n": 1}}, "things": {}}))
    things = Collection(tmp_path, "things", compact_at=0)
    things.put("a", {})
    assert json.loads((tmp_path / "things.json").read_text())["notes"] == {"1": {"n": 1}}


def test_replace_all_makes_the_whole_collection(tmp_path: Path) -> None:
    things = Collection(tmp_path, "things")
    things.put("a", {})
    things.replace_all({"b": {"y": 1}})
    assert things.all().value == {"b": {"y": 1}}


# -- the journal reader never raises anything but CorruptJournal -----------------------

lines = st.one_of(
    st.builds(
        lambda k, d: encode(Entry("x", 1, puts={k: d})),
        st.text(max_size=5),
        st.dictionaries(st.text(max_size=3), st.integers() | st.text(max_size=3), max_size=3),
    ),
    st.builds(lambda k: encode(Entry("y", 1, deletes=(k,))), st.text(max_size=5)),
    st.binary(max_size=40).map(lambda raw: raw + b"\n"),
    st.sampled_from([b'{"op":"put","key":"a","doc":{"x":NaN}}\n', b'"\\ud800"\n', b"[[[[\n"]),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(lines, max_size=6), st.integers(0, 400), st.binary(max_size=30))
def test_the_journal_reader_takes_any_bytes(chunks: list[bytes], cut: int, tail: bytes) -> None:
    raw = b"".join(chunks)
    for candidate in (raw, raw[:cut], raw + tail):
        try:
            journal = parse(candidate)
        except CorruptJournal as error:
            assert all(isinstance(entry, Entry) for entry in error.good)
            continue
        for entry in journal.entries:
            json.dumps(entry.puts, allow_nan=False).encode("utf-8")


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(lines, max_size=5), st.binary(max_size=60), st.integers(0, 300))
def test_a_collection_loads_any_files_or_says_why(
    chunks: list[bytes], snapshot: bytes, cut: int
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "things.journal").write_bytes(b"".join(chunks)[:cut])
        if snapshot:
            (folder / "things.json").write_bytes(snapshot)
        things = Collection(folder, "things")
        try:
            first = things.all()
        except StoreUnavailable:
            return
        assert isinstance(first.value, dict)
        things.put("new", {"ok": True})
        again = things.all()
        assert again.notice is None and again.value["new"] == {"ok": True}
        for aside in folder.glob("*.corrupt-*"):
            assert aside.stat().st_size > 0


def test_corrupt_database_is_the_only_parse_error() -> None:
    assert issubclass(CorruptJournal, CorruptDatabase)
