"""The checkers, run by the README's test command: ``mypy --strict`` on ``src/``, and
``ruff check`` and ``ruff format --check`` on ``src/`` and ``tests/``.

Marked ``lint``: ``pytest -m "not lint"`` skips them while iterating; CI
(``.ci/run``) runs them. A checker that is not installed fails the test.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.lint


def check(module: str, *args: str) -> None:
    """Run ``python -m module args`` from the repository's root; fail with its output."""
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{module} is not installed: pip install -e '.[test]'")
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{module} {' '.join(args)}:\n{done.stdout}{done.stderr}"


def test_mypy_strict_on_src() -> None:
    check("mypy", "--strict", "src")


def test_ruff_check() -> None:
    check("ruff", "check", "src", "tests")


def test_ruff_format() -> None:
    check("ruff", "format", "--check", "src", "tests")
