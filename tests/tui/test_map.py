"""The map screen: opened with "m" after an ending, the path taken marked and open,
the rest folded; text literal; Escape goes back. And its snapshot at 80x24."""

from __future__ import annotations

from typing import Any

from partways.scenario.catalog import load_catalog
from partways.tui.screens.ending import EndingScreen
from partways.tui.screens.map import ConversationTree, MapScreen

from .conftest import FIXTURES, MakeApp
from .test_snapshots import SIZE, keys


def plain(node: Any) -> str:
    return str(node.label.plain)


async def test_m_after_an_ending_opens_the_map_with_the_path_taken(make_app: MakeApp) -> None:
    app = make_app(start="fixture-markup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MapScreen)
        tree = screen.query_one(ConversationTree)
        root = tree.root
        assert root.data is not None and root.data.on_path
        # The first line was picked, then the first again: both marked, and open.
        first = root.children[0]
        assert first.data is not None and first.data.on_path and first.is_expanded
        assert plain(first).startswith("1 firm “Thanks, Robin [b]. I've decide…” → 'push'")
        assert not root.children[1].is_expanded  # a branch not taken: folded
        cursor = tree.cursor_node
        assert cursor is not None and cursor.data is not None
        assert cursor.data.node == "done" and cursor.data.on_path
        # Scenario text is shown as written: markup is not read.
        assert "Click [@click=app.q…" in plain(root)
        # One key opens a folded branch.
        tree.move_cursor(root.children[1])
        await pilot.press("space")
        await pilot.pause()
        assert root.children[1].is_expanded
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)


async def test_open_map_with_a_path_from_a_history_record(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_map("fixture-markup", ["open", "stall"], [2])
        await pilot.pause()
        tree = app.screen.query_one(ConversationTree)
        marked = [n.data.node for n in _nodes(tree.root) if n.data and n.data.on_path]
        assert marked == ["open", "stall"]
        app.open_map("no-such-scenario")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)  # a notice, no new screen
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, MapScreen)


def _nodes(node: Any) -> list[Any]:
    found = [node]
    for child in node.children:
        found.extend(_nodes(child))
    return found


def test_the_map_help_is_the_screens_own() -> None:
    scenario = load_catalog([FIXTURES / "scenarios"]).scenarios[0]
    screen = MapScreen(scenario)
    assert "Space" in screen.HELP and "Esc" in screen.HELP


def test_map_after_an_ending(make_app: MakeApp, snap_compare: Any) -> None:
    app = make_app(start="fixture-markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("1", "1", "m"))
