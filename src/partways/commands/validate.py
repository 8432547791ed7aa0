"""``partways validate [PATH ...] [--json]``: check scenario files or folders."""

from __future__ import annotations

import json
import sys

from partways.commands.common import UsageError, check_extra_dirs, scenario_dirs

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def cmd_validate(options: argparse.Namespace) -> int:
    """Print each problem (or a JSON list of them); exit 0 when there is none, else 1."""
    from partways.scenario.catalog import missing_paths, validate_paths

    paths: list[str | Path]
    if options.paths:
        # Strings, not Paths: a Path would turn "./a.yaml" into "a.yaml", and each
        # problem's PATH is shown exactly as it was typed.
        paths = list(options.paths)
        missing = missing_paths(paths)
        if missing:
            raise UsageError(f"{missing[0]}: no such file or folder")
    else:
        check_extra_dirs(options)
        paths = [p for p in scenario_dirs(options) if p.exists()]
    problems = validate_paths(paths)
    if options.json:
        print(json.dumps([p.to_json() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem.format())
        files = {p.path for p in problems}
        if problems:
            print(
                f"{len(problems)} problem{'s' * (len(problems) != 1)} "
                f"in {len(files)} file{'s' * (len(files) != 1)}",
                file=sys.stderr,
            )
    return 1 if problems else 0
