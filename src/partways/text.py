"""Text hygiene shared by the engine, the store and the screens.

Anything a person types or pastes goes through :func:`clean_typed`, so control
characters (ESC above all) never reach the terminal or the database.
"""

from __future__ import annotations

import re
import unicodedata

#: The longest reply a person can type or paste in a rehearsal, in characters.
MAX_REPLY_CHARS = 2_000

# Bidirectional embedding, override and isolate controls (U+202A-U+202E,
# U+2066-U+2069): they reorder the text around them on screen, so they count as
# control characters.
_BIDI = "\u202a-\u202e\u2066-\u2069"

# C0 controls except tab and newline, DEL, C1 controls, and the bidi controls.
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")


# Every control character, newline and tab included: for one-line messages.
_ANY_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")


def _written_out(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` on one line with control characters written out (``\\x1b``, ``\\u202e``)."""
    return _ANY_CONTROL.sub(_written_out, text)


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character other than newline and tab."""
    return _CONTROL.search(text) is not None


def first_control(text: str) -> str | None:
    """The first control character other than newline and tab in ``text``, if any."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only white space and format characters
    (Unicode category Cf, such as U+200B ZERO WIDTH SPACE)."""
    category = unicodedata.category
    head = text.lstrip()[:1]
    if head and category(head) != "Cf":  # the usual case, decided at once
        return False
    return all(ch.isspace() or category(ch) == "Cf" for ch in text)


def strip_control(text: str) -> str:
    """Remove control characters other than newline and tab; CRLF/CR become newlines."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_typed(text: str) -> str:
    """What a typed or pasted reply becomes: controls removed, outer blank space trimmed."""
    return strip_control(text).strip()


def fill(text: str, client: str, you: str) -> str:
    """Replace ``{client}`` and ``{you}`` (the only placeholders the format allows)."""
    return text.replace("{client}", client).replace("{you}", you)
