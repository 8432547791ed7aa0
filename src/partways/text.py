"""Text hygiene shared by the engine, the store and the screens.

Anything a person types or pastes goes through :func:`clean_typed`, so control
characters (ESC above all) never reach the terminal or the database.
"""

from __future__ import annotations

import re

#: The longest reply a person can type or paste in a rehearsal, in characters.
MAX_REPLY_CHARS = 2_000

# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Every control character, newline and tab included: for one-line messages.
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` on one line with control characters written out (``\\x1b``)."""
    return _ANY_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character other than newline and tab."""
    return _CONTROL.search(text) is not None


def strip_control(text: str) -> str:
    """Remove control characters other than newline and tab; CRLF/CR become newlines."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_typed(text: str) -> str:
    """What a typed or pasted reply becomes: controls removed, outer blank space trimmed."""
    return strip_control(text).strip()


def fill(text: str, client: str, you: str) -> str:
    """Replace ``{client}`` and ``{you}`` (the only placeholders the format allows)."""
    return text.replace("{client}", client).replace("{you}", you)
