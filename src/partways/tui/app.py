"""The terminal app: a coordinator between the screens and the plain-Python core.

It holds the catalog and the store, moves between screens, and hands slow work
(writing the history) to thread workers that post dataclass messages back.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from partways.tui import paste
from partways.tui.messages import CatalogLoaded, OutcomeLogged, OutcomeNotLogged
from partways.tui.screens.home import HomeScreen
from partways.tui.widgets.literal import literal

if TYPE_CHECKING:
    # The rehearsal screens and the engine (with the coach) are imported when a
    # rehearsal starts, not before the first screen: start-up stays fast.
    from partways.engine import Outcome, Rehearsal
    from partways.scenario.catalog import Catalog
    from partways.scenario.model import Scenario
    from partways.store.history import Best, HistoryStore
    from partways.tui.screens.dialogs import Names

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


class PartwaysApp(App[int]):
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
        )
    ]
    COMMANDS = App.COMMANDS | {ScenarioCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(
        self,
        catalog: Catalog | Callable[[], Catalog],
        store: HistoryStore,
        start: Scenario | None = None,
        client: str | None = None,
        you: str | None = None,
    ) -> None:
        super().__init__()
        paste.install(self.driver_class)
        # A Catalog is used as given; a callable is run in a worker once the first
        # screen is up, so start-up never waits for YAML.
        self.catalog: Catalog | None = None if callable(catalog) else catalog
        self.catalog_loader = catalog if callable(catalog) else None
        self.store = store
        self._start = start
        self._names: dict[str, Names] = {}
        if start is not None and (client or you):
            from partways.tui.screens.dialogs import Names

            self._names[start.id] = Names(client or start.client, you or start.you or "")
        self._best: dict[str, Best] | None = None
        #: The rehearsal on screen, until it ends or is left.
        self.rehearsal: Rehearsal | None = None
        #: Outcomes handed to the logging worker and not yet written.
        self._unsaved: list[Outcome] = []
        self._unsaved_lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def on_mount(self) -> None:
        if self.catalog_loader is not None:
            self.load_catalog(self.catalog_loader)
        if self._start is not None:
            names = self._names.get(self._start.id)
            self.start_rehearsal(self._start, names)

    # -- catalog and history --------------------------------------------------

    @property
    def loading(self) -> bool:
        """True until the catalog given as a callable has been loaded."""
        return self.catalog is None

    @property
    def scenarios(self) -> list[Scenario]:
        return self.catalog.scenarios if self.catalog is not None else []

    def scenario_by_id(self, scenario_id: str) -> Scenario | None:
        """A loaded scenario, or the one ``partways play FILE`` started with."""
        if self._start is not None and self._start.id == scenario_id:
            return self._start
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        return None

    def best_results(self) -> dict[str, Best]:
        if self._best is None:
            try:
                read = self.store.best()
            except OSError as error:
                self.notify(f"Could not read the history: {error}", severity="error", markup=False)
                self._best = {}
            else:
                self._best = read.value
                self._warn(read.notice)
        return self._best

    def _warn(self, notice: str | None) -> None:
        """Show the store's message about a corrupt database, if there is one."""
        if notice:
            self.notify(notice, severity="warning", timeout=10, markup=False)

    # -- moving between screens -----------------------------------------------

    def begin(self, scenario: Scenario) -> None:
        """Ask for the names, then start ``scenario``."""
        from partways.tui.screens.dialogs import NamesDialog

        known = self._names.get(scenario.id)
        dialog = NamesDialog(
            scenario.title,
            known.client if known else scenario.client,
            known.you if known else (scenario.you or ""),
        )

        def chosen(names: Names | None) -> None:
            if names is not None:
                self._names[scenario.id] = names
                self.start_rehearsal(scenario, names)

        self.push_screen(dialog, chosen)

    def start_rehearsal(
        self, scenario: Scenario, names: Names | None = None, *, replace: bool = False
    ) -> None:
        """Open a conversation on ``scenario``; ``replace`` swaps out the current screen."""
        from partways.engine import Rehearsal
        from partways.tui.screens.conversation import ConversationScreen

        rehearsal = Rehearsal(
            scenario,
            client_name=names.client if names else "",
            you_name=names.you if names else "",
        )
        screen = ConversationScreen(rehearsal)
        self.rehearsal = rehearsal
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def finish(self, rehearsal: Rehearsal) -> None:
        """The rehearsal reached an ending: log it and show how it went."""
        from partways.tui.screens.ending import EndingScreen

        outcome = rehearsal.outcome()
        self.rehearsal = None
        self._log(outcome)
        self.switch_screen(EndingScreen(outcome))

    def abandon(self, rehearsal: Rehearsal) -> None:
        """The user left midway: log it as abandoned and go back home."""
        self.rehearsal = None
        self._log(rehearsal.abandon())
        self.go_home()

    def retry(self, outcome: Outcome) -> None:
        """Rehearse the same scenario again, with the same names."""
        from partways.tui.screens.dialogs import Names

        scenario = self.scenario_by_id(outcome.scenario)
        if scenario is None:
            self.go_home()
            return
        names = Names(outcome.client_name, outcome.you_name)
        self.start_rehearsal(scenario, names, replace=True)

    def go_home(self) -> None:
        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()

    # -- workers and their messages -------------------------------------------

    @work(thread=True, exclusive=True, group="catalog")
    def load_catalog(self, load: Callable[[], Catalog]) -> None:
        """Load the packs and the best results off the UI thread."""
        catalog = load()
        try:
            read = self.store.best()
        except OSError:
            best: dict[str, Best] | None = None
            notice = None
        else:
            best, notice = read.value, read.notice
        self.post_message(CatalogLoaded(catalog, best, notice))

    @on(CatalogLoaded)
    def _catalog_loaded(self, message: CatalogLoaded) -> None:
        self.catalog = message.catalog
        self._best = message.best
        self._warn(message.notice)
        if isinstance(self.screen, HomeScreen):
            self.screen.refill()
            self.screen.show_broken()

    def _log(self, outcome: Outcome) -> None:
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
        """Write ``outcome`` to the history off the UI thread."""
        if not self._take_unsaved(outcome):
            return  # the app is closing and wrote it already
        try:
            written = self.store.add(outcome)
        except OSError as error:
            self.post_message(OutcomeNotLogged(outcome, str(error)))
            return
        self.post_message(OutcomeLogged(outcome, written.notice))

    @on(OutcomeLogged)
    def _logged(self, message: OutcomeLogged) -> None:
        self._best = None
        self._warn(message.notice)
        if isinstance(self.screen, HomeScreen):
            self.screen.refill()

    @on(OutcomeNotLogged)
    def _not_logged(self, message: OutcomeNotLogged) -> None:
        self.notify(
            f"The rehearsal could not be saved: {message.error}", severity="error", markup=False
        )

    # -- actions --------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Textual's palette, guarded against keys that arrive before its list is ready."""
        from partways.tui.palette import SafeCommandPalette

        if self.use_command_palette and not SafeCommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        from partways.tui.screens.dialogs import HelpDialog

        screen = self.screen
        text = getattr(screen, "HELP", None)
        if isinstance(screen, HelpDialog) or not isinstance(text, str):
            return
        self.push_screen(HelpDialog("Keys", text))

    async def action_quit(self) -> None:
        from partways.tui.screens.conversation import ConversationScreen
        from partways.tui.screens.dialogs import ConfirmDialog

        screen = self.screen
        if isinstance(screen, ConversationScreen):
            rehearsal = screen.rehearsal

            def answer(confirmed: bool | None) -> None:
                if confirmed:
                    self._quit_midway(rehearsal)

            self.push_screen(
                ConfirmDialog(
                    "Quit partways? This rehearsal will be logged as abandoned.", "Quit", "Stay"
                ),
                answer,
            )
            return
        self.exit(0)

    def _quit_midway(self, rehearsal: Rehearsal) -> None:
        # The rehearsal is still in progress: on_unmount logs it as abandoned.
        self.exit(0)

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
        for outcome in unsaved:
            # Closing: nothing on screen would survive to show a failure.
            with contextlib.suppress(OSError):
                self.store.add(outcome)
