"""Where the installed ``partways`` script is, for tests that run it for real."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


def installed_partways() -> str:
    """The console script beside this Python, else on PATH; fails the test if missing."""
    beside = Path(sys.executable).parent / ("partways.exe" if os.name == "nt" else "partways")
    if beside.exists():
        return str(beside)
    found = shutil.which("partways")
    if found is None:
        pytest.fail("the partways command is not installed (pip install -e '.[test]')")
    return found
