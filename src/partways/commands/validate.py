"""``partways validate [PATH ...] [--json] [--walk N [--seed S] | --cover]``: check
scenario files or folders, and play the valid ones through."""

from __future__ import annotations

import json
import sys

from partways.commands.common import UsageError, check_extra_dirs, scenario_dirs

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from partways.scenario.catalog import Catalog, PathLike

#: The most walks one run may ask for (each is a few microseconds per line).
MAX_WALKS = 1_000_000


def cmd_validate(options: argparse.Namespace) -> int:
    """Print each problem (or a JSON list of them); exit 0 when there is none, else 1.

    With ``--walk`` or ``--cover``, the valid scenarios are also played through
    (:mod:`partways.commands.walking`): a walk that reaches no ending is a problem too.
    """
    walks, cover = getattr(options, "walk", None), getattr(options, "cover", False)
    seed = getattr(options, "seed", None)
    if walks is not None and not 1 <= walks <= MAX_WALKS:
        raise UsageError(f"--walk {walks}: give a number of walks from 1 to {MAX_WALKS:,}")
    if seed is not None and walks is None:
        raise UsageError("--seed goes with --walk N")
    paths = _paths(options)
    if walks is not None or cover:
        from partways.commands.walking import walk_catalog
        from partways.scenario.catalog import load_catalog

        return walk_catalog(load_catalog(paths), options.json, walks, seed)
    from partways.scenario.catalog import load_catalog

    return report_problems(load_catalog(paths), options.json)


def _paths(options: argparse.Namespace) -> list[PathLike]:
    """The paths given (exit 2 for a missing one), else every pack partways loads."""
    from partways.scenario.catalog import missing_paths

    paths: list[str | Path]
    if options.paths:
        # Strings, not Paths: a Path would turn "./a.yaml" into "a.yaml", and each
        # problem's PATH is shown exactly as it was typed.
        paths = list(options.paths)
        missing = missing_paths(paths)
        if missing:
            raise UsageError(f"{missing[0]}: no such file or folder")
        return paths
    check_extra_dirs(options)
    return [p for p in scenario_dirs(options) if p.exists()]


def report_problems(catalog: Catalog, as_json: bool) -> int:
    """The validator's problems, as lines (and a count on stderr) or a JSON list."""
    problems = catalog.diagnostics()
    if as_json:
        print(json.dumps([p.to_json() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem.format())
        count_problems(len(problems), len({p.path for p in problems}))
    return 1 if problems else 0


def count_problems(problems: int, files: int, what: str = "problem") -> None:
    """``2 problems in 1 file`` on stderr (nothing for none)."""
    if problems:
        print(
            f"{problems} {what}{'s' * (problems != 1)} in {files} file{'s' * (files != 1)}",
            file=sys.stderr,
        )
