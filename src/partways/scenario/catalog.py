"""Find scenario files, load them all, and check what only makes sense across files.

A broken file never hides the good ones: its problems are collected and the
others still load. Rule 5 of the format (an ``id`` is unique among all files
loaded together) is enforced here: the second file to use an id, in the order
the files were named or found, gets the error at its ``id`` value.
"""

from __future__ import annotations

from collections.abc import Sequence

from partways.scenario.catalog_core import (
    SCENARIO_SUFFIXES,
    Catalog,
    PathLike,
    find_files,
    missing_paths,
    scan,
)
from partways.scenario.diagnostics import Diagnostic, shown
from partways.scenario.loader import load_file

__all__ = [
    "SCENARIO_SUFFIXES",
    "Catalog",
    "find_files",
    "load_catalog",
    "missing_paths",
    "validate_paths",
]


def load_catalog(paths: Sequence[PathLike]) -> Catalog:
    """Load every scenario file found under ``paths`` (see :func:`find_files`).

    A folder that cannot be read is a problem of its own (PW008), listed first.
    """
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
                mark = scenario.id_mark
                diags = [
                    Diagnostic(
                        display,
                        mark.line,
                        mark.column,
                        "PW401",
                        f"id '{shown(scenario.id)}' is already used by {owner}; choose another id",
                    )
                ]
        if diags:
            catalog.problems.setdefault(display, []).extend(diags)
    return catalog


def validate_paths(paths: Sequence[PathLike]) -> list[Diagnostic]:
    """Every problem in the files under ``paths``, in file order."""
    return load_catalog(paths).diagnostics()
