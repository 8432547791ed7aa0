"""The checklist's part of the app: its screens, its thread workers, its messages.

The workers here are the only callers of the :class:`ChecklistStore`; they post
the messages of :mod:`partways.tui.checklist_messages` back. A change the user
makes is shown at once (the state is set on the UI thread) and written behind it.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from textual import on, work

from partways.checklist import today
from partways.fileio import atomic_write, describe
from partways.names import Names
from partways.tui.checklist_messages import (
    ChecklistsAsked,
    EditOffboardingAsked,
    ExportAsked,
    Exported,
    LetterAsked,
    LetterEdited,
    NewOffboardingAsked,
    OffboardingChanged,
    OffboardingOpened,
    OffboardingSaved,
    OffboardingsRead,
    RehearseAsked,
)
from partways.tui.checklist_state import ChecklistState
from partways.tui.flows.base import Flow
from partways.tui.messages import OutcomeLogged
from partways.vocab import ABANDONED

TYPE_CHECKING = False
if TYPE_CHECKING:
    from partways.checklist.draft import Draft
    from partways.checklist.model import Offboarding, TemplateItem
    from partways.scenario.model import Scenario
    from partways.store.checklists import ChecklistStore


#: Called only from this flow's workers (it reads the history store's folder).
OFF_UI_THREAD = ("checklist_store",)


class ChecklistFlow(ChecklistState, Flow):
    """Opens the checklist screens, reads and writes the offboardings in workers."""

    #: Where exports are written (None: the folder partways was started in).
    export_dir: Path | None = None
    #: Open the list of offboardings as the app starts (``partways checklist``).
    start_on_checklist: bool = False
    #: The offboarding a rehearsal was started for: (its id, scenario id, client name).
    _rehearsing_for: tuple[str, str, str] | None = None
    _checklists: ChecklistStore | None = None

    @property
    def checklist_store(self) -> ChecklistStore:
        """The offboardings, kept beside the history (in its data folder)."""
        if self._checklists is None:
            # Imported here: the store's TinyDB stays off the path to the first screen.
            from partways.store.checklists import ChecklistStore

            self._checklists = ChecklistStore(self.data_dir)
        return self._checklists

    def on_mount(self) -> None:
        self.today = today()  # read by the app after the first paint (read_offboardings)
        if self.start_on_checklist:
            self.open_checklists()

    # -- screens --------------------------------------------------------------

    @on(ChecklistsAsked)
    def open_checklists(self) -> None:
        from partways.tui.screens.checklist import OffboardingsScreen

        if not any(isinstance(s, OffboardingsScreen) for s in self.screen_stack):
            self.push_screen(OffboardingsScreen())

    @on(NewOffboardingAsked)
    def _new_asked(self) -> None:
        from partways.tui.screens.checklist_new import NewOffboardingDialog

        def made(draft: Draft | None) -> None:
            if draft is not None:
                self.create_offboarding(draft)

        self.push_screen(NewOffboardingDialog(self.today), made)

    @on(EditOffboardingAsked)
    def _edit_asked(self, message: EditOffboardingAsked) -> None:
        from partways.checklist.edit import draft_of
        from partways.tui.screens.checklist_new import NewOffboardingDialog

        o = self.offboarding(message.offboarding_id)
        if o is None:
            return

        def changed(draft: Draft | None) -> None:
            if draft is not None:
                self.edit_offboarding(message.offboarding_id, draft)

        self.push_screen(NewOffboardingDialog(self.today, draft_of(o)), changed)

    def _apply_edit(self, offboarding_id: str, draft: Draft, items: list[TemplateItem]) -> None:
        """On the UI thread: the edit applied to the offboarding as it is now, then saved."""
        from partways.checklist.edit import edited

        o = self.offboarding(offboarding_id)
        if o is None:
            return
        changed = edited(o, draft, items)
        self._show(changed)
        self.save_offboarding(changed)
        if o.letter and (changed.talk, changed.last_day) != (o.talk, o.last_day):
            self.notify(
                "Your edited letter is kept as you wrote it: check its dates "
                "(Ctrl+R in the letter writes it again).",
                severity="warning",
                markup=False,
            )

    @on(OffboardingOpened)
    def _opened(self, message: OffboardingOpened) -> None:
        from partways.tui.screens.checklist_detail import ChecklistScreen

        self.push_screen(ChecklistScreen(message.offboarding_id))

    @on(LetterAsked)
    def _letter_asked(self, message: LetterAsked) -> None:
        from partways.tui.screens.checklist_letter import LetterPadScreen

        o = self.offboarding(message.offboarding_id)
        if o is not None:
            from partways.checklist.letter import generate

            fresh = generate(o)
            self.push_screen(LetterPadScreen(o.id, o.letter or fresh, o.language, fresh))

    @on(RehearseAsked)
    def _rehearse_asked(self, message: RehearseAsked) -> None:
        o = self.offboarding(message.offboarding_id)
        scenario = self._matching(o) if o is not None else None
        if o is None or scenario is None:
            self.notify("No scenario is loaded to rehearse with.", severity="warning")
            return
        self._rehearsing_for = (o.id, scenario.id, o.client)
        self.start_rehearsal(scenario, Names(o.client, o.you or scenario.you or ""))  # type: ignore[attr-defined]

    def _matching(self, o: Offboarding) -> Scenario | None:
        """A bundled scenario for ``o``'s reason, in its language if one is."""
        scenarios = self.scenarios
        ranked = sorted(
            scenarios,
            key=lambda s: (
                s.reason != o.reason,
                s.language != o.language,
                s.language != "en",
                s.difficulty,
            ),
        )
        return ranked[0] if ranked else None

    # -- changes --------------------------------------------------------------

    def _show(self, changed: Offboarding) -> None:
        others = [o for o in self.offboardings if o.id != changed.id]
        self.offboardings = tuple(
            sorted([*others, changed], key=lambda o: (o.archived, o.talk, o.client))
        )

    @on(OffboardingChanged)
    def _changed(self, message: OffboardingChanged) -> None:
        self._show(message.offboarding)
        self.save_offboarding(message.offboarding)

    @on(LetterEdited)
    def _letter_edited(self, message: LetterEdited) -> None:
        o = self.offboarding(message.offboarding_id)
        if o is not None and o.letter != message.text:
            changed = replace(o, letter=message.text)
            self._show(changed)
            self.save_offboarding(changed)

    @on(ExportAsked)
    def _export_asked(self, message: ExportAsked) -> None:
        from partways.tui.screens.checklist_export import ExportDialog, default_name

        o = self.offboarding(message.offboarding_id)
        if o is None:
            return

        def chosen(path: Path | None) -> None:
            now = self.offboarding(message.offboarding_id)
            if path is not None and now is not None:
                self.export(now, path)

        base = self.export_dir if self.export_dir is not None else Path.cwd()
        self.push_screen(ExportDialog(default_name(o.client), base), chosen)

    @on(OutcomeLogged)
    def _outcome_logged(self, message: OutcomeLogged) -> None:
        """Link a rehearsal started with "rehearse this one" to its offboarding."""
        from partways.checklist.model import Linked

        pending, outcome = self._rehearsing_for, message.outcome
        if pending is None or (outcome.scenario, outcome.client_name) != pending[1:]:
            return
        o = self.offboarding(pending[0])
        if o is None:
            return
        changed = o.linked(
            Linked(
                outcome.scenario, outcome.title, outcome.outcome, outcome.started, outcome.finished
            )
        )
        if outcome.outcome != ABANDONED and any(i.id == "rehearse" for i in o.items):
            changed = changed.marked_done("rehearse")
        self._show(changed)
        self.save_offboarding(changed)

    # -- the checklist store: every call to it is in this section ---------------

    @work(thread=True, exclusive=True, group="checklists-read")
    def read_offboardings(self) -> None:
        try:
            read = self.checklist_store.all()
        except OSError as error:
            self.post_message(OffboardingsRead(None, error=str(error)))
            return
        self.post_message(OffboardingsRead(read.value, read.notice))

    @work(thread=True, exclusive=False, group="checklists-write")
    def save_offboarding(self, offboarding: Offboarding, opened: bool = False) -> None:
        try:
            written = self.checklist_store.put(offboarding)
        except OSError as error:
            self.post_message(OffboardingSaved(offboarding, error=str(error)))
            return
        self.post_message(OffboardingSaved(offboarding, written.notice, opened=opened))

    @work(thread=True, exclusive=False, group="checklists-write")
    def create_offboarding(self, draft: Draft) -> None:
        from partways.checklist.template import template

        items, problems = template(self.checklist_store.data_dir)
        for problem in problems:
            self.call_from_thread(self.notify, problem.format(), severity="warning", markup=False)
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        offboarding = draft.build(items, id=uuid.uuid4().hex[:12], created=stamp)
        self.call_from_thread(self._show, offboarding)
        self.save_offboarding(offboarding, opened=True)

    @work(thread=True, exclusive=False, group="checklists-write")
    def edit_offboarding(self, offboarding_id: str, draft: Draft) -> None:
        from partways.checklist.template import template

        items, problems = template(self.checklist_store.data_dir)
        for problem in problems:
            self.call_from_thread(self.notify, problem.format(), severity="warning", markup=False)
        self.call_from_thread(self._apply_edit, offboarding_id, draft, items)

    @work(thread=True, exclusive=False, group="checklists-export")
    def export(self, o: Offboarding, path: Path) -> None:
        from partways.checklist.letter import generate, markdown

        try:
            atomic_write(path, markdown(o, o.letter or generate(o), self.today).encode("utf-8"))
        except OSError as error:
            self.post_message(Exported(str(path), describe(error)))
            return
        self.post_message(Exported(str(path)))

    # -- workers' messages ----------------------------------------------------

    @on(OffboardingsRead)
    def _read(self, message: OffboardingsRead) -> None:
        if message.notice:
            self.notify(message.notice, severity="warning", timeout=10, markup=False)
        if message.error is not None:
            self.notify(
                f"Could not read the offboardings: {message.error}", severity="error", markup=False
            )
        if message.offboardings is not None:
            self.offboardings = tuple(message.offboardings)

    @on(OffboardingSaved)
    def _saved(self, message: OffboardingSaved) -> None:
        if message.notice:
            self.notify(message.notice, severity="warning", timeout=10, markup=False)
        if message.error is not None:
            self.notify(
                f"Could not save the offboarding: {message.error}", severity="error", markup=False
            )
        elif message.opened:
            self.post_message(OffboardingOpened(message.offboarding.id))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        if message.error is not None:
            self.notify(
                f"Could not export to {message.path}: {message.error}",
                severity="error",
                markup=False,
            )
        else:
            self.notify(f"Exported to {message.path}", markup=False)
