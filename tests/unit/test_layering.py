"""The core never imports Textual, and neither do the command paths that need no screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "scenarios"

CORE = [
    "partways",
    "partways.cli",
    "partways.engine",
    "partways.paths",
    "partways.scores",
    "partways.text",
    "partways.coach.classify",
    "partways.coach.detect",
    "partways.scenario.model",
    "partways.scenario.loader",
    "partways.scenario.catalog",
    "partways.scenario.cache",
    "partways.store.history",
    "partways.store.storage",
]


def modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_core_modules_import_without_textual() -> None:
    loaded = modules_after("\n".join(f"import {name}" for name in CORE))
    assert "partways.engine" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["validate", str(FIXTURES)],
        ["history", "--json"],
        ["coach", "I have decided to stop.", "--json"],
    ],
)
def test_commands_without_a_screen_never_import_textual(argv: list[str], tmp_path: Path) -> None:
    extra = [] if argv == ["--version"] else ["--data-dir", str(tmp_path)]
    code = (
        "import contextlib, io\n"
        "from partways.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r} + {extra!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
    )
    loaded = modules_after(code)
    assert "partways.cli" in loaded
    assert "textual" not in loaded
