"""Where to export an offboarding: a file path, checked, asked before overwriting."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from partways.text import visible
from partways.tui.screens.dialogs import ConfirmDialog, Dialog
from partways.tui.widgets.literal import Literal, literal


def slug(client: str) -> str:
    """The client's name as a file name's part: ``Dana Corp`` -> ``dana-corp``."""
    return "".join(c if c.isalnum() else "-" for c in client.lower()).strip("-") or "client"


def default_name(client: str) -> str:
    return f"offboarding-{slug(client)}.md"


def target(typed: str, base: Path) -> tuple[Path | None, str]:
    """The file ``typed`` names (``~`` expanded, relative to ``base``), or (None, why not)."""
    raw = typed.strip()
    if not raw:
        return None, "Give a file name, e.g. offboarding-client.md."
    path = Path(raw).expanduser()
    path = path if path.is_absolute() else base / path
    if path.is_dir():
        return None, f"{visible(str(path))} is a folder: add a file name."
    if not path.parent.is_dir():
        return None, f"There is no folder {visible(str(path.parent))}."
    return path, ""


class ExportDialog(Dialog[Path | None]):
    """The file to export to: Enter writes (asking first if it exists), Escape goes back."""

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, name: str, base: Path) -> None:
        super().__init__()
        self._name = name
        self._base = base

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Literal(literal("Export to a Markdown file", "bold"), id="dialog-title")
            yield Input(self._name, id="export-path", select_on_focus=False)
            yield Literal(id="dialog-error")
            yield Literal(
                f"A name alone goes in {visible(str(self._base))}; ~ is your home folder.",
                classes="hint",
            )
            yield Literal("Enter: export · Escape: back", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _error(self, why: str) -> None:
        self.query_one("#dialog-error", Literal).update(literal(why, "bold $text-error"))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        path, why = target(self.query_one("#export-path", Input).value, self._base)
        if path is None:
            self._error(why)
            return
        if not path.exists():
            self.dismiss(path)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(path)
            else:
                self._error(f"{visible(path.name)} exists: give another name, or Enter again.")

        question = f"{visible(str(path))} exists. Replace it?"
        self.app.push_screen(ConfirmDialog(question, "Replace", "Keep it"), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)
