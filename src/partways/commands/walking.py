"""``partways validate --walk N [--seed S]`` and ``--cover``: the valid scenarios played
through, each with a short report, then what the whole set covers.

The text report, per scenario: how often each ending was reached, the longest
walk (with the seed that replays it), the moves no walk took, the turns past
which no clean exit is left, then each finding as ``PATH:LINE:COLUMN: warning:
MESSAGE [PW5xx]``. ``--json`` prints one object instead. Exit 1 when a file has
a problem or a walk reached no ending; warnings alone exit 0.
"""

from __future__ import annotations

import json
import random
from collections import Counter

from partways.commands.validate import count_problems
from partways.scenario.catalog import Catalog
from partways.scenario.diagnostics import shown
from partways.scenario.library import coverage_table
from partways.scenario.library import to_json as library_json
from partways.scenario.walk import Walk
from partways.scenario.walk_report import Report, check
from partways.text import visible

#: A walk shown as a path keeps this many nodes at each end.
SHOWN_ENDS = 4


def walk_catalog(catalog: Catalog, as_json: bool, walks: int | None, seed: int | None) -> int:
    """Validate, then walk (``walks`` random walks from ``seed``) or cover (``walks`` None)."""
    if walks is not None and seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    problems = catalog.diagnostics()
    reports = [
        check(s, _display(catalog, s.id), walks or 0, seed or 0, full=walks is None)
        for s in catalog.scenarios
    ]
    errors = [f for r in reports for f in r.findings if f.severity == "error"]
    if as_json:
        print(json.dumps(_as_json(catalog, reports, walks, seed), ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem.format())
        for report in reports:
            print("\n".join(report_lines(report)))
        if len(catalog.scenarios) > 1:
            print()
            for line in coverage_table(catalog.scenarios).splitlines():
                print(visible(line))
        warnings = [f for r in reports for f in r.findings if f.severity != "error"]
        count_problems(len(problems) + len(errors), len({p.path for p in problems + errors}))
        count_problems(len(warnings), len({w.path for w in warnings}), "warning")
    return 1 if problems or errors else 0


def _display(catalog: Catalog, scenario_id: str) -> str:
    scenario = catalog.find(scenario_id)
    return str(scenario.path) if scenario is not None and scenario.path else scenario_id


def path_text(walk: Walk) -> str:
    """``'open' → 'a' → … → 'done'``: the nodes of a walk, long ones cut in the middle."""
    nodes = [f"'{shown(name)}'" for name in walk.nodes]
    if len(nodes) > 2 * SHOWN_ENDS + 1:
        nodes = [*nodes[:SHOWN_ENDS], "…", *nodes[-SHOWN_ENDS:]]
    return " → ".join(nodes)


def _percent(count: int, total: int) -> str:
    return f"{100 * count / total:.0f}%" if total else "0%"


def endings_text(report: Report) -> str:
    """``clean-exit 5% (walked-out 2%, cold-exit 3%); caved 22% (gave-in)``."""
    reached, total = report.reached, len(report.walks)
    by_kind: dict[str, list[str]] = {}
    for node in report.scenario.endings:
        by_kind.setdefault(node.ending or "", []).append(node.id)
    parts = []
    for kind, names in by_kind.items():
        count = sum(reached[name] for name in names)
        each = ", ".join(f"'{shown(n)}' {_percent(reached[n], total)}" for n in names)
        parts.append(f"{kind} {_percent(count, total)} ({each})")
    return "; ".join(parts)


def report_lines(report: Report) -> list[str]:
    """The text report of one scenario (its findings last)."""
    scenario = report.scenario
    if report.mode == "cover":
        what = f"{len(report.walks)} paths cover every line and typed stance"
    else:
        seed = report.seed or 0
        what = f"{len(report.walks)} walks, seeds {seed}–{seed + len(report.walks) - 1}"
    lines = [f"{visible(report.display)}: {shown(scenario.id)}, {what}"]
    lines.append(f"  endings    {endings_text(report)}")
    longest = report.longest
    if longest is not None:
        replay = f", seed {longest.seed}" if longest.seed is not None else ""
        lines.append(f"  longest    {len(longest.moves)} lines{replay}: {path_text(longest)}")
    taken = report.moves_total - len(report.untaken)
    never = ", ".join(f"'{shown(m.node)}' {m.label}" for m in report.untaken[:6])
    more = " …" if len(report.untaken) > 6 else ""
    lines.append(
        f"  taken      {taken} of {report.moves_total} moves"
        + (f"; never: {never}{more}" if never else "")
    )
    if report.no_return:
        lost = ", ".join(f"'{shown(name)}'" for name in report.no_return)
        lines.append(f"  no return  no clean exit can be reached from {lost}")
    lines.extend(finding.format() for finding in report.findings)
    return lines


def report_json(report: Report) -> dict[str, object]:
    """One scenario's report as JSON (every walk that failed, the cover paths)."""
    reached: Counter[str] = report.reached
    out: dict[str, object] = {
        "id": report.scenario.id,
        "path": report.display,
        "walks": len(report.walks),
        "endings": {
            node.id: {"ending": node.ending, "reached": reached[node.id]}
            for node in report.scenario.endings
        },
        "longest": report.longest.to_json() if report.longest else None,
        "moves": report.moves_total,
        "untaken": [move.to_json() for move in report.untaken],
        "no_return": report.no_return,
        "failures": [walk.to_json() for walk in report.failures],
        "findings": [finding.to_json() for finding in report.findings],
    }
    if report.mode == "cover":
        out["paths"] = [walk.to_json() for walk in report.walks]
    return out


def _as_json(
    catalog: Catalog, reports: list[Report], walks: int | None, seed: int | None
) -> dict[str, object]:
    return {
        "mode": "cover" if walks is None else "walk",
        "seed": seed,
        "problems": [p.to_json() for p in catalog.diagnostics()],
        "scenarios": [report_json(report) for report in reports],
        "library": library_json(catalog.scenarios),
    }
