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
