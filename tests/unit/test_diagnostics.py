"""Diagnostics never carry raw control characters to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from partways.cli import main
from partways.scenario.diagnostics import Diagnostic


def test_format_writes_control_characters_out() -> None:
    d = Diagnostic("a\x1bb.yaml", 3, 7, "PW106", "not '\x1b[2J\nx'")
    assert d.format() == "a\\x1bb.yaml:3:7: error: not '\\x1b[2J\\x0ax' [PW106]"
    assert d.to_json()["message"] == "not '\\x1b[2J\\x0ax'"


def test_validate_never_prints_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "esc.yaml"
    path.write_text('format: 1\nid: x\nlanguage: "\\e[2Jen"\n', encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\\x1b[2Jen" in out


# --- one way to count lines, one way to quote a value -------------------------------------


def test_lines_break_at_lf_crlf_and_cr_only() -> None:
    from partways.scenario.diagnostics import Lines, position

    text = "ab\r\ncd\re\x85f\u2028g\u2029h\ni"
    assert position(text, 0) == (1, 1)
    assert position(text, 3) == (1, 4)  # the LF of a CRLF ends line 1
    assert position(text, 4) == (2, 1)
    assert position(text, 7) == (3, 1)
    assert position(text, text.index("h")) == (3, 7)  # NEL, U+2028, U+2029 are not breaks
    assert position(text, text.index("i")) == (4, 1)
    assert position(text, len(text)) == (4, 2)
    lines = Lines(text)
    assert [lines.at(i) for i in range(len(text) + 1)] == [
        position(text, i) for i in range(len(text) + 1)
    ]
    assert lines.count() == 4
    assert Lines("").count() == 1
    assert Lines("a\n").count() == 2


def test_shown_cuts_long_values_and_writes_controls_out() -> None:
    from partways.scenario.diagnostics import MAX_SHOWN, shown

    assert shown("open") == "open"
    assert shown("a\x1b[2J\u202eb") == "a\\x1b[2J\\u202eb"
    long = shown("\x1b" + "x" * 100_000)
    assert long.startswith("\\x1b")
    assert long.endswith("(100,001 characters)")
    assert len(long) < MAX_SHOWN + 40
    assert shown("9" * 5000).endswith("(5,000 digits)")


def test_bidi_controls_are_written_out_in_messages() -> None:
    d = Diagnostic("a\u202eb.yaml", 1, 1, "PW106", "not 'x\u2066y'")
    assert d.format() == "a\\u202eb.yaml:1:1: error: not 'x\\u2066y' [PW106]"
