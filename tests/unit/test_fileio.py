"""The one way partways reads a file it did not write: regular files only, bounded."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from partways.fileio import FileTooBig, NotARegularFile, describe, read_regular


def test_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"hello")
    assert read_regular(path, 5) == b"hello"


def test_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 11)
    with pytest.raises(FileTooBig) as caught:
        read_regular(path, 10)
    assert caught.value.size == 11
    assert "too big" in describe(caught.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFile) as caught:
        read_regular(fifo, 100)
    assert describe(caught.value) == "not a regular file (a pipe)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero"
    link.symlink_to("/dev/zero")
    with pytest.raises(NotARegularFile):
        read_regular(link, 100)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError) as caught:
        read_regular(tmp_path, 100)
    assert describe(caught.value) == "it is a folder, not a file"


def test_a_symlink_loop_is_named(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OSError) as caught:
        read_regular(tmp_path / "a", 100)
    assert caught.value.errno == errno.ELOOP
    assert "symlink loop" in describe(caught.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        read_regular(tmp_path / "nope", 100)
    assert describe(caught.value) == "no such file"
