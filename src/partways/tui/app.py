"""The terminal app: a coordinator between the screens and the plain-Python core.

Data flows one way. The app owns the state (:class:`~partways.tui.state.PartwaysState`:
the catalog, the best results) and the screens watch it; the screens say what
the user did with a message (:class:`~partways.tui.messages.ScenarioPicked`) or by
answering with ``dismiss(value)``, and the app moves between screens. Slow work
(loading the packs, reading and writing the stores) runs in thread workers that
post dataclass messages back. No screen imports this module.

What happens in each area of the app lives in its flow (:mod:`partways.tui.flows`),
which :class:`PartwaysApp` inherits; this module keeps start-up, the state and
the app-wide keys.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding

from partways.names import Names
from partways.tui import paste
from partways.tui.flows.checklist import ChecklistFlow
from partways.tui.flows.map import MapFlow
from partways.tui.flows.pad import PadCommands, PadFlow
from partways.tui.flows.practice import PracticeCommands, PracticeFlow
from partways.tui.flows.rehearsal import RehearsalFlow, ScenarioCommands
from partways.tui.messages import CatalogLoaded, HistoryRead
from partways.tui.palette import SafeCommandPalette
from partways.tui.screens.home import HomeScreen
from partways.tui.state import PartwaysState

if TYPE_CHECKING:
    from partways.loading import PackLoader
    from partways.scenario.model import Scenario
    from partways.store.history import HistoryStore

# Imported where first used, only to keep start-up fast (nothing here imports
# this module back): the dialogs. The flows import their own screens late.

STYLES = Path(__file__).parent / "styles"


class PartwaysApp(RehearsalFlow, PadFlow, MapFlow, PracticeFlow, ChecklistFlow):
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
            "map.tcss",
            "history.tcss",
            "drill.tcss",
            "checklist.tcss",
        )
    ]
    COMMANDS = App.COMMANDS | {ScenarioCommands, PadCommands, PracticeCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(
        self,
        loader: PackLoader,
        store: HistoryStore | Callable[[], HistoryStore],
        start: Scenario | None = None,
        client: str | None = None,
        you: str | None = None,
        pad: tuple[str, str | None] | None = None,
        drill: str | None = None,
        data_dir: Path | None = None,
    ) -> None:
        """``store`` is the rehearsal log, or a function that opens it (when first
        used, in a worker); ``data_dir`` is where the stores live (by default the
        log's folder). ``start`` opens a rehearsal at once (``partways play``);
        ``pad``, the coach pad with a draft and a language (``partways coach --pad``);
        ``drill``, ``"quickfire"`` or ``"due"`` (``partways drill``)."""
        super().__init__()
        paste.install(self.driver_class)
        self.loader = loader
        self.attach(store, data_dir)
        self.played = start
        # Small packs load now, before the first screen, unless the cache's index
        # can list them while they load in a worker; big ones load in a worker.
        if not loader.in_worker():
            cards = loader.cards()
            if cards is not None:
                self.set_reactive(PartwaysState.cards, cards)
            else:
                self.set_reactive(PartwaysState.catalog, loader())
        if start is not None and (client or you):
            self._names[start.id] = Names(client or start.client, you or start.you or "")
        self._pad = pad
        self._drill = drill

    # -- lifecycle ------------------------------------------------------------

    def get_default_screen(self) -> HomeScreen:
        # Opened straight on a rehearsal or the pad: home is built when first shown.
        later = self.start_on_checklist or any(
            x is not None for x in (self.played, self._pad, self._drill)
        )
        return HomeScreen(later=later)

    def on_mount(self) -> None:
        # After the first paint: the workers' imports and reads would compete with it.
        self.call_after_refresh(self._after_first_paint)
        if self.played is not None:
            self.start_rehearsal(self.played, self._names.get(self.played.id))
        elif self._pad is not None:
            self.open_pad(*self._pad)
        elif self._drill is not None:
            self.open_drill(quickfire=self._drill == "quickfire")

    def on_ready(self) -> None:
        """The first screen is up: the garbage collector, paused for start-up by
        ``partways.cli.cmd_app``, runs again."""
        gc.enable()

    # -- start-up state, read in a worker ----------------------------------------

    #: True once the start-up workers have been started (tests wait for it).
    started_up = False

    def _after_first_paint(self) -> None:
        """Start the workers that read the state the screens show: the packs (unless
        loaded), the best results, the drills' status, the offboardings."""
        self.load_state(self.catalog is None)
        self.read_practice()
        self.read_offboardings()
        self.started_up = True

    @work(thread=True, exclusive=True, group="catalog")
    def load_state(self, with_catalog: bool) -> None:
        """Load the packs (unless already loaded) and the best results off the UI thread."""
        if with_catalog:
            self.post_message(CatalogLoaded(self.loader()))
        self.post_message(self.read_best())

    # -- workers' messages ----------------------------------------------------

    @on(CatalogLoaded)
    def _catalog_loaded(self, message: CatalogLoaded) -> None:
        self.catalog = message.catalog

    @on(HistoryRead)
    def _history_read(self, message: HistoryRead) -> None:
        self.warn(message.notice)
        if message.error is not None:
            self.notify(
                f"Could not read the history: {message.error}", severity="error", markup=False
            )
        if message.best is not None:
            self.best = message.best

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
