"""Reading files partways did not write itself, safely; writing its own atomically.

Every file partways reads (a scenario, the history log, the catalog cache) may
be something else than it looks: a FIFO that blocks ``open`` forever, a symlink
to ``/dev/zero`` that never ends, a folder, a file of gigabytes. The one way in
is :func:`read_regular`: it opens without blocking, checks with ``fstat`` on the
open descriptor (no race between a check and the open) that it holds a regular
file, and never reads more than a limit.

The one way out is :func:`atomic_write` (the history log and the catalog cache
use it): a temporary file in the same folder, fsynced, renamed over the target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 20


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket: something that is not a file."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})", str(path))
        self.kind = kind


class FileTooBig(OSError):
    """The file holds more than the caller's limit."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"file too big ({size} bytes; at most {limit})", str(path))
        self.size = size
        self.limit = limit


def kind_of(mode: int) -> str:
    """A short name for what a ``st_mode`` describes."""
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises ``FileNotFoundError``, ``PermissionError``, ``IsADirectoryError``,
    :class:`NotARegularFile`, :class:`FileTooBig`, or another ``OSError`` (a
    symlink loop gives ``errno.ELOOP``). Never blocks on a FIFO and never reads
    past ``limit + 1`` bytes, even from a device that claims size 0.
    """
    path = Path(path)
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(path, kind_of(info.st_mode))
        return read_bounded(fd, path, info.st_size, limit)
    finally:
        os.close(fd)


def read_bounded(fd: int, path: Path, size: int, limit: int) -> bytes:
    """The bytes of the open regular file ``fd`` (``size`` by its ``fstat``), never
    reading past ``limit + 1``: :class:`FileTooBig` when it holds more than ``limit``
    (it may have grown since the ``fstat``)."""
    if size > limit:
        raise FileTooBig(path, size, limit)
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise FileTooBig(path, total, limit)
    return b"".join(chunks)


def describe(error: OSError) -> str:
    """A short, lower-case reason for an ``OSError`` from :func:`read_regular`, for messages."""
    if isinstance(error, NotARegularFile | FileTooBig):
        return str(error.strerror)
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    reason = error.strerror or error.__class__.__name__
    return reason.lower()


def atomic_write(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` via a fsynced temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # mkstemp creates the file with mode 0600: readable by its owner only.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def temp_file_pattern(path: Path) -> re.Pattern[str]:
    """The names :func:`atomic_write` gives its temporary files for ``path``."""
    return re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")


def _fsync_dir(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
