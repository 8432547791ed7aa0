"""Small modal dialogs, each returning a typed value with ``dismiss()``."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from partways.names import Names
from partways.tui.screens.once import DismissOnce
from partways.tui.widgets.literal import Literal, literal

ResultT = TypeVar("ResultT")


class Dialog(DismissOnce, ModalScreen[ResultT]):
    """A modal dialog that returns one value with ``dismiss()``, once."""


class NamesDialog(Dialog[Names | None]):
    """Ask for the client's name and yours before a rehearsal starts."""

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, title: str, client: str, you: str) -> None:
        super().__init__()
        self._title = title
        self._client = client
        self._you = you

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Literal(self._title, id="dialog-title")
            yield Label("Your client's name (use your real client's, if you like)")
            yield Input(self._client, id="client-name", select_on_focus=True)
            yield Label("Your name")
            yield Input(self._you, id="you-name", select_on_focus=True)
            yield Literal("Enter: start · Tab: next field · Escape: back", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#client-name", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.dismiss(
            Names(
                client=self.query_one("#client-name", Input).value,
                you=self.query_one("#you-name", Input).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(Dialog[bool]):
    """Ask a yes/no question; ``y``/Enter says yes, ``n``/Escape says no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Literal(self._question, id="question")
            with Horizontal(id="buttons"):
                yield Button(literal(f"{self._yes} (y)"), id="yes", variant="error")
                yield Button(literal(f"{self._no} (n)"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class HelpDialog(Dialog[None]):
    """The keys of the screen underneath, one key away (``?``)."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title = title
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Literal(self._title, id="dialog-title")
            yield Literal(self._text, id="help-text")
            yield Literal("Escape or ? closes this help.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
