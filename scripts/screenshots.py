"""Regenerate the SVG screenshots in screenshots/ by driving the app with Pilot.

    python scripts/screenshots.py [NAME ...]

One picture per screen (and per dialog the README shows): the bundled scenarios,
a throwaway data folder seeded with a few weeks of rehearsals and two
offboardings, 80x24, animations off, a fixed "now" and "today", the quick-fire
countdown stopped. So the pictures are the same, byte for byte, on every run.
Each shot names the screen it shows; the script stops, writing nothing more, if
the app is on another screen when the picture would be taken.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # (the tests import the list of shots, with no side effects)
    os.environ["TEXTUAL_ANIMATIONS"] = "none"  # read when Textual is imported, below

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from partways.checklist import TODAY_ENV
from partways.checklist.model import new_offboarding
from partways.checklist.template import template
from partways.engine import Rehearsal
from partways.loading import PackLoader
from partways.paths import bundled_scenarios
from partways.scenario.catalog import Catalog, load_catalog
from partways.store.checklists import ChecklistStore
from partways.store.history import HistoryStore
from partways.tui.app import PartwaysApp
from partways.tui.screens.checklist import OffboardingsScreen
from partways.tui.screens.checklist_detail import ChecklistScreen
from partways.tui.screens.checklist_letter import LetterPadScreen
from partways.tui.screens.checklist_new import NewOffboardingDialog
from partways.tui.screens.conversation import ConversationScreen
from partways.tui.screens.dialogs import ConfirmDialog, HelpDialog, NamesDialog
from partways.tui.screens.ending import EndingScreen
from partways.tui.screens.history import HistoryScreen
from partways.tui.screens.home import HomeScreen
from partways.tui.screens.map import MapScreen
from partways.tui.screens.pad import CoachPadScreen
from partways.tui.screens.quickfire import QuickFireScreen
from partways.tui.screens.replay import ReplayScreen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
SIZE = (80, 24)
SCENARIO = "angry-late-payer"
#: "Now" in every picture: a Wednesday evening; "today" for the checklist.
NOW = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
TODAY = NOW.date()

Steps = Callable[[Pilot[int]], Awaitable[None]]

# -- the data folder: a few weeks of rehearsals, two offboardings ----------------

#: Rehearsals logged before the app starts, oldest first: (scenario, days before
#: now, what you said on each turn: a line's number, or typed words; the last
#: answer is repeated until the scenario ends).
HISTORY: list[tuple[str, int, list[int | str]]] = [
    (SCENARIO, 19, ["Sorry, I think maybe we could stop at the end of the month, if that's ok?"]),
    ("pushback-scope-creep", 17, ["I just feel like maybe it's time, sorry.", 2]),
    (SCENARIO, 15, [2, 1]),
    ("fr-pleads-late-payer", 12, [2, 1]),
    ("en-guilt-after-everything", 10, ["I'm so sorry, I really hate doing this.", 1]),
    (SCENARIO, 8, [1]),
    ("pleads-style-mismatch", 6, [1]),
    ("pushback-scope-creep", 4, [1]),
    ("en-guilt-after-everything", 2, [1]),
    (SCENARIO, 1, ["My decision stands: the last day is the 30th. I'll send the handover Friday."]),
]


def played(catalog: Catalog, scenario_id: str, at: datetime, answers: list[int | str]) -> Rehearsal:
    """A rehearsal of ``scenario_id`` played to its end with ``answers``, at ``at``."""
    scenario = next(s for s in catalog.scenarios if s.id == scenario_id)
    minutes = iter(range(0, 60, 2))
    rehearsal = Rehearsal(scenario, clock=lambda: at + timedelta(minutes=next(minutes)))
    for turn in range(20):
        if rehearsal.finished:
            break
        answer = answers[min(turn, len(answers) - 1)]
        if isinstance(answer, str) and rehearsal.accepts_reply:
            rehearsal.reply(answer)
        else:
            count = len(rehearsal.choices())
            rehearsal.pick(min(answer, count) if isinstance(answer, int) else count)
    return rehearsal


def seed(data: Path, catalog: Catalog) -> None:
    """Log :data:`HISTORY` and save two offboardings in ``data``."""
    store = HistoryStore(data)
    for scenario_id, days, answers in HISTORY:
        at = NOW - timedelta(days=days, hours=days % 5)
        store.add(played(catalog, scenario_id, at, answers).outcome())
    items, _ = template(None)
    checklists = ChecklistStore(data)
    bakery = new_offboarding(
        items,
        id="harbour-lane-bakery",
        client="Harbour Lane Bakery",
        reason="style-mismatch",
        talk=date(2026, 3, 6),
        notice_days=30,
        created="2026-02-25T09:30:00+00:00",
        you="Sam Reid",
        contact="sam@reid.studio",
        deliverables=("the spring menu designs", "the website banner set"),
    )
    for step in ("sleep-on-it", "read-contract", "invoices", "own-reasons"):
        bakery = bakery.toggled(step)
    checklists.put(bakery.noted("read-contract", "Clause 7: 30 days' notice, in writing"))
    salon = new_offboarding(
        items,
        id="salong-saxen",
        client="Salong Saxen",
        reason="outgrown",
        talk=date(2026, 3, 16),
        notice_days=14,
        created="2026-03-02T08:15:00+00:00",
        language="sv",
        you="Sam Reid",
    )
    checklists.put(salon.toggled("sleep-on-it"))


# -- the shots --------------------------------------------------------------------
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


async def settle(pilot: Pilot[int]) -> None:
    """Wait for the workers the last keys started, then for the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def map_screen(pilot: Pilot[int]) -> None:
    await ending(pilot)
    await pilot.press("m")


async def history(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.press("h")


async def replay(pilot: Pilot[int]) -> None:
    await history(pilot)
    await settle(pilot)
    await pilot.press("down", "enter")


async def quickfire(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)
    answer = pilot.app.screen.query_one("#answer", Input)
    answer.value = "I understand. My decision stands: my last day is Friday the 27th."
    await pilot.press("enter")


async def offboardings(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.press("o")


async def offboarding_new(pilot: Pilot[int]) -> None:
    await offboardings(pilot)
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*"Nordlicht Verlag")


async def checklist(pilot: Pilot[int]) -> None:
    await offboardings(pilot)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("down", "down", "down")  # the overdue step


async def letter(pilot: Pilot[int]) -> None:
    await offboardings(pilot)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("l")


@dataclass(frozen=True)
class Shot:
    """``screenshots/NAME.svg``: what ``steps`` lead to, which must be ``screen``."""

    name: str
    screen: type[Screen[Any]]
    steps: Steps


SHOTS: tuple[Shot, ...] = (
    Shot("home", HomeScreen, home),
    Shot("names", NamesDialog, names),
    Shot("conversation", ConversationScreen, conversation),
    Shot("typing", ConversationScreen, typing),
    Shot("help", HelpDialog, help_screen),
    Shot("leave", ConfirmDialog, leave),
    Shot("ending", EndingScreen, ending),
    Shot("map", MapScreen, map_screen),
    Shot("pad", CoachPadScreen, pad),
    Shot("pad-report", CoachPadScreen, pad_report),
    Shot("history", HistoryScreen, history),
    Shot("replay", ReplayScreen, replay),
    Shot("quickfire", QuickFireScreen, quickfire),
    Shot("offboardings", OffboardingsScreen, offboardings),
    Shot("offboarding-new", NewOffboardingDialog, offboarding_new),
    Shot("checklist", ChecklistScreen, checklist),
    Shot("letter", LetterPadScreen, letter),
)


class WrongScreen(RuntimeError):
    """A shot ended on another screen than the one it is meant to show."""


def bundled() -> Catalog:
    catalog = load_catalog([bundled_scenarios()])
    # Put the screenshot scenario first so Enter on the home screen starts it.
    catalog.scenarios.sort(key=lambda s: s.id != SCENARIO)
    return catalog


async def shoot(shot: Shot, data: Path) -> Path:
    """Seed a data folder of its own, drive the app, save the picture."""
    catalog = bundled()
    seed(data / shot.name, catalog)
    app = PartwaysApp(PackLoader.of(catalog), store=HistoryStore(data / shot.name))
    app.clock = lambda: NOW
    app.drill_ticks = False
    app.export_dir = data / shot.name
    async with app.run_test(size=SIZE) as pilot:
        await shot.steps(pilot)
        await settle(pilot)
        if type(app.screen) is not shot.screen:
            found = type(app.screen).__name__
            raise WrongScreen(f"{shot.name}: on {found}, not {shot.screen.__name__}")
        path = app.save_screenshot(filename=f"{shot.name}.svg", path=str(OUT))
    return Path(path)


async def main(names: Sequence[str]) -> int:
    unknown = sorted(set(names) - {shot.name for shot in SHOTS})
    if unknown:
        print(f"screenshots.py: no shot named {', '.join(unknown)}", file=sys.stderr)
        return 2
    os.environ[TODAY_ENV] = TODAY.isoformat()
    os.environ["TZ"] = "UTC"  # the history shows local times
    time.tzset()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        for shot in SHOTS:
            if not names or shot.name in names:
                try:
                    path = await shoot(shot, Path(data))
                except WrongScreen as error:
                    print(f"screenshots.py: {error}", file=sys.stderr)
                    return 1
                print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
