"""What a set of scenarios covers: reasons × reactions (with each cell's languages),
and languages × endings, as Markdown tables a terminal shows as they are.

``partways validate --walk`` prints it under the walks of a folder; the project's
README carries the bundled library's. Plain Python.
"""

from __future__ import annotations

from collections.abc import Sequence

from partways.scenario.model import Scenario
from partways.vocab import ENDINGS, LANGUAGES, REACTIONS, REASONS

__all__ = ["coverage_table", "gaps", "to_json"]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _grid(scenarios: Sequence[Scenario]) -> list[str]:
    lines = [_row(["reason", *REACTIONS])]
    lines.append(_row(["---"] * (len(REACTIONS) + 1)))
    for reason in REASONS:
        cells = [reason]
        for reaction in REACTIONS:
            langs = [s.language for s in scenarios if s.reason == reason and s.reaction == reaction]
            cells.append(" ".join(sorted(langs, key=LANGUAGES.index)) or "·")
        lines.append(_row(cells))
    return lines


def _endings(scenarios: Sequence[Scenario]) -> list[str]:
    lines = [_row(["language", "scenarios", *ENDINGS])]
    lines.append(_row(["---"] * (len(ENDINGS) + 2)))
    for language in (*LANGUAGES, "all"):
        mine = [s for s in scenarios if language in ("all", s.language)]
        kinds = [{node.ending for node in s.endings} for s in mine]
        counts = [str(sum(ending in found for found in kinds)) for ending in ENDINGS]
        lines.append(_row([language, str(len(mine)), *counts]))
    return lines


def gaps(scenarios: Sequence[Scenario]) -> list[str]:
    """What the set lacks: each reason and reaction with no scenario, each language with
    fewer than two, each ending no scenario has."""
    missing = [f"reason '{r}'" for r in REASONS if not any(s.reason == r for s in scenarios)]
    missing += [f"reaction '{r}'" for r in REACTIONS if not any(s.reaction == r for s in scenarios)]
    missing += [
        f"language '{lang}' ({n} scenario{'s' * (n != 1)})"
        for lang in LANGUAGES
        if (n := sum(s.language == lang for s in scenarios)) < 2
    ]
    missing += [
        f"ending '{e}'"
        for e in ENDINGS
        if not any(n.ending == e for s in scenarios for n in s.endings)
    ]
    return missing


def coverage_table(scenarios: Sequence[Scenario]) -> str:
    """The two tables and the gaps, as Markdown."""
    parts = [
        f"{len(scenarios)} scenario{'s' * (len(scenarios) != 1)}: "
        "reasons × reactions (the languages written for each)",
        "",
        *_grid(scenarios),
        "",
        "Languages × endings (how many scenarios can end each way)",
        "",
        *_endings(scenarios),
        "",
    ]
    missing = gaps(scenarios)
    parts.append("Missing: " + ", ".join(missing) if missing else "Nothing missing.")
    return "\n".join(parts)


def to_json(scenarios: Sequence[Scenario]) -> dict[str, object]:
    """The same as JSON: the scenario ids in each reason × reaction cell, and so on."""
    return {
        "scenarios": len(scenarios),
        "grid": {
            reason: {
                reaction: [s.id for s in scenarios if s.reason == reason and s.reaction == reaction]
                for reaction in REACTIONS
            }
            for reason in REASONS
        },
        "languages": {lang: [s.id for s in scenarios if s.language == lang] for lang in LANGUAGES},
        "endings": {
            ending: [s.id for s in scenarios if any(n.ending == ending for n in s.endings)]
            for ending in ENDINGS
        },
        "missing": gaps(scenarios),
    }
