"""``partways map SCENARIO [--path NODE,...]``: a scenario as a tree, endings marked.

On a terminal the tree is drawn with Rich, in colour (the path bold, clean exits
green, the other endings red, turns drawn elsewhere dim); otherwise, or with
``NO_COLOR``, as plain lines. Scenario text is shown literally either way.
"""

from __future__ import annotations

import os
import sys

from partways.commands.common import PROG, UsageError, check_extra_dirs, scenario_dirs

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import IO

    from partways.scenario.model import Scenario
    from partways.scenario.tree import Item


def cmd_map(options: argparse.Namespace) -> int:
    """Print the map; exit 1 for a file that is not a valid scenario or an unknown id,
    2 for a missing file or a path through nodes the scenario does not have."""
    from partways.scenario.tree import layout
    from partways.text import visible

    scenario = _find(options)
    if scenario is None:
        return 1
    path = [step.strip() for step in (options.path or "").split(",") if step.strip()]
    unknown = [step for step in path if step not in scenario.nodes]
    if unknown:
        raise UsageError(f"--path: '{visible(unknown[0])}' is not a node of '{scenario.id}'")
    root = layout(scenario, path)
    if _colour(sys.stdout):
        _print_rich(scenario, root)
    else:
        _print_plain(scenario, root)
    return 0


def _find(options: argparse.Namespace) -> Scenario | None:
    """The scenario named (a file, else an id among the packs); None after saying why."""
    from pathlib import Path

    from partways.text import visible

    wanted: str = options.scenario
    path = Path(wanted).expanduser()
    if path.suffix.lower() in (".yaml", ".yml") or path.is_file():
        from partways.scenario.catalog import missing_paths
        from partways.scenario.loader import load_file

        if missing_paths([path]):
            raise UsageError(f"{visible(wanted)}: no such file")
        scenario, problems = load_file(path, wanted)
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        if scenario is None:
            print(f"{PROG}: {visible(wanted)} is not a valid scenario", file=sys.stderr)
        return scenario
    from difflib import get_close_matches

    from partways.scenario.catalog import load_catalog

    check_extra_dirs(options)
    catalog = load_catalog([p for p in scenario_dirs(options) if p.exists()])
    found = catalog.find(wanted)
    if found is None:
        hint = get_close_matches(wanted, [s.id for s in catalog.scenarios], n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        print(
            f"{PROG}: error: no scenario with id '{visible(wanted)}'{suggestion}", file=sys.stderr
        )
    return found


def _colour(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def heading(scenario: Scenario) -> str:
    """``Title (id): language, reaction, reason, difficulty N``."""
    return (
        f"{scenario.title} ({scenario.id}): {scenario.language}, {scenario.reaction}, "
        f"{scenario.reason}, difficulty {scenario.difficulty}"
    )


LEGEND = "✓ clean exit  ✗ caved or burned bridge  … stalled  ▶ the path given"


def _print_plain(scenario: Scenario, root: Item) -> None:
    from partways.scenario.tree import lines
    from partways.text import visible

    print(visible(heading(scenario)))
    print(LEGEND)
    for line in lines(root):
        print(visible(line))


def style_of(item: Item) -> str:
    """The Rich style of an item's label."""
    from partways.scenario.tree import AGAIN, ENDING
    from partways.vocab import Ending

    if item.kind == ENDING:
        style = "green" if item.ending == Ending.CLEAN_EXIT else "red"
    else:
        style = "dim" if item.kind == AGAIN else ""
    return f"bold reverse {style}".strip() if item.on_path else style


def _print_rich(scenario: Scenario, root: Item) -> None:
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    from partways.scenario.tree import label
    from partways.text import strip_control

    def text(item: Item) -> Text:
        # Text(...) never reads markup: '[bold]' in a scenario stays as written.
        return Text(strip_control(label(item)), style=style_of(item))

    tree = Tree(text(root), guide_style="dim")
    stack = [(tree, child) for child in reversed(root.children)]
    while stack:
        parent, item = stack.pop()
        branch = parent.add(text(item))
        stack.extend((branch, child) for child in reversed(item.children))
    console = Console(highlight=False)
    console.print(Text(strip_control(heading(scenario)), style="bold"))
    legend = LEGEND.replace("▶ the path given", "")
    console.print(Text.assemble((legend, "dim"), ("the path given", "bold reverse")))
    console.print(tree)
