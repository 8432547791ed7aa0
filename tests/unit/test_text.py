from __future__ import annotations

from partways.text import clean_typed, fill, has_control, strip_control


def test_escape_sequences_are_removed_from_typed_text() -> None:
    typed = "I'm done\x1b[2J\x1b]0;pwned\x07 here\x9b"
    assert clean_typed(typed) == "I'm done[2J]0;pwned here"
    assert not has_control(clean_typed(typed))


def test_newlines_and_tabs_survive_and_crlf_is_normalised() -> None:
    assert strip_control("a\r\nb\tc\rd") == "a\nb\tc\nd"


def test_fill_replaces_only_the_two_placeholders() -> None:
    assert fill("{client}, {you}: [bold]{x}[/]", "Dana", "Sam") == "Dana, Sam: [bold]{x}[/]"
