"""The README's pictures are kept current: every full screen has a shot in
``scripts/screenshots.py``, every shot has its SVG in ``screenshots/`` and its
place in the README, and no picture shows a traceback.

A new screen without a screenshot fails here: add a ``Shot`` for it to the
script, run ``python scripts/screenshots.py NAME``, look at the picture, and put
it in the README under "## The screens".
"""

from __future__ import annotations

import importlib.util
import inspect
import pkgutil
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from textual.screen import ModalScreen, Screen

import partways.tui.screens as screens_package
from partways.tui.screens.base import PartwaysScreen

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "screenshots.py"
PICTURES = ROOT / "screenshots"
#: Screen classes that only other screens are built on: never on screen themselves.
BASES: set[type[Screen[object]]] = {PartwaysScreen}


@cache
def script() -> ModuleType:
    """The screenshot script, imported (its shots are data; importing runs nothing)."""
    name = "partways_screenshots"
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def full_screens() -> set[type[Screen[object]]]:
    """Every class under ``partways/tui/screens`` that is a screen, not a dialog, not a base."""
    found: set[type[Screen[object]]] = set()
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                cls.__module__ == module.__name__
                and issubclass(cls, Screen)
                and not issubclass(cls, ModalScreen)
                and cls not in BASES
            ):
                found.add(cls)
    return found


def test_every_full_screen_has_a_screenshot() -> None:
    shown = {shot.screen for shot in script().SHOTS}
    screens = full_screens()
    assert len(screens) >= 10  # the walk found the screens at all
    missing = sorted(cls.__qualname__ for cls in screens - shown)
    assert not missing, f"no shot in scripts/screenshots.py for {missing}"


def test_every_shot_has_its_picture_and_its_place_in_the_readme() -> None:
    names = [shot.name for shot in script().SHOTS]
    assert len(names) == len(set(names))
    on_disk = {path.stem for path in PICTURES.glob("*.svg")}
    assert on_disk == set(names), "screenshots/ and the script's shots differ"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    in_readme = set(re.findall(r"!\[[^\]]*\]\(screenshots/([\w-]+)\.svg\)", readme))
    assert in_readme == set(names), "the README's pictures and the script's shots differ"


def test_no_picture_shows_a_traceback() -> None:
    for path in PICTURES.glob("*.svg"):
        text = path.read_text(encoding="utf-8")
        assert "Traceback" not in text and "Error:" not in text, path.name
