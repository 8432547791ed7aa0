"""The dialogs of the checklist: an offboarding's details (new or edited), an item's note."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select

from partways.checklist.draft import Draft, read_draft
from partways.tui.screens.dialogs import Dialog
from partways.tui.widgets.literal import Literal, literal
from partways.vocab import LANGUAGES, REASONS

LANGUAGE_NAMES = {
    "en": "English",
    "sv": "Swedish",
    "fr": "French",
    "hr": "Croatian",
    "bg": "Bulgarian",
}

#: (field id, label, placeholder) of the text fields, in order.
FIELDS = (
    ("client", "Client", "their name or company"),
    ("talk", "Conversation", "YYYY-MM-DD"),
    ("notice", "Notice (days)", "30"),
    ("you", "Your name", "to sign the letter"),
    ("contact", "Contact", "who to write to (optional)"),
    ("deliver", "Still to deliver", "separate with ; (optional)"),
    ("notes", "Notes", "for you only, never in the letter (optional)"),
)


def one_line(notes: str) -> str:
    """Free notes as the one-line field shows them (line breaks as " · ")."""
    return " · ".join(line.strip() for line in notes.splitlines() if line.strip())


class NewOffboardingDialog(Dialog[Draft | None]):
    """Client, reason, conversation date, notice, language: Enter saves, Escape goes back.

    Given ``existing`` (an offboarding's details), the same dialog edits them, filled in.
    """

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, today: date, existing: Draft | None = None) -> None:
        super().__init__()
        self._today = today
        self._existing = existing

    def _row(self, label: str, widget: Input | Select[str]) -> Horizontal:
        return Horizontal(Label(label, classes="field-label"), widget, classes="field")

    def compose(self) -> ComposeResult:
        values, old = self._values(), self._existing
        title = "New offboarding" if old is None else "Edit the offboarding"
        with Vertical(id="dialog"):
            yield Literal(literal(title, "bold"), id="dialog-title")
            for key, label, hint in FIELDS[:3]:
                yield self._row(label, self._input(key, hint, values.get(key, "")))
            reasons = [(r, r) for r in REASONS]
            reason = old.reason if old is not None else "other"
            yield self._row(
                "Reason",
                Select(reasons, value=reason, allow_blank=False, id="reason", compact=True),
            )
            languages = [(LANGUAGE_NAMES[code], code) for code in LANGUAGES]
            lang = old.language if old is not None else "en"
            yield self._row(
                "Letter in",
                Select(languages, value=lang, allow_blank=False, id="language", compact=True),
            )
            for key, label, hint in FIELDS[3:]:
                yield self._row(label, self._input(key, hint, values.get(key, "")))
            agency = old is not None and old.agency
            yield Checkbox("An agency: add the agencies' steps", agency, id="agency", compact=True)
            yield Literal(id="dialog-error")
            yield Literal(
                "Enter: save · Tab/Shift+Tab: next/previous field · Escape: back", classes="hint"
            )

    def _values(self) -> dict[str, str]:
        """What the text fields start with: a new one's defaults, or the details to edit."""
        old = self._existing
        if old is None:
            talk = self._today + timedelta(days=7)
            talk += timedelta(days=(7 - talk.weekday()) % 7 if talk.weekday() >= 5 else 0)
            return {"talk": talk.isoformat(), "notice": "30"}
        return {
            "client": old.client,
            "talk": old.talk.isoformat(),
            "notice": str(old.notice_days),
            "you": old.you,
            "contact": old.contact,
            "deliver": "; ".join(old.deliverables),
            "notes": one_line(old.notes),
        }

    def _input(self, key: str, hint: str, value: str) -> Input:
        return Input(value, placeholder=hint, id=key, compact=True, select_on_focus=True)

    def on_mount(self) -> None:
        self.query_one("#client", Input).focus()

    def fields(self) -> dict[str, str]:
        found = {key: self.query_one(f"#{key}", Input).value for key, _, _ in FIELDS}
        for key in ("reason", "language"):
            found[key] = str(self.query_one(f"#{key}", Select).value)
        old = self._existing
        if old is not None and found["notes"] == one_line(old.notes):
            found["notes"] = old.notes  # untouched: its line breaks kept
        return found

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        draft, field, why = read_draft(self.fields(), self.query_one("#agency", Checkbox).value)
        if draft is None:
            self.query_one("#dialog-error", Literal).update(literal(why, "bold $text-error"))
            self.query_one(f"#{field}").focus()
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteDialog(Dialog[str | None]):
    """A note on one item: Enter keeps it (empty removes it), Escape goes back."""

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, item: str, note: str) -> None:
        super().__init__()
        self._item = item
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Literal(literal("Note", "bold"), id="dialog-title")
            yield Literal(self._item)
            yield Input(self._note, placeholder="a note for yourself", id="note")
            yield Literal("Enter: keep · Escape: back", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.dismiss(self.query_one("#note", Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)
