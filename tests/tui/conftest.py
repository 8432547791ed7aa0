"""Builds apps for the Pilot and snapshot tests, pointed at fixture data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from partways.loading import PackLoader
from partways.paths import bundled_scenarios
from partways.scenario.catalog import load_catalog
from partways.store.history import HistoryStore
from partways.tui.app import PartwaysApp

FIXTURES = Path(__file__).parent.parent / "fixtures"

MakeApp = Callable[..., PartwaysApp]


@pytest.fixture(autouse=True)
def _deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


ROOT = FIXTURES.parent.parent


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeApp:
    # Paths on screen (broken packs) are shown as given: give them relative to the
    # repository so snapshots are the same in any checkout.
    monkeypatch.chdir(ROOT)

    def make(
        *folders: Path, start: str | None = None, bundled: bool = False, **names: str
    ) -> PartwaysApp:
        dirs = [bundled_scenarios()] if bundled else []
        dirs.extend(Path(f).relative_to(ROOT) for f in folders or [FIXTURES / "scenarios"])
        catalog = load_catalog(dirs)
        scenario = next((s for s in catalog.scenarios if s.id == start), None)
        return PartwaysApp(
            PackLoader.of(catalog), store=HistoryStore(tmp_path / "data"), start=scenario, **names
        )

    return make


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the app has started its start-up workers (after its first paint),
    then until every worker is done, then for the screen to catch up: waiting for
    the workers alone can come before the start-up ones exist."""
    app = pilot.app
    for _ in range(200):
        if getattr(app, "started_up", True):
            break
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
