"""Find scenario files, load them all, and check what only makes sense across files.

A broken file never hides the good ones: its problems are collected and the
others still load. An ``id`` is unique among all the files loaded together
(``scenarios/README.md``): the second file to use an id, in the order the files
were named or found, gets the error at its ``id`` value.

Only :func:`load_catalog` needs the loader, and so PyYAML: it imports it when
called, so that :mod:`partways.scenario.cache` can list the files and rebuild a
:class:`Catalog` without importing YAML at all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partways.fileio import describe
from partways.scenario.diagnostics import Code, Diagnostic, at_start, shown
from partways.scenario.model import Scenario

__all__ = [
    "SCENARIO_SUFFIXES",
    "Catalog",
    "PathLike",
    "find_files",
    "load_catalog",
    "missing_paths",
    "scan",
    "validate_paths",
]

#: Files inside a folder that are scenarios (case-insensitive).
SCENARIO_SUFFIXES = (".yaml", ".yml")

PathLike = Path | str


def missing_paths(paths: Sequence[PathLike]) -> list[PathLike]:
    """The paths that do not exist (the command line exits with status 2 for them).

    A path that exists but cannot be used (a symlink loop, a folder without
    permission) is not missing: loading it reports why (PW008).
    """
    return [p for p in paths if _missing(p)]


def _missing(path: PathLike) -> bool:
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    except ValueError:  # an embedded NUL: no such path can exist
        return True
    return False


def _is_scenario_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(SCENARIO_SUFFIXES)


def _walk(folder: str) -> tuple[list[str], list[tuple[str, OSError]]]:
    """Scenario files under ``folder`` (recursively, no hidden entries, symlinked
    folders not followed, so a symlink loop is never walked), as paths relative
    to it, sorted; and the folders that could not be read, with why."""
    found: list[str] = []
    unreadable: list[tuple[str, OSError]] = []

    def failed(error: OSError) -> None:
        where = error.filename if isinstance(error.filename, str) else folder
        unreadable.append((os.path.relpath(where, folder), error))

    for root, dirs, files in os.walk(folder, onerror=failed, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(root, folder)
        for name in files:
            if _is_scenario_name(name):
                found.append(name if rel == "." else os.path.join(rel, name))
    found.sort(key=_sort_key)
    unreadable.sort(key=lambda item: _sort_key(item[0]))
    return found, unreadable


def _sort_key(rel: str) -> list[str]:
    return rel.replace(os.sep, "/").split("/")


def _folder_problem(display: str, error: OSError) -> Diagnostic:
    return at_start(
        display,
        Code.UNREADABLE,
        f"cannot read this folder: {describe(error)}; its scenarios were not checked",
    )


def find_files(paths: Sequence[PathLike]) -> list[tuple[Path, str]]:
    """The files to load, each with the string to show for it (see :func:`scan`)."""
    return scan(paths)[0]


def scan(paths: Sequence[PathLike]) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """The files to load, each with the string to show for it; and a problem
    (PW008) for each folder that could not be read.

    A file is taken as given (whatever its name); a folder contributes its
    ``*.yaml``/``*.yml`` files, recursively and sorted (hidden files and folders,
    READMEs and anything else are skipped). The display string is the path as
    given (a ``str`` is kept verbatim), or that path joined with the path found
    inside the folder. Paths that do not exist are kept, so that loading them
    reports PW008; a file reached twice is listed once.
    """
    out: list[tuple[Path, str]] = []
    problems: list[Diagnostic] = []
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
            found, unreadable = _walk(display)
            for rel in found:
                add(path / rel, os.path.join(display, rel))
            for rel, error in unreadable:
                where = display if rel == "." else os.path.join(display, rel)
                problems.append(_folder_problem(where, error))
        else:
            add(path, display)
    return out, problems


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

    def find(self, scenario_id: str) -> Scenario | None:
        """The scenario with id ``scenario_id``, if one loaded (ids are unique in a catalog)."""
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        return None


def load_catalog(paths: Sequence[PathLike]) -> Catalog:
    """Load every scenario file found under ``paths`` (see :func:`find_files`).

    A folder that cannot be read is a problem of its own (PW008), listed first.
    """
    from partways.scenario.loader import load_file  # YAML only when files are loaded

    catalog = Catalog()
    owners: dict[str, str] = {}
    files, unreadable = scan(paths)
    for problem in unreadable:
        catalog.problems.setdefault(problem.path, []).append(problem)
    for path, display in files:
        scenario, diags = load_file(path, display)
        if scenario is not None:
            owner = owners.get(scenario.id)
            if owner is None:
                owners[scenario.id] = display
                catalog.scenarios.append(scenario)
            else:
                diags = [_id_taken(display, scenario, owner)]
        if diags:
            catalog.problems.setdefault(display, []).extend(diags)
    return catalog


def _id_taken(display: str, scenario: Scenario, owner: str) -> Diagnostic:
    mark = scenario.id_mark
    return Diagnostic(
        display,
        mark.line,
        mark.column,
        Code.ID_TAKEN.value,
        f"id '{shown(scenario.id)}' is already used by {owner}; choose another id",
    )


def validate_paths(paths: Sequence[PathLike]) -> list[Diagnostic]:
    """Every problem in the files under ``paths``, in file order."""
    return load_catalog(paths).diagnostics()
