"""The chat transcript: the client's lines, the user's lines and the coach's notes."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content

from partways.engine import Turn
from partways.tui.widgets.literal import Literal, literal, style_class
from partways.vocab import STANCES, Stance

STANCE_LABEL: dict[str, str] = {
    Stance.FIRM: "firm",
    Stance.WAFFLE: "waffle",
    Stance.CAVE: "caved",
    Stance.HOSTILE: "hostile",
}


def speaker(name: str, detail: str | None = None) -> Content:
    """A bold speaker label, with an optional dim detail (the client's mood)."""
    label = literal(name, "bold")
    if detail:
        label = label + literal(f" ({detail})", "dim")
    return label


class ClientLine(Literal):
    """What the client says."""

    def __init__(self, name: str, text: str, mood: str | None) -> None:
        super().__init__(classes="client-line")
        self.update(speaker(name, mood) + Content("\n") + literal(text))


class YourLine(Literal):
    """What the user said."""

    def __init__(self, name: str, text: str, how: str) -> None:
        super().__init__(classes="your-line")
        label = speaker(name, "typed" if how == "typed" else None)
        self.update(label + Content("\n") + literal(text))


class CoachNote(Literal):
    """The coach's note on the user's last line, with its stance."""

    def __init__(self, stance: str, note: str) -> None:
        super().__init__(classes=f"coach-note {style_class('stance', stance, STANCES)}")
        label = literal(f"coach · {STANCE_LABEL.get(stance, stance)}: ", "bold")
        self.update(label + literal(note))


class Transcript(VerticalScroll, can_focus=False):
    """The conversation so far, newest at the bottom."""

    def add_client(self, name: str, text: str, mood: str | None) -> None:
        self.mount(ClientLine(name, text, mood))
        self.scroll_end(animate=False)

    def add_turn(self, you: str, turn: Turn) -> None:
        self.mount(YourLine(you, turn.said, turn.how))
        self.mount(CoachNote(turn.stance, turn.coach))
        self.scroll_end(animate=False)
