"""Regenerate the SVG screenshots in screenshots/ by driving the app with Pilot.

    python scripts/screenshots.py

Uses the bundled scenarios and a throwaway data folder, at 80x24 with
animations off, so the pictures are the same on every run.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

os.environ["TEXTUAL_ANIMATIONS"] = "none"

from textual.pilot import Pilot
from textual.widgets import TextArea

from partways.loading import PackLoader
from partways.paths import bundled_scenarios
from partways.scenario.catalog import load_catalog
from partways.store.history import HistoryStore
from partways.tui.app import PartwaysApp
from partways.tui.screens.conversation import ConversationScreen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
SIZE = (80, 24)
SCENARIO = "angry-late-payer"

Steps = Callable[[Pilot[int]], Awaitable[None]]


async def home(pilot: Pilot[int]) -> None:
    await pilot.pause()


async def names(pilot: Pilot[int]) -> None:
    await pilot.press("enter")


async def conversation(pilot: Pilot[int]) -> None:
    await pilot.press("enter", "enter", "1")
    await pilot.press(*"Thank you. My decision stands; the last day is the 30th.", "enter")


async def typing(pilot: Pilot[int]) -> None:
    await pilot.press("enter", "enter", "1")
    await pilot.press(*"Sorry, I think maybe we could stop at the end of the month, if that's ok?")


async def help_screen(pilot: Pilot[int]) -> None:
    await pilot.press("enter", "enter", "question_mark")


async def leave(pilot: Pilot[int]) -> None:
    await pilot.press("enter", "enter", "1", "escape")


async def ending(pilot: Pilot[int]) -> None:
    await pilot.press("enter", "enter")
    app = pilot.app
    for _ in range(20):
        screen = app.screen
        if not isinstance(screen, ConversationScreen):
            break
        await pilot.press("1")
    await app.workers.wait_for_complete()
    await pilot.pause()


PAD_DRAFT = (
    "Hi Dana,\n\nI hope you are well. I just wanted to say that I think it might be time "
    "to wrap things up, if that is okay? I am so sorry. Because of my workload and "
    "because the invoices are late, I feel like I cannot continue. Would it be possible "
    "to end on the 30th?\n\nBest, Sam"
)


async def pad(pilot: Pilot[int]) -> None:
    await pilot.press("c")
    pilot.app.screen.query_one(TextArea).load_text(PAD_DRAFT)


async def pad_report(pilot: Pilot[int]) -> None:
    await pad(pilot)
    await pilot.pause()
    await pilot.press("tab", "pagedown")


SHOTS: dict[str, Steps] = {
    "home": home,
    "names": names,
    "conversation": conversation,
    "typing": typing,
    "help": help_screen,
    "leave": leave,
    "ending": ending,
    "pad": pad,
    "pad-report": pad_report,
}


async def shoot(name: str, steps: Steps, data: Path) -> Path:
    catalog = load_catalog([bundled_scenarios()])
    # Put the screenshot scenario first so Enter on the home screen starts it.
    catalog.scenarios.sort(key=lambda s: s.id != SCENARIO)
    app = PartwaysApp(PackLoader.of(catalog), store=HistoryStore(data / name))
    async with app.run_test(size=SIZE) as pilot:
        await steps(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    return Path(path)


async def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        for name, steps in SHOTS.items():
            path = await shoot(name, steps, Path(data))
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
