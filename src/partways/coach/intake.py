"""What ``partways coach`` reads, made safe to judge and to print back.

Standard input is read as bytes, at most :data:`MAX_INPUT_BYTES` of them (so
``partways coach < /dev/zero`` stops), and decoded as UTF-8 with invalid bytes
replaced by U+FFFD. A TEXT argument gets the same treatment: Python hands over
undecodable argument bytes as lone surrogates, which become U+FFFD too. Either
way the text the coach sees, and prints back, is valid Unicode that encodes.

Text with nothing but blank space, control and invisible characters has no
stance: :func:`is_blank` tells the command line to say so instead of judging it.
"""

from __future__ import annotations

import re

from partways.text import is_blank as text_is_blank
from partways.text import strip_control

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

__all__ = [
    "MAX_INPUT_BYTES",
    "TooLong",
    "for_stream",
    "from_argument",
    "is_blank",
    "read_input",
]

#: The most text ``partways coach`` reads: one reply or message draft, with room to spare.
MAX_INPUT_BYTES = 1024 * 1024

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


class TooLong(ValueError):
    """The text is longer than :data:`MAX_INPUT_BYTES` (in UTF-8)."""

    def __init__(self) -> None:
        super().__init__(
            f"the text is longer than {MAX_INPUT_BYTES // (1024 * 1024)} MiB; "
            "coach one reply or message draft at a time"
        )


def _repaired(text: str) -> str:
    """``text`` with lone surrogates turned back into bytes and decoded leniently."""
    if not _LONE_SURROGATE.search(text):
        return text
    try:
        # Undecodable bytes arrive as U+DC80..U+DCFF (surrogateescape): decode them again.
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # another lone surrogate: no bytes behind it
        return _LONE_SURROGATE.sub("\ufffd", text)


def _bounded(text: str) -> str:
    if len(text) > MAX_INPUT_BYTES or len(text.encode("utf-8")) > MAX_INPUT_BYTES:
        raise TooLong()
    return text


def from_argument(text: str) -> str:
    """A TEXT argument as the coach reads it; raises :class:`TooLong` past the limit."""
    return _bounded(_repaired(text))


def read_input(stream: IO[Any] | None) -> str:
    """Standard input as the coach reads it: bounded bytes, decoded as UTF-8 leniently.

    Reads the binary buffer under a text stream when there is one, never more
    than ``MAX_INPUT_BYTES + 1`` bytes; raises :class:`TooLong` past the limit and
    ``OSError`` when the stream cannot be read. A closed standard input (None)
    reads as empty.
    """
    if stream is None:
        return ""
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        data = binary.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise TooLong()
        return bytes(data).decode("utf-8", "replace")
    read = stream.read(MAX_INPUT_BYTES + 1)  # a text stream with no bytes under it
    if isinstance(read, bytes):
        read = read.decode("utf-8", "replace")
    return _bounded(_repaired(str(read)))


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only blank space, controls, invisible characters
    (the scenario validator's notion of empty, :func:`partways.text.is_blank`)."""
    return text_is_blank(strip_control(text))


def for_stream(text: str, encoding: str | None) -> str:
    """``text`` with whatever ``encoding`` cannot write spelled as ``\\xe5``-style escapes."""
    try:
        return text.encode(encoding or "utf-8", "backslashreplace").decode(encoding or "utf-8")
    except LookupError:
        return text.encode("ascii", "backslashreplace").decode("ascii")
