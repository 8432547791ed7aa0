"""The core never imports Textual, and neither do the command paths that need no screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

CORE = [
    "partways",
    "partways.cli",
    "partways.commands.common",
    "partways.commands.history",
    "partways.commands.validate",
    "partways.engine",
    "partways.fileio",
    "partways.paths",
    "partways.records",
    "partways.scores",
    "partways.text",
    "partways.vocab",
    "partways.coach.classify",
    "partways.coach.detect",
    "partways.scenario.model",
    "partways.scenario.loader",
    "partways.scenario.catalog",
    "partways.scenario.cache",
    "partways.store.collection",
    "partways.store.files",
    "partways.store.history",
    "partways.store.index",
    "partways.store.journal",
    "partways.store.storage",
    "partways.store.tidy",
    "partways.store.transfer",
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
    ("argv", "status", "printed"),
    [
        (["--version"], 0, "partways "),
        (["validate", str(FIXTURES / "scenarios")], 0, ""),  # valid: silent
        (["validate", str(FIXTURES / "broken")], 1, "[PW"),  # the rules ran
        (["history", "--json"], 0, "[]"),
        (["coach", "I have decided to stop.", "--json"], 0, '"stance"'),
    ],
)
def test_commands_without_a_screen_never_import_textual(
    argv: list[str], status: int, printed: str, tmp_path: Path
) -> None:
    extra = [] if argv == ["--version"] else ["--data-dir", str(tmp_path)]
    # The command must have worked: one that failed before importing what it
    # needs would prove nothing.
    code = (
        "import contextlib, io\n"
        "from partways.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    status = main({argv!r} + {extra!r})\n"
        f"assert status == {status!r}, f'exit status {{status}}'\n"
        f"assert {printed!r} in out.getvalue(), out.getvalue()\n"
    )
    loaded = modules_after(code)
    assert "partways.cli" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
