"""Properties of the coach on any text: classify never raises and its offsets hold,
and ``partways coach`` on any bytes exits 0, 1 or 2 without an exception."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import sys
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways.cli import main
from partways.coach import analyze
from partways.coach.classify import LANGUAGES, MAX_CHARS, classify
from partways.coach.intake import is_blank
from partways.scenario.model import STANCES, TAGS
from tests.unit.test_classify import STANCE_EXAMPLES

#: Words and phrases the lexicons know, so that random text has findings too.
PHRASES = sorted(
    {text for _, text, _ in STANCE_EXAMPLES}
    | {word for _, text, _ in STANCE_EXAMPLES for word in text.split()}
)

ANY_CHAR = st.characters(exclude_categories=["Cs"])  # every category but surrogates
ODD = st.sampled_from(
    [
        "\x1b[31m",
        "\x9b",
        "\x00",
        "\u202e",  # right-to-left override
        "\u200f",  # right-to-left mark
        "\u0301\u0308",  # combining marks
        "\ufeff",
        "🙂",
        "👩‍👩‍👧",
        "\r\n",
        "\u2028",
        "’",
        "\u00a0",
        "שלום",
        "مرحبا",
    ]
)
PIECE = st.one_of(st.text(ANY_CHAR, max_size=20), st.sampled_from(PHRASES), ODD)
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.lists(PIECE, max_size=40).map(" ".join),
    # Long text, past what the coach reads (MAX_CHARS).
    st.tuples(st.lists(PIECE, min_size=1, max_size=6).map(" ".join), st.integers(1, 3000)).map(
        lambda pair: (pair[0] + " ") * pair[1]
    ),
)
LANG = st.sampled_from([*LANGUAGES, None, "xx", "en-GB", ""])


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=LANG)
def test_classify_never_raises_and_its_offsets_hold(text: str, lang: str | None) -> None:
    analysis = classify(text, lang)
    assert analysis.stance in STANCES
    assert analysis.language in LANGUAGES
    for finding in analysis.findings:
        assert finding.tag in TAGS
        assert 0 <= finding.start < finding.end <= min(len(text), MAX_CHARS)
        assert text[finding.start : finding.end] == finding.text
    assert analysis.tags[-1] == analysis.stance or analysis.stance in analysis.tags


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=LANG)
def test_analyze_never_raises_and_everything_it_points_at_holds(
    text: str, lang: str | None
) -> None:
    analysis = analyze(text, lang)
    assert analysis.stance in STANCES
    assert analysis.language in LANGUAGES
    for finding in analysis.findings:
        assert finding.tag in TAGS
        assert 0 <= finding.start < finding.end <= min(len(text), MAX_CHARS)
        assert text[finding.start : finding.end] == finding.text
    marks = analysis.marks  # what live highlighting paints: in order, never overlapping
    assert all(a.end <= b.start for a, b in itertools.pairwise(marks))
    for hint in analysis.hints:
        assert text[hint.start : hint.end] == hint.text
        assert all(hint.start <= f.start and f.end <= hint.end for f in hint.cut)
    fix = analysis.first_fix
    assert fix is None or fix in analysis.findings
    assert all(0 <= v <= 100 for v in analysis.scores.to_json().values())
    assert isinstance(analysis.note, str)
    if analysis.stance == "firm":  # firm means a decision, date, handoff or letter was found
        assert {"decision", "notice", "handoff", "in-writing"} & set(analysis.tags)


def run_coach(args: list[str], stdin: bytes) -> tuple[int, str, str]:
    """``main(args)`` in-process with ``stdin`` as standard input's bytes."""
    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="strict")
    with (
        mock.patch.object(sys, "stdin", fake_stdin),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            status = main(args)
        except SystemExit as done:
            status = done.code if isinstance(done.code, int) else 1
    return status, out.getvalue(), err.getvalue()


def check_output(status: int, out: str, err: str, text: str, as_json: bool) -> None:
    assert status in (0, 1, 2)
    assert "Traceback" not in err
    if is_blank(text):
        assert status == 2 and out == ""
        assert err == "partways: error: nothing to coach: the text is empty\n"
        return
    assert status in (0, 1) and err == ""
    if as_json:
        assert out.isascii() and out.count("\n") == 1
        payload = json.loads(out)
        assert payload["stance"] in STANCES
        assert status == (0 if payload["stance"] == "firm" else 1)
        for finding in payload["findings"]:
            assert text[finding["start"] : finding["end"]] == finding["text"]
    else:
        # Nothing from the input reaches the terminal raw: no ESC, no C1 control.
        assert not any(ch in out for ch in "\x1b\x9b\x00\x7f")


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.lists(st.one_of(st.binary(max_size=8), PIECE.map(str.encode)), max_size=30).map(
            b" ".join
        ),
    ),
    as_json=st.booleans(),
    lang=st.sampled_from([[], *(["--lang", code] for code in LANGUAGES)]),
)
def test_coach_on_any_bytes_exits_cleanly(data: bytes, as_json: bool, lang: list[str]) -> None:
    args = ["coach", *lang, *(["--json"] if as_json else [])]
    status, out, err = run_coach(args, data)
    check_output(status, out, err, data.decode("utf-8", "replace"), as_json)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=200), as_json=st.booleans())  # lone surrogates included
def test_coach_on_any_argument_exits_cleanly(text: str, as_json: bool) -> None:
    args = ["coach", *(["--json"] if as_json else []), "--", text]
    status, out, err = run_coach(args, b"")
    assert status in (0, 1, 2) and "Traceback" not in err
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        check_output(status, out, err, text, as_json)
        return
    # Undecodable bytes (lone surrogates) become U+FFFD: never an error, never printed.
    assert status in (0, 1, 2)
    if as_json and status in (0, 1):
        assert out.isascii() and "\\ud" not in out.lower()
        payload = json.loads(out)
        assert not any("\ud800" <= ch <= "\udfff" for f in payload["findings"] for ch in f["text"])
