"""The part of the catalog that needs no YAML: finding scenario files, and the
:class:`Catalog` that holds what loading them gave.

Kept apart from :mod:`partways.scenario.catalog` (which imports the loader, and so
PyYAML) so that :mod:`partways.scenario.cache` can list the files and rebuild a
catalog without importing YAML at all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partways.scenario.diagnostics import Diagnostic
from partways.scenario.model import Scenario

__all__ = [
    "SCENARIO_SUFFIXES",
    "Catalog",
    "PathLike",
    "find_files",
    "missing_paths",
]

#: Files inside a folder that are scenarios (case-insensitive).
SCENARIO_SUFFIXES = (".yaml", ".yml")

PathLike = Path | str


def missing_paths(paths: Sequence[PathLike]) -> list[PathLike]:
    """The paths that do not exist (the command line exits with status 2 for them)."""
    return [p for p in paths if not os.path.exists(p)]


def _is_scenario_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(SCENARIO_SUFFIXES)


def _walk(folder: str) -> list[str]:
    """Scenario files under ``folder`` (recursively, no hidden entries, symlinked
    folders not followed), as paths relative to it, sorted."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(root, folder)
        for name in files:
            if _is_scenario_name(name):
                found.append(name if rel == "." else os.path.join(rel, name))
    found.sort(key=lambda p: p.replace(os.sep, "/").split("/"))
    return found


def find_files(paths: Sequence[PathLike]) -> list[tuple[Path, str]]:
    """The files to load, each with the string to show for it.

    A file is taken as given (whatever its name); a folder contributes its
    ``*.yaml``/``*.yml`` files, recursively and sorted (hidden files and folders,
    READMEs and anything else are skipped). The display string is the path as
    given (a ``str`` is kept verbatim), or that path joined with the path found
    inside the folder. Paths that do not exist are kept, so that loading them
    reports PW008; a file reached twice is listed once.
    """
    out: list[tuple[Path, str]] = []
    seen: set[str] = set()

    def add(path: Path, display: str) -> None:
        try:
            key = os.path.realpath(path)
        except (OSError, ValueError):
            key = str(path)
        if key not in seen:
            seen.add(key)
            out.append((path, display))

    for given in paths:
        display = given if isinstance(given, str) else str(given)
        path = Path(given)
        if path.is_dir():
            for rel in _walk(display):
                add(path / rel, os.path.join(display, rel))
        else:
            add(path, display)
    return out


@dataclass
class Catalog:
    """Every scenario that loaded cleanly, and the problems of every other file."""

    scenarios: list[Scenario] = field(default_factory=list)
    #: display path -> its problems (only files with problems appear).
    problems: dict[str, list[Diagnostic]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def diagnostics(self) -> list[Diagnostic]:
        """Every problem, file by file in load order, each file's sorted by position."""
        return [d for diags in self.problems.values() for d in diags]

    def by_id(self, scenario_id: str) -> Scenario | None:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        return None
