"""The store's own files: opened without following a symlink, owner-only, locked across processes.

Every path the store uses (a snapshot, a journal, the lock) is opened with
``O_NOFOLLOW``: a symlink planted there is refused (:class:`SymlinkRefused`), never
followed to a file elsewhere. Files are created with mode 0600 (a wider mode found
on a journal is narrowed), folders with 0700. The lock is :mod:`filelock`'s
(``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows), so two copies of
partways exclude each other on every platform.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from partways.fileio import FileTooBig, NotARegularFile, describe, kind_of, read_bounded

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_COMMON = getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW | _COMMON
_APPEND = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW | _COMMON
#: How long a store call waits for another copy of partways to finish its write.
LOCK_TIMEOUT = 30.0


class SymlinkRefused(OSError):
    """A symlink sits where the store keeps a file; it is left alone, not followed."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ELOOP, "a symbolic link; partways does not follow it", str(path))


class LockTimeout(OSError):
    """Another copy of partways held the lock for longer than :data:`LOCK_TIMEOUT`."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.EAGAIN, f"still locked by another partways after {LOCK_TIMEOUT:g} s", str(path)
        )


def reason(error: OSError) -> str:
    """A short reason for ``error``, for one-line messages."""
    if isinstance(error, SymlinkRefused | LockTimeout):
        return str(error.strerror)
    if isinstance(error, FileTooBig):
        return f"{describe(error)}; move it away to start a new one"
    return describe(error)


def _open(path: Path, flags: int) -> int:
    try:
        return os.open(path, flags, 0o600)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK) and _is_link(path):
            raise SymlinkRefused(path) from error
        raise


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _check_regular(fd: int, path: Path) -> os.stat_result:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(path, kind_of(info.st_mode))
    return info


def read_own(path: Path, limit: int) -> bytes:
    """The bytes of the store file ``path`` (at most ``limit``), not following a symlink.

    Raises ``FileNotFoundError``, :class:`SymlinkRefused`, ``IsADirectoryError``,
    :class:`~partways.fileio.NotARegularFile`, :class:`~partways.fileio.FileTooBig`
    or another ``OSError``; never blocks on a FIFO.
    """
    if not _NOFOLLOW and _is_link(path):  # pragma: no cover - no O_NOFOLLOW (Windows)
        raise SymlinkRefused(path)
    fd = _open(path, _READ)
    try:
        info = _check_regular(fd, path)
        return read_bounded(fd, path, info.st_size, limit)
    finally:
        os.close(fd)


def size_of(path: Path) -> int:
    """The size of ``path`` (0 when absent), refusing a symlink or a non-file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return 0
    if stat.S_ISLNK(info.st_mode):
        raise SymlinkRefused(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(path, kind_of(info.st_mode))
    return info.st_size


def exists(path: Path) -> bool:
    return os.path.lexists(path)


@contextlib.contextmanager
def appending(path: Path) -> Iterator[int]:
    """An append-only descriptor on ``path`` (created 0600), its torn tail cut off.

    A last line without its newline is what a crash mid-append leaves: it is
    cut off here (the caller holds the lock), so the next line starts clean.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not _NOFOLLOW and _is_link(path):  # pragma: no cover - no O_NOFOLLOW (Windows)
        raise SymlinkRefused(path)
    fd = _open(path, _APPEND)
    try:
        info = _check_regular(fd, path)
        if stat.S_IMODE(info.st_mode) & 0o077 and hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        size = info.st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            os.ftruncate(fd, complete_end(fd, size))
        yield fd
    finally:
        os.close(fd)


def write_all(fd: int, payload: bytes, *, sync: bool = True) -> None:
    """Write all of ``payload`` and (with ``sync``) make it durable."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]
    if sync:
        getattr(os, "fdatasync", os.fsync)(fd)


def sync_file(path: Path) -> None:
    """Make what was written to the store file ``path`` durable (nothing if it is absent)."""
    try:
        fd = _open(path, os.O_RDONLY | _NOFOLLOW | _COMMON)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def truncate(path: Path) -> None:
    """Empty the store file ``path`` (durably), refusing a symlink."""
    fd = _open(path, os.O_WRONLY | _NOFOLLOW | _COMMON)
    try:
        _check_regular(fd, path)
        os.ftruncate(fd, 0)
        os.fsync(fd)
    finally:
        os.close(fd)


def complete_end(fd: int, size: int) -> int:
    """The offset just after the last newline of the open file (0 if none)."""
    pos = size
    while pos > 0:
        start = max(0, pos - 65536)
        block = os.pread(fd, pos - start, start)
        found = block.rfind(b"\n")
        if found >= 0:
            return start + found + 1
        pos = start
    return 0


def last_line(path: Path) -> bytes | None:
    """The last complete line of ``path`` (without its newline), or ``None``.

    Reads backwards from the end: the cost is the line's, not the file's.
    """
    try:
        fd = _open(path, _READ)
    except FileNotFoundError:
        return None
    try:
        size = _check_regular(fd, path).st_size
        end = complete_end(fd, size)
        if end == 0:
            return None
        start = complete_end(fd, end - 1)
        return os.pread(fd, end - 1 - start, start)
    finally:
        os.close(fd)


_LOCKS: dict[Path, object] = {}


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold the exclusive lock at ``lock_path`` (re-entrant within a thread).

    Raises ``OSError`` when the lock file cannot be created (a read-only folder),
    is a symlink or not a file, or stays locked longer than :data:`LOCK_TIMEOUT`.
    """
    from filelock import FileLock, Timeout

    lock_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        info = os.lstat(lock_path)
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISLNK(info.st_mode):
            raise SymlinkRefused(lock_path)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(lock_path, kind_of(info.st_mode))
    lock = _LOCKS.get(lock_path)
    if lock is None:
        # thread_local: each thread (the app's workers) takes the lock for itself.
        lock = _LOCKS[lock_path] = FileLock(
            lock_path, timeout=LOCK_TIMEOUT, mode=0o600, thread_local=True
        )
    assert isinstance(lock, FileLock)
    try:
        lock.acquire()
    except Timeout as error:
        raise LockTimeout(lock_path) from error
    try:
        yield
    finally:
        lock.release()
