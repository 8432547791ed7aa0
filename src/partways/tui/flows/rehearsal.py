"""Rehearsals: the names dialog, the conversation, the ending, and logging each
outcome exactly once (in a worker, or at the latest when the app closes)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from partways.names import Names
from partways.tui.flows.base import Flow
from partways.tui.messages import HistoryRead, OutcomeLogged, OutcomeNotLogged, ScenarioPicked
from partways.tui.widgets.literal import literal

if TYPE_CHECKING:
    from partways.engine import Outcome, Rehearsal
    from partways.scenario.model import Scenario

#: Functions here that call the store without being workers themselves: they run
#: only inside workers, or while the app closes (``tests/tui/test_shape.py``).
OFF_UI_THREAD = frozenset({"read_best", "_write_on_closing"})


class RehearsalFlow(Flow):
    """Starts rehearsals, moves between their screens and logs how they went."""

    def __init__(self) -> None:
        super().__init__()
        self._names: dict[str, Names] = {}
        self._asking = False
        #: The rehearsal on screen, until it ends or is left.
        self.rehearsal: Rehearsal | None = None
        #: Outcomes handed to the logging worker and not yet written.
        self._unsaved: list[Outcome] = []
        self._unsaved_lock = threading.Lock()

    # -- moving between screens -----------------------------------------------

    @on(ScenarioPicked)
    def _scenario_picked(self, message: ScenarioPicked) -> None:
        self.begin(message.scenario)

    def begin(self, scenario: Scenario) -> None:
        """Ask for the names, then start ``scenario``."""
        from partways.tui.screens.dialogs import NamesDialog

        if self._asking:
            return  # a key that arrived before the first names dialog was up
        known = self._names.get(scenario.id)
        dialog = NamesDialog(
            scenario.title,
            known.client if known else scenario.client,
            known.you if known else (scenario.you or ""),
        )

        def chosen(names: Names | None) -> None:
            self._asking = False
            if names is not None:
                self._names[scenario.id] = names
                self.start_rehearsal(scenario, names)

        self._asking = True
        self.push_screen(dialog, chosen)

    def start_rehearsal(self, scenario: Scenario, names: Names | None = None) -> None:
        """Open a conversation on ``scenario``; it answers with the rehearsal."""
        from partways.engine import Rehearsal
        from partways.tui.screens.conversation import ConversationScreen

        rehearsal = Rehearsal(
            scenario,
            client_name=names.client if names else "",
            you_name=names.you if names else "",
        )
        self.rehearsal = rehearsal
        self.push_screen(ConversationScreen(rehearsal), self._conversation_over)

    def _conversation_over(self, rehearsal: Rehearsal | None) -> None:
        """The rehearsal reached an ending (show how it went) or was left midway."""
        from partways.tui.screens.ending import EndingScreen

        if rehearsal is None:
            return
        self.rehearsal = None
        if not rehearsal.finished:
            self._record(rehearsal.abandon())
            return
        outcome = rehearsal.outcome()
        self._record(outcome)
        ending = EndingScreen(outcome, mood=rehearsal.node.mood)
        self.push_screen(ending, partial(self._ending_over, outcome))

    def _ending_over(self, outcome: Outcome, again: bool | None) -> None:
        """Rehearse the same scenario again, with the same names, or stay home."""
        scenario = self.scenario(outcome.scenario) if again else None
        if scenario is not None:
            self.start_rehearsal(scenario, Names(outcome.client_name, outcome.you_name))

    # -- logging exactly once -------------------------------------------------

    def _record(self, outcome: Outcome) -> None:
        """Log ``outcome`` off the UI thread (or at the latest when the app closes)."""
        with self._unsaved_lock:
            self._unsaved.append(outcome)
        self.log_outcome(outcome)

    def _take_unsaved(self, outcome: Outcome) -> bool:
        """Claim ``outcome`` for writing: True once, for whoever asks first."""
        with self._unsaved_lock:
            if outcome not in self._unsaved:
                return False
            self._unsaved.remove(outcome)
            return True

    @work(thread=True, exclusive=False, group="history")
    def log_outcome(self, outcome: Outcome) -> None:
        """Write ``outcome`` to the history off the UI thread, then read the new best."""
        if not self._take_unsaved(outcome):
            return  # the app is closing and wrote it already
        try:
            written = self.store.add(outcome)
        except OSError as error:
            self.post_message(OutcomeNotLogged(outcome, str(error)))
            return
        self.post_message(OutcomeLogged(outcome, written.notice))
        self.post_message(self.read_best())

    def read_best(self) -> HistoryRead:
        """Read the best results (called in workers only): the message that carries them."""
        try:
            read = self.store.best()
        except OSError as error:
            return HistoryRead(None, None, str(error))
        return HistoryRead(read.value, read.notice)

    def _write_on_closing(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            # Closing: nothing on screen would survive to show a failure.
            with contextlib.suppress(OSError):
                self.store.add(outcome)

    def on_unmount(self) -> None:
        """The app is closing, for any reason (quit, or an unhandled exception):
        nothing the person did is lost. Outcomes still waiting for the logging
        worker are written now, and a rehearsal in progress is logged: as abandoned,
        or with its ending if it reached one."""
        with self._unsaved_lock:
            unsaved, self._unsaved = self._unsaved, []
        rehearsal, self.rehearsal = self.rehearsal, None
        if rehearsal is not None:
            unsaved.append(rehearsal.outcome() if rehearsal.finished else rehearsal.abandon())
        self._write_on_closing(unsaved)

    @on(OutcomeLogged)
    def _logged(self, message: OutcomeLogged) -> None:
        self.warn(message.notice)

    @on(OutcomeNotLogged)
    def _not_logged(self, message: OutcomeNotLogged) -> None:
        self.notify(
            f"The rehearsal could not be saved: {message.error}", severity="error", markup=False
        )


class ScenarioCommands(Provider):
    """The command palette lists every scenario; picking one starts it."""

    def _scenarios(self) -> Iterable[Scenario]:
        return self.app.scenarios if isinstance(self.app, RehearsalFlow) else []

    def _label(self, scenario: Scenario, title: Content) -> Content:
        return (
            literal("Rehearse: ")
            + title
            + literal(f"  ({scenario.reaction}, {scenario.language})", "dim")
        )

    async def discover(self) -> Hits:
        for scenario in self._scenarios():
            yield DiscoveryHit(
                self._label(scenario, literal(scenario.title)),
                partial(self._start, scenario),
                text=f"Rehearse: {scenario.title}",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for scenario in self._scenarios():
            text = f"Rehearse: {scenario.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    self._label(scenario, matcher.highlight(scenario.title)),
                    partial(self._start, scenario),
                    text=text,
                )

    def _start(self, scenario: Scenario) -> None:
        app = self.app
        assert isinstance(app, RehearsalFlow)
        app.begin(scenario)
