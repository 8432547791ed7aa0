"""Pilot tests: each screen driven with the keyboard, asserting on widgets and messages."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.widgets import DataTable, Input

from partways.store.history import HistoryStore
from partways.tui.messages import OutcomeLogged
from partways.tui.screens.conversation import ConversationScreen
from partways.tui.screens.dialogs import ConfirmDialog, HelpDialog, NamesDialog
from partways.tui.screens.ending import EndingScreen
from partways.tui.screens.home import HomeScreen
from partways.tui.widgets.choices import ChoiceLine
from partways.tui.widgets.literal import Literal
from partways.tui.widgets.transcript import Transcript

from .conftest import FIXTURES, MakeApp, settle

SIZE = (80, 24)


def transcript_text(app: Any) -> str:
    """The rendered text of every transcript line on the current screen."""
    lines = app.screen.query(".client-line, .your-line, .coach-note")
    return "\n".join(str(w.render()) for w in lines)


def plain(widget: Literal) -> str:
    return str(widget.render())


async def test_home_lists_scenarios_literally_and_shows_the_summary(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[0]) == "Markup [bold]stays[/] literal"
        summary = plain(app.screen.query_one("#summary", Literal))
        assert "[link=https://example.com]markup[/link]" in summary
        assert "[@click=app.quit]actions[/]" in summary


async def test_broken_packs_are_listed_and_do_not_hide_good_ones(make_app: MakeApp) -> None:
    app = make_app(FIXTURES / "scenarios", FIXTURES / "broken")
    async with app.run_test(size=SIZE):
        assert app.screen.query_one(DataTable).row_count == 1
        broken = app.screen.query_one("#broken", Literal)
        assert broken.display
        assert "tests/fixtures/broken/broken-pack.yaml:12:11: error:" in plain(broken)


async def test_filter_narrows_the_list(make_app: MakeApp) -> None:
    app = make_app(bundled=True)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        everything = table.row_count
        assert everything >= 4
        assert not app.screen.query("#filter")  # mounted on first use
        await pilot.press("slash", *"angry")
        assert 1 <= table.row_count < everything
        await pilot.press("escape")
        assert table.row_count == everything
        assert not app.screen.query_one("#filter").display
        await pilot.press("slash", *"zzzz")
        assert table.row_count == 0
        assert "No scenario matches" in plain(app.screen.query_one("#summary", Literal))


async def test_names_go_into_the_rehearsal(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, NamesDialog)
        client = app.screen.query_one("#client-name", Input)
        assert client.value == "Robin [b]"
        client.value = ""
        await pilot.press(*"Acme", "enter")
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.rehearsal.client_name == "Acme"
        first = app.screen.query(ChoiceLine).first()
        assert first.said is not None and first.said.startswith("Thanks, Acme.")


async def test_digits_play_to_a_clean_exit_and_the_outcome_is_logged(
    make_app: MakeApp, tmp_path: Any
) -> None:
    seen: list[Message] = []
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        assert isinstance(app.screen, ConversationScreen)
        text = transcript_text(app)
        assert "Click [@click=app.quit]here[/] if you must" in text
        await pilot.press("1")
        assert "coach · firm" in transcript_text(app)
        await pilot.press("1")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert "Clean exit" in plain(app.screen.query_one("#verdict", Literal))
        assert "[i]literal[/i]" in plain(app.screen.query_one("#lesson", Literal))
    logged = [m for m in seen if isinstance(m, OutcomeLogged)]
    assert len(logged) == 1 and logged[0].outcome.outcome == "clean-exit"
    records = HistoryStore(tmp_path / "data").all().value
    assert [r.outcome for r in records] == ["clean-exit"]


async def test_typed_reply_is_shown_literally_without_control_codes(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#reply", Input)
        box.value = "[@click=app.quit]x[/] You never pay\x1b[31m, this is your fault."
        await pilot.press("enter")
        text = transcript_text(app)
        assert "[@click=app.quit]x[/] You never pay[31m, this is your fault." in text
        assert "\x1b" not in text
        assert isinstance(app.screen, EndingScreen)  # blame burns the bridge
        assert app.screen.outcome.turns[0].how == "typed"
        assert app.screen.outcome.outcome == "burned-bridge"


async def test_an_empty_reply_is_not_sent(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "enter")
        assert app.screen.rehearsal.turns == []


async def test_a_pasted_multiline_message_is_one_reply(make_app: MakeApp) -> None:
    from textual import events

    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#reply", Input)
        box.post_message(events.Paste("Thanks.\nI've decided to end it\non the 30th."))
        await pilot.pause()
        assert box.value == "Thanks. I've decided to end it on the 30th."
        await pilot.press("enter")
        assert len(app.screen.rehearsal.turns) == 1


async def test_a_turn_without_reply_is_answered_by_picking(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # to the pleading turn, which has no `reply`
        box = app.screen.query_one("#reply", Input)
        assert "answered by picking a line" in str(box.placeholder)
        await pilot.press(*"hello", "enter")
        assert len(app.screen.rehearsal.turns) == 1


async def test_leaving_midway_asks_and_logs_abandoned(make_app: MakeApp, tmp_path: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, ConversationScreen)
        await pilot.press("escape", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    records = HistoryStore(tmp_path / "data").all().value
    assert [(r.outcome, r.abandoned) for r in records] == [("abandoned", True)]


async def test_ending_keys_retry_and_go_home(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2")
        assert isinstance(app.screen, EndingScreen)
        assert app.screen.outcome.outcome == "caved"
        await pilot.press("r")
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.rehearsal.turns == []
        await pilot.press("2", "1")
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("h")
        assert isinstance(app.screen, HomeScreen)
        await app.workers.wait_for_complete()


async def test_opened_on_a_rehearsal_home_is_built_only_when_shown(make_app: MakeApp) -> None:
    """``partways play`` paints the conversation first: the home list under it is
    built when the person comes back to it, not before (start-up regression)."""
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen_stack[0]
        assert isinstance(home, HomeScreen) and isinstance(app.screen, ConversationScreen)
        assert not home.table.is_mounted
        await pilot.press("1", "2", "h")
        assert app.screen is home and home.table.is_mounted
        assert home.table.row_count >= 1
        await app.workers.wait_for_complete()


async def test_help_is_one_key_away_on_every_screen(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, ConversationScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        assert "1–9" in plain(app.screen.query_one("#help-text", Literal))


async def test_clicking_markup_in_scenario_text_does_nothing(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        line = app.screen.query_one(Transcript).children[0]
        for x in range(0, 60, 3):
            await pilot.click(line, offset=(x, 1))
        assert app.is_running
        assert isinstance(app.screen, ConversationScreen)


async def test_quitting_midway_asks_and_logs_abandoned(make_app: MakeApp, tmp_path: Any) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    assert [r.outcome for r in HistoryStore(tmp_path / "data").all().value] == ["abandoned"]


async def test_command_palette_lists_and_starts_scenarios(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Markup")
        await app.workers.wait_for_complete()  # the palette searches in a worker
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NamesDialog)


async def test_typing_in_the_reply_box_types_each_key_once(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"No 1 more", "question_mark")
        assert app.screen.query_one("#reply", Input).value == "No 1 more?"
        assert isinstance(app.screen, ConversationScreen)


async def test_catalog_loads_in_a_worker_and_posts_a_message(
    tmp_path: Any, monkeypatch: Any
) -> None:
    from partways import loading
    from partways.tui.app import PartwaysApp
    from partways.tui.messages import CatalogLoaded

    monkeypatch.setattr(loading, "LOAD_IN_WORKER_ABOVE", 0)  # the fixture pack is "big"
    seen: list[Message] = []
    app = PartwaysApp(
        loading.PackLoader((FIXTURES / "scenarios",)), store=HistoryStore(tmp_path / "data")
    )
    assert app.loading
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.pause()
        loaded = [m for m in seen if isinstance(m, CatalogLoaded)]
        assert len(loaded) == 1 and loaded[0].catalog.ok
        assert app.screen.query_one(DataTable).row_count == 1
        assert "Markup [bold]stays[/] literal" in plain(app.screen.query_one("#summary", Literal))


async def test_best_result_shows_on_home_after_a_rehearsal(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[5]) == "—"
        await pilot.press("enter", "enter", "1", "1")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert str(app.screen.query_one(DataTable).get_row_at(0)[5]).endswith("✓")


async def test_a_corrupt_history_is_set_aside_with_a_message(
    make_app: MakeApp, tmp_path: Any
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.json").write_text("{not json", encoding="utf-8")
    from textual.notifications import Notify

    seen: list[Message] = []
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await settle(pilot)  # the history is read in a worker, after the first paint
        messages = [m.notification.message for m in seen if isinstance(m, Notify)]
        assert any("moved to" in m for m in messages), messages
    assert list(data.glob("history.json.corrupt-*"))


async def test_retry_works_for_a_scenario_played_from_a_file(tmp_path: Any) -> None:
    from partways.loading import PackLoader
    from partways.scenario.catalog import Catalog
    from partways.scenario.loader import load_file
    from partways.tui.app import PartwaysApp

    scenario, problems = load_file(FIXTURES / "scenarios" / "fixture-markup.yaml")
    assert scenario is not None and not problems
    app = PartwaysApp(
        PackLoader.of(Catalog([], {})), HistoryStore(tmp_path / "data"), start=scenario
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2")
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("r")
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.rehearsal.scenario is scenario
        await app.workers.wait_for_complete()


async def test_the_history_is_read_and_written_off_the_ui_thread(
    make_app: MakeApp, monkeypatch: Any
) -> None:
    import threading

    calls: list[tuple[str, bool]] = []
    for name in ("best", "add", "all"):
        original = getattr(HistoryStore, name)

        def spy(
            self: HistoryStore, *args: Any, _name: str = name, _original: Any = original
        ) -> Any:
            calls.append((_name, threading.current_thread() is threading.main_thread()))
            return _original(self, *args)

        monkeypatch.setattr(HistoryStore, name, spy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter", "1", "1")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("h")
        assert str(app.screen.query_one(DataTable).get_row_at(0)[5]).endswith("✓")
        assert calls and not [name for name, on_ui_thread in calls if on_ui_thread]
        # Read once at start, then written and read again by the logging worker.
        assert [name for name, _ in calls if name != "all"] == ["best", "add", "best"]


async def test_home_lists_the_cards_first_and_a_pick_waits_for_the_catalog(
    tmp_path: Any, monkeypatch: Any
) -> None:
    """A warm start paints the list from the cache's index; the catalog loads behind
    it, and Enter pressed before it arrives starts the scenario once it has."""
    import threading

    from partways import loading
    from partways.scenario.cache import load_catalog_cached
    from partways.tui.app import PartwaysApp

    folder = FIXTURES / "scenarios"
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached([folder], cache_file)
    release = threading.Event()
    real = loading.PackLoader.__call__

    def slow(self: loading.PackLoader) -> Any:
        release.wait(10)
        return real(self)

    monkeypatch.setattr(loading.PackLoader, "__call__", slow)
    app = PartwaysApp(
        loading.PackLoader((folder,), cache_file=cache_file), HistoryStore(tmp_path / "data")
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert app.catalog is None and app.cards
        assert home.table.row_count == len(app.cards)
        assert "Client:" in plain(home.query_one("#summary", Literal))
        await pilot.press("enter")
        assert app.screen is home  # nothing to start yet
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.catalog is not None
        assert isinstance(app.screen, NamesDialog)
