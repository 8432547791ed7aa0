"""Property tests: whatever JSON (or not-quite-JSON) ``history.json`` holds, in any
shape, the store and ``partways history`` never raise anything but
:class:`HistoryUnavailable`, never print a control character, and set an
unusable file aside byte for byte instead of overwriting it."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways.cli import main
from partways.records import Outcome, Turn, field_types
from partways.scores import SCORE_NAMES
from partways.store.history import DB_NAME, HistoryStore, HistoryUnavailable
from partways.store.storage import CorruptDatabase, check_document, parse_document
from partways.store.tidy import tidy

# The fields of a record and of a turn, as the records module defines them, plus the
# derived ``abandoned`` written beside ``outcome`` (the exact order and spelling of
# the format are asserted in test_records.py).
RECORD_KEYS = set(field_types(Outcome)) | {"abandoned"}
TURN_KEYS = set(field_types(Turn))

# Text with plenty of C0, DEL and C1 controls (ESC above all), some ordinary and
# wide characters, and now and then a lone surrogate.
characters = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x9F),
    st.sampled_from(["\x1b", "\x9b", "\x85", "\x07", "\r", "\n", "\t", "[", "]", ";"]),
    st.characters(),
    st.sampled_from(["\ud800", "\udfff"]),
)
texts = st.text(characters, max_size=24)
keys = st.one_of(
    texts,
    st.sampled_from(sorted(RECORD_KEYS | TURN_KEYS | set(SCORE_NAMES))),
    st.integers(0, 30).map(str),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**300), max_value=10**300),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """A record whose fields (and score and turn fields) hold any JSON values."""
    record = draw(st.dictionaries(st.sampled_from(sorted(RECORD_KEYS)), json_values, max_size=6))
    if draw(st.booleans()):
        record["scores"] = draw(
            st.dictionaries(st.sampled_from(SCORE_NAMES), json_values, max_size=4)
        )
    if draw(st.booleans()):
        turn = st.dictionaries(st.sampled_from(sorted(TURN_KEYS)), json_values, max_size=6)
        record["turns"] = draw(st.lists(st.one_of(turn, json_values), max_size=3))
    return record


ids = st.one_of(st.integers(1, 10**6).map(str), keys)
documents = st.one_of(
    json_values,  # the top level
    st.fixed_dictionaries({"rehearsals": json_values}),  # as a table
    st.dictionaries(ids, json_values, max_size=3).map(lambda t: {"rehearsals": t}),  # as records
    st.dictionaries(ids, records(), max_size=4).map(lambda t: {"rehearsals": t}),  # as fields
    st.dictionaries(keys, st.dictionaries(ids, records(), max_size=2), max_size=3),  # tables
)


@st.composite
def history_files(draw: st.DrawFn) -> bytes:
    """A document written as JSON the way Python would (NaN, Infinity, escapes or not),
    sometimes with a byte order mark, sometimes cut short."""
    document = draw(documents)
    ascii_only = draw(st.booleans())
    text = json.dumps(document, ensure_ascii=ascii_only, allow_nan=True)
    raw = text.encode("utf-8", "surrogatepass")  # a raw lone surrogate is not UTF-8
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    if draw(st.integers(0, 4)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


def control_free(text: str) -> bool:
    """No control character but newline (C0, DEL, C1)."""
    return all(ch == "\n" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in text)


def printable(text: str) -> bool:
    """Without controls but newline and tab, and encodable as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return control_free(text.replace("\t", " "))


def assert_well_typed(record: dict[str, Any]) -> None:
    assert set(record) == RECORD_KEYS
    assert isinstance(record["abandoned"], bool)
    for key in RECORD_KEYS - {"abandoned", "turns", "scores"}:
        value = record[key]
        assert value is None or (isinstance(value, str) and printable(value))
    assert set(record["scores"]) == set(SCORE_NAMES)
    for value in record["scores"].values():
        assert type(value) is int and 0 <= value <= 100
    for turn in record["turns"]:
        assert set(turn) == TURN_KEYS
        assert turn["choice"] is None or type(turn["choice"]) is int
        assert all(isinstance(tag, str) and printable(tag) for tag in turn["tags"])
        for key in TURN_KEYS - {"choice", "tags"}:
            assert turn[key] is None or (isinstance(turn[key], str) and printable(turn[key]))
    json.dumps(record, allow_nan=False).encode("utf-8")  # writable and printable


def assert_kept_or_set_aside(folder: Path, raw: bytes, set_aside: bool) -> None:
    """The file is untouched, or (when it was unusable) renamed with the same bytes."""
    aside = list(folder.glob(f"{DB_NAME}.corrupt-*"))
    if set_aside:
        assert not (folder / DB_NAME).exists()
        assert len(aside) == 1
        assert aside[0].read_bytes() == raw
    else:
        assert (folder / DB_NAME).read_bytes() == raw
        assert aside == []


SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(json_values)
def test_tidy_makes_any_record_well_typed(values: Any) -> None:
    record = values if isinstance(values, dict) else {"scenario": values, "scores": values}
    tidied = tidy(record)
    assert_well_typed(tidied)
    assert tidy(tidied) == tidied, "tidying a tidy record changes nothing"
    assert Outcome.from_json(tidied).to_json() == tidied, "the typed record holds it all"


@SETTINGS
@given(st.one_of(history_files(), st.binary(max_size=200)))
def test_parse_document_gives_a_document_or_corrupt(raw: bytes) -> None:
    try:
        document = parse_document(raw)
    except CorruptDatabase:
        return
    if document is not None:
        check_document(document)  # the shape TinyDB relies on
        json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")


@pytest.mark.slow
@SETTINGS
@given(history_files(), records())
def test_the_store_reads_any_file_and_never_overwrites_one(raw: bytes, new: dict) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / DB_NAME).write_bytes(raw)
        store = HistoryStore(folder)
        try:
            read = store.all()
        except HistoryUnavailable:  # the one documented error; it changes nothing
            assert_kept_or_set_aside(folder, raw, set_aside=False)
            return
        got, notice = read.value, read.notice
        assert notice is None or control_free(notice)
        assert_kept_or_set_aside(folder, raw, set_aside=notice is not None)
        for outcome in got:
            assert_well_typed(outcome.to_json())
        best = store.best()
        assert best.notice is None
        for result in best.value.values():
            assert printable(result.outcome)
            assert 0 <= result.overall <= 100 and result.count >= 1
        assert store.add(Outcome.from_json(tidy(new))).notice is None
        again = store.all()
        assert len(again.value) == len(got) + 1
        assert again.notice is None
        aside = list(folder.glob(f"{DB_NAME}.corrupt-*"))
        assert all(path.read_bytes() == raw for path in aside)


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=history_files())
def test_partways_history_prints_no_control_characters(
    raw: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / DB_NAME).write_bytes(raw)
        status = main(["history", "--json", "--data-dir", name])
        out, err = capsys.readouterr()
        assert control_free(out) and control_free(err)
        assert "Traceback" not in err
        if status == 1:  # HistoryUnavailable: one line, nothing moved
            assert out == "" and err.startswith("partways: error: ") and err.count("\n") == 1
            assert_kept_or_set_aside(folder, raw, set_aside=False)
            return
        assert status == 0
        set_aside = err.startswith("partways: warning: ")
        assert err == "" or (set_aside and err.count("\n") == 1)
        assert_kept_or_set_aside(folder, raw, set_aside=set_aside)
        listed = json.loads(out)
        assert isinstance(listed, list)
        for record in listed:
            assert isinstance(record.pop("id"), str)  # the key export and import use
            assert_well_typed(record)

        assert main(["history", "--data-dir", name]) == 0
        out, err = capsys.readouterr()
        assert err == ""  # set aside once, not again
        assert control_free(out)


def _nested(depth: int, leaf: object) -> object:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(alphabet='[]{}"\\ab\n\u00e9\ud800', max_size=12),
)
_json_values = st.recursive(
    _json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(alphabet='[]{}"\\k\udc00', max_size=4), inner, max_size=3),
    ),
    max_leaves=30,
)


def _reference(value: object, strings: bool, depth: int = 0) -> bool:
    """The plain recursive definition: a container at depth >= MAX_DEPTH, or (with
    ``strings``) a lone surrogate in a key or a text, is corrupt."""
    from partways.store.storage import MAX_DEPTH

    if isinstance(value, dict | list):
        if depth >= MAX_DEPTH:
            return True
        items = list(value.values()) if isinstance(value, dict) else value
        keys = list(value) if isinstance(value, dict) else []
        if strings and any(any(0xD800 <= ord(ch) <= 0xDFFF for ch in k) for k in keys):
            return True
        return any(_reference(item, strings, depth + 1) for item in items)
    return strings and isinstance(value, str) and any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_json_values, st.integers(0, 80), st.booleans())
def test_the_level_by_level_check_agrees_with_the_recursive_definition(
    value: object, extra: int, strings: bool
) -> None:
    """Depth and lone surrogates, whatever the shape: the fast walk says exactly what
    the recursive definition says."""
    from partways.store.storage import CorruptDatabase, _check_nesting

    deep = _nested(extra, value)
    try:
        _check_nesting(deep, strings)
        walked = False
    except CorruptDatabase:
        walked = True
    assert walked == _reference(deep, strings)
