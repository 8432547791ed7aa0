"""The compiled word-list cache, and what `partways coach` imports."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from partways.coach import analyze, wordlists


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(wordlists.CACHE_ENV, str(tmp_path))
    wordlists.reset()
    yield tmp_path
    wordlists.reset()


def test_the_cache_is_written_once_and_read_back(cache: Path) -> None:
    first = analyze("Sorry, but my decision is final.", "en")
    files = list(cache.glob("coach-*.marshal"))
    assert len(files) == 1
    wordlists.reset()
    assert analyze("Sorry, but my decision is final.", "en") == first


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xda" * 100])
def test_a_damaged_cache_is_ignored_and_replaced(cache: Path, damage: bytes) -> None:
    analyze("I've decided.", "en")
    (path,) = cache.glob("coach-*.marshal")
    path.write_bytes(damage)
    wordlists.reset()
    assert analyze("I've decided.", "en").stance == "firm"
    assert path.read_bytes() != damage


def test_an_unwritable_cache_folder_still_works(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = cache / "file"
    blocked.write_text("not a folder")
    wordlists.reset()
    monkeypatch.setenv(wordlists.CACHE_ENV, str(blocked / "sub"))
    assert analyze("I won't reconsider.", "en").stance == "firm"


def test_coach_imports_neither_yaml_nor_rich_nor_dataclasses_for_plain_output() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from partways.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['coach', 'I have decided to stop.'])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "partways.coach.analysis" in loaded
    for heavy in ("yaml", "rich", "dataclasses", "typing", "pathlib", "hashlib", "textual"):
        assert heavy not in loaded, heavy
