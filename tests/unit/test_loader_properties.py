"""Property tests: whatever the bytes or the text, the loader returns diagnostics, never
raises, and every diagnostic points at a real place in the file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways.scenario import loader
from partways.scenario.diagnostics import CODES, Diagnostic, Lines
from partways.scenario.loader import load_file, load_text
from tests.unit.test_loader import MINIMAL

pytestmark = pytest.mark.slow

LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])]
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_BREAK_RE = re.compile(r"\r\n?|\n")
#: Anything a terminal could act on, in a line we print.
_RAW_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@contextmanager
def using(parser: type) -> Iterator[None]:
    saved = loader._LOADER
    loader._LOADER = parser
    try:
        yield
    finally:
        loader._LOADER = saved


def check_diagnostics(text: str, result: tuple[object, list[Diagnostic]], display: str) -> None:
    """The invariants every load result keeps."""
    scenario, diags = result
    assert (scenario is None) == bool(diags)
    line_lengths = [len(line) for line in _BREAK_RE.split(text)]
    assert len(line_lengths) == Lines(text).count()
    for d in diags:
        assert d.code in CODES, d
        assert d.path == display
        assert 1 <= d.line <= len(line_lengths), (d, len(line_lengths))
        assert 1 <= d.column <= line_lengths[d.line - 1] + 1, (d, line_lengths[d.line - 1])
        assert _RAW_CONTROL_RE.search(d.format()) is None, d
        assert len(d.message) < 500, d.message[:500]


def load_everywhere(text: str) -> None:
    for parser in LOADERS:
        with using(parser):
            check_diagnostics(text, load_text(text, "p.yaml"), "p.yaml")


# --- random bytes, through the file reader -------------------------------------------------


@SETTINGS
@given(data=st.binary(max_size=2_000))
def test_random_bytes_give_diagnostics(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.yaml"
    path.write_bytes(data)
    text = data.decode("utf-8-sig", errors="replace")  # the same line breaks as the file
    for parser in LOADERS:
        with using(parser):
            check_diagnostics(text, load_file(path, "random.yaml"), "random.yaml")


# --- YAML built from random values ---------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "format", "id", "title", "language", "reaction", "reason", "difficulty", "summary",
        "client", "you", "start", "nodes", "mood", "tip", "choices", "reply", "ending",
        "lesson", "say", "next", "coach", "tags", "default", "firm",
    ]
)  # fmt: skip
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["open", "done", "clean-exit", "en", "angry", "0x1", "1_0", "~", "{you}"])
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(_KEYS | st.text(max_size=10), inner, max_size=6)
    ),
    max_leaves=40,
)


@SETTINGS
@given(
    value=_VALUES,
    flow=st.sampled_from([None, True, False]),
    unicode=st.booleans(),
    width=st.sampled_from([20, 80, 10_000]),
    line_break=st.sampled_from(["\n", "\r", "\r\n"]),
)
def test_dumped_yaml_gives_diagnostics(
    value: object, flow: bool | None, unicode: bool, width: int, line_break: str
) -> None:
    text = yaml.safe_dump(
        value,
        default_flow_style=flow,
        allow_unicode=unicode,
        width=width,
        line_break=line_break,
    )
    load_everywhere(text)


# --- raw text with every kind of line break -----------------------------------------------

_PIECES = [
    *"abc01:-[]{},#&*!|>'\"?%@` \t",
    *["\r", "\n", "\r\n", "\x85", "\u2028", "\u2029", "\x1b", "\u202e", "\u200b", "é", "😀"],
    *["format: 1\n", "nodes:\n", "  open:\n", "- ", "---\n", "\ufeff", "\x00"],
]
#: Text made of YAML's syntax characters, words and every kind of line break.
_YAMLISH = st.lists(st.sampled_from(_PIECES), max_size=150).map("".join)


@SETTINGS
@given(text=_YAMLISH)
def test_raw_yamlish_text_gives_diagnostics(text: str) -> None:
    load_everywhere(text)


@SETTINGS
@given(
    cut=st.integers(min_value=0, max_value=len(MINIMAL)),
    insert=_YAMLISH,
    line_break=st.sampled_from(["\n", "\r", "\r\n"]),
)
def test_a_valid_file_with_random_text_inserted(cut: int, insert: str, line_break: str) -> None:
    text = (MINIMAL[:cut] + insert + MINIMAL[cut:]).replace("\n", line_break)
    load_everywhere(text)


@SETTINGS
@given(text=st.text(max_size=200))
def test_any_unicode_text_gives_diagnostics(text: str) -> None:
    load_everywhere(text)
