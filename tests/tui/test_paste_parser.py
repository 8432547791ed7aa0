"""Bracketed paste reaches the app as one Paste event holding exactly what was pasted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.drivers.linux_driver import LinuxDriver

from partways.tui import paste
from partways.tui.paste import PASTE_END, PASTE_START, PasteParser


def parse(*chunks: str) -> list[object]:
    parser = PasteParser()
    out: list[object] = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    return out


def pastes(messages: list[object]) -> list[str]:
    return [m.text for m in messages if isinstance(m, events.Paste)]


def keys(messages: list[object]) -> list[str]:
    return [m.key for m in messages if isinstance(m, events.Key)]


def test_escape_codes_inside_a_paste_are_text_not_keys() -> None:
    out = parse(f"{PASTE_START}AAAA \x1b[2J BBBB{PASTE_END}")
    assert pastes(out) == ["AAAA \x1b[2J BBBB"]
    assert keys(out) == []


def test_keys_around_a_paste_are_still_keys() -> None:
    out = parse(f"ab{PASTE_START}pasted{PASTE_END}c")
    assert keys(out) == ["a", "b", "c"]
    assert pastes(out) == ["pasted"]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab \x1b[2J~0\r\n\x9b€")),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=6),
)
def test_a_paste_split_anywhere_arrives_whole(text: str, cuts: list[int]) -> None:
    """However the terminal's bytes are split into reads after the opening marker, the
    paste is the same. (The six-byte marker itself arrives in one read: terminals
    write it with the paste, and a read takes 4 KiB. Holding back a partial marker
    would delay Escape and Alt+[, which are prefixes of it.)"""
    stream = f"{PASTE_START}{text}{PASTE_END}"
    points = sorted({min(c + len(PASTE_START), len(stream)) for c in cuts})
    chunks = [stream[a:b] for a, b in zip([0, *points], [*points, len(stream)], strict=True)]
    assert pastes(parse(*[c for c in chunks if c])) == [text]


def test_a_big_paste_full_of_escape_codes_is_one_event() -> None:
    body = "x\x1b[A" * 30_000
    out = parse(PASTE_START, body[:50_001], body[50_001:], PASTE_END)
    assert pastes(out) == [body]
    assert keys(out) == []


def test_install_points_the_terminal_driver_at_the_paste_parser() -> None:
    from textual.drivers import linux_driver

    original = linux_driver.XTermParser
    try:
        paste.install(LinuxDriver)
        assert linux_driver.XTermParser is PasteParser
    finally:
        linux_driver.XTermParser = original  # type: ignore[misc]
