"""Practice: the history screen, the replay, the drills, and the drill cards.

Screens post what the user asked (:class:`~partways.tui.messages.HistoryAsked`,
:class:`~partways.tui.messages.DrillAsked`...); the thread workers here are the
only places that read or write the history and the drill cards, and they post
the messages below back. The screens are imported inside the functions that
open them (``LATE_FOR_START_UP`` in ``tests/tui/test_shape.py``).

The time comes from :attr:`PracticeFlow.clock` (tests set a fixed one) and the
quick-fire countdown ticks by itself unless :attr:`PracticeFlow.drill_ticks` is
False (tests and snapshots tick it themselves).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from partways.tui.flows.base import Flow
from partways.tui.messages import (
    DrillAnswered,
    DrillAsked,
    HistoryAsked,
    HistoryRowOpened,
    OutcomeLogged,
)

# The drills (and py-fsrs under them) are imported where first used, in the
# workers and handlers below: none is needed for the first screen.
if TYPE_CHECKING:
    from partways.drills.calendar import Practice
    from partways.drills.deck import DrillCard
    from partways.drills.habits import Habit
    from partways.drills.overview import Overview
    from partways.drills.quickfire import Line
    from partways.records import Outcome
    from partways.scenario.model import Scenario
    from partways.store.drills import DrillStore

#: Functions here that call a store without being workers themselves: they run
#: only inside the workers below (``tests/tui/test_shape.py``).
OFF_UI_THREAD = frozenset({"_practices", "_recent", "_cards", "_drill_store"})


#: How many of the newest rows the history table shows before the rest is read.
FIRST_PAGE = 40


def _now() -> datetime:
    return datetime.now().astimezone()


# -- the workers' messages ------------------------------------------------------


@dataclass
class PracticeRead(Message):
    """The cards and the rows were read: what home shows (streak, due today)."""

    cards: dict[str, DrillCard]
    practices: list[Practice]
    notice: str | None = None


@dataclass
class OverviewRead(Message):
    """The history screen's data was read (``error`` says why not)."""

    overview: Overview | None
    error: str | None = None
    #: Only the newest rows, to show at once; the whole overview follows.
    first_page: bool = False


@dataclass
class WordsRead(Message):
    """The waffle words of the newest rehearsals were read, for "your habits"."""

    words: list[Habit]


@dataclass
class ReplayRead(Message):
    """One logged rehearsal was read for the replay (``error`` says why not)."""

    outcome: Outcome | None
    error: str | None = None


@dataclass
class QuickFireReady(Message):
    """The quick-fire lines, in the order to serve them."""

    lines: list[Line]


@dataclass
class NextDue(Message):
    """The scenario to drill next (None: no scenario is loaded)."""

    scenario: str | None


@dataclass
class CardsChanged(Message):
    """Cards were reviewed and written (``error`` set when writing failed)."""

    cards: list[DrillCard]
    error: str | None = None


class PracticeFlow(Flow):
    """Opens the history and the drills; keeps the drill cards up to date."""

    #: What time it is; tests and snapshots set a fixed clock.
    clock: Callable[[], datetime] = staticmethod(_now)
    #: The quick-fire countdown ticks once a second (tests tick it themselves).
    drill_ticks: bool = True

    if TYPE_CHECKING:

        def begin(self, scenario: Scenario) -> None:
            """Ask for the names, then start ``scenario`` (the rehearsal flow's)."""

    # -- reading (workers only) -------------------------------------------------

    def _drill_store(self) -> DrillStore:
        from partways.store.collection import Collection
        from partways.store.drills import NAME, DrillStore

        return DrillStore(Collection(self.store.data_dir, NAME))

    def _practices(self, newest: int | None = None) -> list[Practice]:
        read = self.store.rows(newest)
        self.tell(read.notice)
        from partways.drills.calendar import practice_of_row

        return [practice_of_row(row) for row in read.value]

    def _recent(self, count: int) -> list[Outcome]:
        read = self.store.recent(count)
        self.tell(read.notice)
        return read.value

    def _cards(self) -> dict[str, DrillCard]:
        read = self._drill_store().cards()
        self.tell(read.notice)
        return read.cards

    @work(thread=True, exclusive=True, group="practice")
    def read_practice(self) -> None:
        """Read the cards and the rows for home's streak and due count."""
        try:
            self.post_message(PracticeRead(self._cards(), self._practices()))
        except OSError as error:
            self.post_message(PracticeRead({}, [], str(error)))

    @work(thread=True, exclusive=True, group="overview")
    def read_overview(self) -> None:
        """A first page of the newest rows (the table shows them at once), then every
        row with the summaries, then the words of the newest rehearsals."""
        from partways.drills.habits import WINDOW, word_habits
        from partways.drills.overview import Overview, overview

        try:
            first = self._practices(FIRST_PAGE)
            self.post_message(OverviewRead(Overview(first), first_page=True))
            practices = self._practices()
            cards = list(self._cards().values())
        except OSError as error:
            self.post_message(OverviewRead(None, str(error)))
            return
        ids = [s.id for s in self.scenarios]
        self.post_message(OverviewRead(overview(practices, (), cards, ids, self.clock())))
        try:
            recent = self._recent(2 * WINDOW)
        except OSError:
            return  # the table is up; the words are a nicety
        self.post_message(WordsRead(word_habits(recent, WINDOW)))

    @work(thread=True, exclusive=True, group="replay")
    def read_replay(self, key: str) -> None:
        try:
            read = self.store.get(key)
            self.tell(read.notice)
            found = read.value
        except OSError as error:
            self.post_message(ReplayRead(None, str(error)))
            return
        self.post_message(ReplayRead(found, None if found else "it is no longer in the history"))

    @work(thread=True, exclusive=True, group="quickfire")
    def read_quickfire(self) -> None:
        from partways.drills.quickfire import all_lines, queue

        try:
            cards = list(self._cards().values())
        except OSError:
            cards = []
        lines = queue(all_lines(self.scenarios), cards, self.clock())
        self.post_message(QuickFireReady(lines))

    @work(thread=True, exclusive=True, group="due")
    def read_next_due(self) -> None:
        from partways.drills.deck import next_scenario

        try:
            cards = list(self._cards().values())
        except OSError:
            cards = []
        ids = [s.id for s in self.scenarios]
        self.post_message(NextDue(next_scenario(cards, ids, self.clock())))

    @work(thread=True, exclusive=False, group="cards")
    def review_cards(self, keys: list[tuple[str, str | None]], rating: int) -> None:
        """Review the card of each ``(scenario, node)`` with ``rating`` and write them."""
        from partways.drills.deck import line_key, new_card, review
        from partways.drills.rating import Rating

        now = self.clock()
        try:
            store = self._drill_store()
            read = store.cards()
            self.tell(read.notice)
            known = read.cards
            cards = []
            for scenario, node in keys:
                key = line_key(scenario, node) if node is not None else scenario
                card = known.get(key) or new_card(scenario, now, node)
                cards.append(review(card, Rating(rating), now))
            self.tell(store.put(cards))
        except OSError as error:
            self.post_message(CardsChanged([], str(error)))
            return
        self.post_message(CardsChanged(cards))

    # -- opening the screens -----------------------------------------------------

    @on(HistoryAsked)
    def open_history(self) -> None:
        """Open the history screen at once; it fills when the worker has read the rows."""
        from partways.tui.screens.history import HistoryScreen

        if not any(isinstance(screen, HistoryScreen) for screen in self.screen_stack):
            self.push_screen(HistoryScreen())
            self.read_overview()

    @on(HistoryRowOpened)
    def _row_opened(self, message: HistoryRowOpened) -> None:
        self.read_replay(message.key)

    @on(DrillAsked)
    def _drill_asked(self, message: DrillAsked) -> None:
        self.open_drill(quickfire=message.quickfire)

    def open_drill(self, quickfire: bool = False) -> None:
        """Quick-fire lines, or the next due scenario as a normal rehearsal."""
        if quickfire:
            self.read_quickfire()
        else:
            self.read_next_due()

    # -- the workers' messages -----------------------------------------------------

    @on(PracticeRead)
    def _practice_read(self, message: PracticeRead) -> None:
        from partways.drills.overview import status

        if message.notice:  # the read failed (a notice about a file set aside comes apart)
            self.notify(
                f"Could not read your practice: {message.notice}", severity="error", markup=False
            )

        ids = [s.id for s in self.scenarios]
        self.drill_status = status(
            message.practices, list(message.cards.values()), ids, self.clock()
        )

    @on(OverviewRead)
    def _overview_read(self, message: OverviewRead) -> None:
        from partways.tui.screens.history import HistoryScreen

        if message.overview is None:
            self.notify(
                f"Could not read the history: {message.error}", severity="error", markup=False
            )
        for screen in self.screen_stack:
            if isinstance(screen, HistoryScreen) and message.overview is not None:
                screen.show(message.overview)

    @on(WordsRead)
    def _words_read(self, message: WordsRead) -> None:
        from partways.tui.screens.history import HistoryScreen

        for screen in self.screen_stack:
            if isinstance(screen, HistoryScreen):
                screen.show_words(message.words)

    @on(ReplayRead)
    def _replay_read(self, message: ReplayRead) -> None:
        from partways.tui.screens.replay import ReplayScreen

        if message.outcome is None:
            self.notify(
                f"Could not read that rehearsal: {message.error}", severity="error", markup=False
            )
            return
        self.push_screen(ReplayScreen(message.outcome))

    @on(QuickFireReady)
    def _quickfire_ready(self, message: QuickFireReady) -> None:
        from partways.tui.screens.quickfire import QuickFireScreen

        if not message.lines:
            self.notify("No lines to drill: no scenarios were loaded.", severity="warning")
            return
        self.push_screen(QuickFireScreen(message.lines, ticks=self.drill_ticks))

    @on(NextDue)
    def _next_due(self, message: NextDue) -> None:
        scenario = self.scenario(message.scenario) if message.scenario else None
        if scenario is None:
            self.notify("No scenario to drill: none were loaded.", severity="warning")
            return
        self.begin(scenario)

    @on(DrillAnswered)
    def _drill_answered(self, message: DrillAnswered) -> None:
        self.review_cards([(message.scenario, message.node)], message.rating)

    @on(OutcomeLogged)
    def _outcome_logged(self, message: OutcomeLogged) -> None:
        """A finished rehearsal reviews its scenario's card (an abandoned one does not)."""
        from partways.drills.rating import rate_outcome

        rating = rate_outcome(message.outcome)
        if rating is not None:
            self.review_cards([(message.outcome.scenario, None)], int(rating))

    @on(CardsChanged)
    def _cards_changed(self, message: CardsChanged) -> None:
        if message.error is not None:
            self.notify(
                f"The drill could not be saved: {message.error}", severity="error", markup=False
            )
            return
        self.read_practice()


class PracticeCommands(Provider):
    """The command palette offers the drills and the history."""

    COMMANDS = (
        ("Drill: the scenario due next", "Spaced practice: what you found hard comes back sooner."),
        (
            "Drill: quick-fire lines",
            "The hardest client lines, one by one, against a countdown.",
        ),
        ("History: your rehearsals", "Scores over time, best and last per scenario, your habits."),
    )

    async def discover(self) -> Hits:
        for index, (name, help) in enumerate(self.COMMANDS):
            yield DiscoveryHit(name, self._callback(index), help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for index, (name, help) in enumerate(self.COMMANDS):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._callback(index), help=help)

    def _callback(self, index: int) -> Callable[[], None]:
        app = self.app
        assert isinstance(app, PracticeFlow)
        if index == 2:
            return app.open_history
        return lambda: app.open_drill(quickfire=index == 1)
