"""The letter in the coach pad: every edit is linted; save, export, copy from here."""

from __future__ import annotations

from textual.binding import Binding

from partways.tui.checklist_messages import ExportAsked, LetterEdited
from partways.tui.screens.pad import CoachPadScreen
from partways.tui.widgets.draft import DraftArea

HELP = """\
The written summary for your client, in the coach pad: edit it, and the coach
marks every hedge, apology or blame as you type.

  type, paste    the report follows the letter
  Tab, Shift+Tab  to the report and back
  Ctrl+S         keep the letter and export it with the checklist (Markdown)
  Ctrl+O         copy the letter to the clipboard
  Ctrl+R         write the letter again from the checklist (your edits go)
  Ctrl+L         the language the coach reads it in
  Escape         keep the letter and go back
  F1             this help
"""


class LetterPadScreen(CoachPadScreen):
    """The coach pad holding the letter of ``offboarding_id``; it keeps the edits."""

    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "export", "Export"),
        Binding("ctrl+o", "copy", "Copy"),
        Binding("ctrl+r", "regenerate", "Regenerate"),
    ]

    def __init__(self, offboarding_id: str, text: str, lang: str, generated: str) -> None:
        super().__init__(text, lang)
        self.offboarding_id = offboarding_id
        self.generated = generated

    @property
    def letter(self) -> str:
        return self.query_one(DraftArea).text

    def _keep(self) -> None:
        text = self.letter
        self.post_message(LetterEdited(self.offboarding_id, "" if text == self.generated else text))

    def action_export(self) -> None:
        self._keep()
        self.post_message(ExportAsked(self.offboarding_id))

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.letter)
        self.notify("The letter is on the clipboard.", markup=False)

    def action_regenerate(self) -> None:
        self.query_one(DraftArea).load_text(self.generated)

    def action_back(self) -> None:
        self._keep()
        super().action_back()
