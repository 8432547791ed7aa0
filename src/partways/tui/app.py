"""The terminal app: a coordinator between the screens and the plain-Python core.

Data flows one way. The app owns the state (:class:`~partways.tui.state.PartwaysState`:
the catalog, the best results) and the screens watch it; the screens say what
the user did with a message (:class:`~partways.tui.messages.ScenarioPicked`) or by
answering with ``dismiss(value)``, and the app moves between screens. Slow work
(loading the packs, reading and writing the history) runs in thread workers that
post dataclass messages back. No screen imports this module.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from partways.names import Names
from partways.tui import paste
from partways.tui.flows.checklist import ChecklistFlow
from partways.tui.messages import (
    CatalogLoaded,
    CoachPadAsked,
    HistoryRead,
    OutcomeLogged,
    OutcomeNotLogged,
    ScenarioPicked,
)
from partways.tui.palette import SafeCommandPalette
from partways.tui.screens.home import HomeScreen
from partways.tui.state import PartwaysState
from partways.tui.widgets.literal import literal

if TYPE_CHECKING:
    from partways.engine import Outcome, Rehearsal
    from partways.loading import PackLoader
    from partways.scenario.model import Scenario
    from partways.store.history import HistoryStore

# Imported where first used, only to keep start-up fast (nothing here imports
# this module back): the engine (which loads the coach), the conversation and
# ending screens (which import the engine), the coach pad and the dialogs.

STYLES = Path(__file__).parent / "styles"


class ScenarioCommands(Provider):
    """The command palette lists every scenario; picking one starts it."""

    def _scenarios(self) -> Iterable[Scenario]:
        app = self.app
        assert isinstance(app, PartwaysApp)
        return app.scenarios

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
        assert isinstance(app, PartwaysApp)
        app.begin(scenario)


class PadCommands(Provider):
    """The command palette offers the coach pad."""

    NAME = "Coach pad: check a message"
    HELP = "Paste the message you are about to send; the coach marks what to fix."

    async def discover(self) -> Hits:
        yield DiscoveryHit(self.NAME, self._open, help=self.HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(self.NAME)
        if score > 0:
            yield Hit(score, matcher.highlight(self.NAME), self._open, help=self.HELP)

    def _open(self) -> None:
        app = self.app
        assert isinstance(app, PartwaysApp)
        app.open_pad()


class PartwaysApp(ChecklistFlow, PartwaysState):
    """partways: rehearse ending a client relationship."""

    TITLE = "partways"
    CSS_PATH = [
        STYLES / name
        for name in (
            "app.tcss",
            "home.tcss",
            "transcript.tcss",
            "conversation.tcss",
            "ending.tcss",
            "dialogs.tcss",
            "pad.tcss",
            "checklist.tcss",
        )
    ]
    COMMANDS = App.COMMANDS | {ScenarioCommands, PadCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(
        self,
        loader: PackLoader,
        store: HistoryStore,
        start: Scenario | None = None,
        client: str | None = None,
        you: str | None = None,
        pad: tuple[str, str | None] | None = None,
    ) -> None:
        """``start`` opens a rehearsal at once (``partways play``); ``pad``, the
        coach pad with a draft and a language (``partways coach --pad``)."""
        super().__init__()
        paste.install(self.driver_class)
        self.loader = loader
        self.store = store
        self.played = start
        # Small packs load now, before the first screen; big ones in a worker.
        if not loader.in_worker():
            self.set_reactive(PartwaysState.catalog, loader())
        self._names: dict[str, Names] = {}
        if start is not None and (client or you):
            self._names[start.id] = Names(client or start.client, you or start.you or "")
        self._pad = pad
        self._asking = False
        #: The rehearsal on screen, until it ends or is left.
        self.rehearsal: Rehearsal | None = None
        #: Outcomes handed to the logging worker and not yet written.
        self._unsaved: list[Outcome] = []
        self._unsaved_lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------

    def get_default_screen(self) -> HomeScreen:
        # Opened straight on a rehearsal or the pad: home is built when first shown.
        return HomeScreen(later=self.played is not None or self._pad is not None)

    def on_mount(self) -> None:
        self.load_state(with_catalog=self.catalog is None)
        if self.played is not None:
            self.start_rehearsal(self.played, self._names.get(self.played.id))
        elif self._pad is not None:
            self.open_pad(*self._pad)

    def on_ready(self) -> None:
        """The first screen is up: the garbage collector, paused for start-up by
        ``partways.cli.cmd_app``, runs again."""
        gc.enable()

    def _warn(self, notice: str | None) -> None:
        """Show the store's message about a corrupt database, if there is one."""
        if notice:
            self.notify(notice, severity="warning", timeout=10, markup=False)

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

    @on(CoachPadAsked)
    def _pad_asked(self) -> None:
        self.open_pad()

    def open_pad(self, text: str = "", lang: str | None = None) -> None:
        """Open the coach pad over the current screen (one at a time); Escape closes it."""
        from partways.tui.screens.pad import CoachPadScreen

        if not any(isinstance(screen, CoachPadScreen) for screen in self.screen_stack):
            self.push_screen(CoachPadScreen(text, lang))

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

    # -- the history store: every call to it is in this section ----------------

    def _read_best(self) -> HistoryRead:
        """Read the best results (in a worker): the message that carries them."""
        try:
            read = self.store.best()
        except OSError as error:
            return HistoryRead(None, None, str(error))
        return HistoryRead(read.value, read.notice)

    @work(thread=True, exclusive=True, group="catalog")
    def load_state(self, with_catalog: bool) -> None:
        """Load the packs (unless already loaded) and the best results off the UI thread."""
        if with_catalog:
            self.post_message(CatalogLoaded(self.loader()))
        self.post_message(self._read_best())

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
        self.post_message(self._read_best())

    def _write_on_closing(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            # Closing: nothing on screen would survive to show a failure.
            with contextlib.suppress(OSError):
                self.store.add(outcome)

    # -- workers' messages ----------------------------------------------------

    @on(CatalogLoaded)
    def _catalog_loaded(self, message: CatalogLoaded) -> None:
        self.catalog = message.catalog

    @on(HistoryRead)
    def _history_read(self, message: HistoryRead) -> None:
        self._warn(message.notice)
        if message.error is not None:
            self.notify(
                f"Could not read the history: {message.error}", severity="error", markup=False
            )
        if message.best is not None:
            self.best = message.best

    @on(OutcomeLogged)
    def _logged(self, message: OutcomeLogged) -> None:
        self._warn(message.notice)

    @on(OutcomeNotLogged)
    def _not_logged(self, message: OutcomeNotLogged) -> None:
        self.notify(
            f"The rehearsal could not be saved: {message.error}", severity="error", markup=False
        )

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

    # -- actions --------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Textual's palette, guarded against keys that arrive before its list is ready."""
        if self.use_command_palette and not SafeCommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        """The keys of the screen on top (its ``HELP``); screens without one have none."""
        from partways.tui.screens.dialogs import HelpDialog

        text = self.screen.HELP
        if text:
            self.push_screen(HelpDialog("Keys", text))

    async def action_quit(self) -> None:
        """Quit; in the middle of a rehearsal (no dialog over it), ask first."""
        from partways.tui.screens.dialogs import ConfirmDialog

        if self.rehearsal is None or self.screen.is_modal:
            self.exit(0)
            return

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self.exit(0)  # on_unmount logs the rehearsal as abandoned

        self.push_screen(
            ConfirmDialog(
                "Quit partways? This rehearsal will be logged as abandoned.", "Quit", "Stay"
            ),
            answer,
        )
