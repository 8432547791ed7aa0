"""The bundled library as a whole: the situations people face, each worth practising.

Issue 10's table, checked on the loaded catalog and its graphs (no YAML re-read):
at least 16 scenarios; every reason and every reaction of the format; every
ending type reachable; each language but English at least twice. And per
scenario: at least 10 nodes, 3 kinds of ending reachable, a ``reply`` on every
turn, no dead end, a tip on every turn where people usually fold, honest tags,
and, at difficulty 3, escalation.

Escalation, concretely. From a turn N of a difficulty-3 scenario, a *waffle
branch* is where a typed waffle goes (``reply.waffle``, else ``reply.default``)
and where every line tagged ``waffle`` goes. Each waffle branch W must:

* not be N, and not lead back to N (N is not reachable from W: waffling never
  buys a second try at the same turn);
* not be a ``clean-exit`` ending, and not be a node that firm answers from N
  reach anyway (following only ``reply.firm`` and lines tagged ``firm``):
  waffling never skips ahead to where firmness would have got you.

So a waffle either ends the talk badly (stalled, caved) or opens a turn of its
own, off the firm road, that never leads back: the client pushes harder.

And every scenario passes ``partways validate --cover`` with no finding: every
line and typed stance is walked, every walk ends, every ending is reached, and
no line contradicts where it leads. Above all (PW503), a typed waffle never
reaches the very clean exit the firm answer reaches: waffling always costs
something, a turn where the client pushes on the vagueness or a weaker ending
whose lesson says what was missing.

Run this file as a script (``python tests/unit/test_library.py``), or the tests
with ``-s``, to print the coverage table: reasons x reactions, with languages.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache

import pytest

from partways.paths import bundled_scenarios
from partways.scenario.catalog import load_catalog
from partways.scenario.graph import reachable, reaching_endings
from partways.scenario.model import Node, Scenario
from partways.scenario.walk_report import check
from partways.vocab import ENDINGS, LANGUAGES, REACTIONS, REASONS, Ending, Mood, Stance

MIN_SCENARIOS = 16
MIN_NODES = 10
MIN_ENDING_KINDS = 3
MIN_PER_LANGUAGE = 2
#: Turns where people usually fold: they get a tip.
FOLD_MOODS = frozenset({Mood.PLEADING, Mood.BARGAINING, Mood.HURT, Mood.THREATENING})
#: Tags that belong to one stance only.
STANCE_OF_TAG = {"reversal": Stance.CAVE, "blame": Stance.HOSTILE}


@cache
def library() -> tuple[Scenario, ...]:
    catalog = load_catalog([bundled_scenarios()])
    assert catalog.ok, [str(d) for d in catalog.diagnostics()]
    return tuple(catalog.scenarios)


def edges(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    return {node_id: node.targets() for node_id, node in scenario.nodes.items()}


def turns(scenario: Scenario) -> Iterator[Node]:
    return (node for node in scenario.nodes.values() if not node.is_ending)


def reached_endings(scenario: Scenario) -> set[str]:
    seen = reachable(scenario.start, edges(scenario))
    return {node.ending for node in scenario.endings if node.id in seen and node.ending}


def firm_reach(scenario: Scenario, node_id: str) -> set[str]:
    """The nodes that firm answers, one or more in a row, reach from ``node_id``."""
    firm: dict[str, list[str]] = {}
    for name, node in scenario.nodes.items():
        firm[name] = [c.next for c in node.choices if c.stance == Stance.FIRM]
        if Stance.FIRM in node.reply:
            firm[name].append(node.reply[Stance.FIRM])
    return set().union(*(reachable(target, firm) for target in firm[node_id]))


def waffle_branches(node: Node) -> set[str]:
    """Where waffling on ``node`` leads: the typed waffle route and every waffle line."""
    out = {c.next for c in node.choices if c.stance == Stance.WAFFLE}
    if node.reply:
        out.add(node.reply.get(Stance.WAFFLE, node.reply["default"]))
    return out


def escalation_problems(scenario: Scenario) -> list[str]:
    graph = edges(scenario)
    problems = []
    for node in turns(scenario):
        for target in sorted(waffle_branches(node)):
            if node.id in reachable(target, graph):
                problems.append(f"{node.id}: waffle -> {target} leads back to {node.id}")
            elif scenario.nodes[target].ending == Ending.CLEAN_EXIT:
                problems.append(f"{node.id}: waffle -> {target} is a clean exit")
            elif target in firm_reach(scenario, node.id):
                problems.append(f"{node.id}: waffle -> {target} is where firm answers go")
    return problems


def tag_problems(scenario: Scenario) -> list[str]:
    problems = []
    for node in turns(scenario):
        for n, choice in enumerate(node.choices, start=1):
            where = f"{node.id} line {n}"
            stances = [tag for tag in choice.tags if tag in Stance.__members__.values()]
            if len(stances) != 1:
                problems.append(f"{where}: one stance tag wanted, got {stances}")
                continue
            stance = stances[0]
            for tag, only in STANCE_OF_TAG.items():
                if tag in choice.tags and stance != only:
                    problems.append(f"{where}: '{tag}' on a {stance} line")
            lands = scenario.nodes[choice.next].ending
            if stance == Stance.FIRM and lands in (Ending.CAVED, Ending.BURNED_BRIDGE):
                problems.append(f"{where}: a firm line leads to {lands}")
            if stance != Stance.FIRM and lands == Ending.CLEAN_EXIT:
                problems.append(f"{where}: a {stance} line leads to a clean exit")
        for stance, target in node.reply.items():
            lands = scenario.nodes[target].ending
            if stance == Stance.FIRM and lands in (Ending.CAVED, Ending.BURNED_BRIDGE):
                problems.append(f"{node.id} reply firm leads to {lands}")
            if stance in (Stance.CAVE, Stance.HOSTILE) and lands == Ending.CLEAN_EXIT:
                problems.append(f"{node.id} reply {stance} leads to a clean exit")
    return problems


def table(scenarios: tuple[Scenario, ...]) -> str:
    """Reasons down, reactions across; each cell lists the languages (and counts)."""
    cells: dict[tuple[str, str], list[str]] = {}
    for s in scenarios:
        cells.setdefault((s.reason, s.reaction), []).append(s.language)
    width = max(len(r) for r in REASONS) + 1
    col = max(len(r) for r in REACTIONS) + 1
    lines = [(" " * width + "".join(r.ljust(col) for r in REACTIONS)).rstrip()]
    for reason in REASONS:
        row = "".join(",".join(sorted(cells.get((reason, r), []))).ljust(col) for r in REACTIONS)
        lines.append(reason.ljust(width) + row.rstrip())
    langs = Counter(s.language for s in scenarios)
    levels = Counter(s.difficulty for s in scenarios)
    lines.append("")
    lines.append(f"{len(scenarios)} scenarios; " + ", ".join(f"{k} {langs[k]}" for k in LANGUAGES))
    lines.append("difficulty: " + ", ".join(f"{k}: {levels[k]}" for k in sorted(levels)))
    return "\n".join(lines)


# -- the library ---------------------------------------------------------------


def test_print_the_coverage_table() -> None:
    print("\n" + table(library()))


def test_enough_scenarios() -> None:
    assert len(library()) >= MIN_SCENARIOS


def test_every_reason_and_reaction_appears() -> None:
    assert {s.reason for s in library()} == set(REASONS)
    assert {s.reaction for s in library()} == set(REACTIONS)


def test_every_ending_type_is_reachable_somewhere() -> None:
    reached: set[str] = set()
    for scenario in library():
        reached |= reached_endings(scenario)
    assert reached == set(ENDINGS)


def test_each_language_but_english_has_two_scenarios() -> None:
    counts = Counter(s.language for s in library())
    for lang in LANGUAGES:
        if lang != "en":
            assert counts[lang] >= MIN_PER_LANGUAGE, (lang, counts)


def test_every_difficulty_is_represented() -> None:
    assert {s.difficulty for s in library()} == {1, 2, 3}


# -- each scenario -------------------------------------------------------------


def scenario_ids() -> list[str]:
    return sorted(path.stem for path in bundled_scenarios().glob("*.yaml"))


def by_id(scenario_id: str) -> Scenario:
    [scenario] = [s for s in library() if s.path is not None and s.path.stem == scenario_id]
    assert scenario.id == scenario_id, "the file is named after its id"
    return scenario


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_shape(scenario_id: str) -> None:
    scenario = by_id(scenario_id)
    assert len(scenario.nodes) >= MIN_NODES
    assert len(reached_endings(scenario)) >= MIN_ENDING_KINDS
    assert Ending.CLEAN_EXIT in reached_endings(scenario)
    graph = edges(scenario)
    assert reachable(scenario.start, graph) == set(scenario.nodes)
    assert reaching_endings(graph, [n.id for n in scenario.endings]) == set(scenario.nodes)


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_every_turn_takes_a_typed_reply_and_folding_turns_have_a_tip(scenario_id: str) -> None:
    scenario = by_id(scenario_id)
    for node in turns(scenario):
        assert node.reply, f"{node.id}: no reply"
        assert len(node.choices) >= 2, f"{node.id}: fewer than two lines"
        if node.mood in FOLD_MOODS:
            assert node.tip, f"{node.id}: a {node.mood} turn without a tip"
    for node in scenario.endings:
        assert node.lesson, f"{node.id}: an ending without a lesson"


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_coach_notes_are_honest_and_each_its_own(scenario_id: str) -> None:
    scenario = by_id(scenario_id)
    assert tag_problems(scenario) == []
    notes = [c.coach for node in turns(scenario) for c in node.choices]
    repeated = [note for note, count in Counter(notes).items() if count > 1]
    assert repeated == []


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_hard_scenarios_escalate(scenario_id: str) -> None:
    scenario = by_id(scenario_id)
    if scenario.difficulty < 3:
        pytest.skip("escalation is for difficulty 3")
    assert escalation_problems(scenario) == []
    # and waffling is possible somewhere: the rule is not met by having no waffle lines
    assert any(waffle_branches(node) for node in turns(scenario))


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_cover_finds_nothing(scenario_id: str) -> None:
    """What ``partways validate scenarios --cover`` reports for this file: no warning."""
    scenario = by_id(scenario_id)
    report = check(scenario, f"scenarios/{scenario_id}.yaml", full=True)
    assert [finding.format() for finding in report.findings] == []
    assert report.untaken == []


def test_cover_catches_a_waffle_that_costs_nothing() -> None:
    """The check above can fail: a typed waffle to the firm answer's clean exit is PW503."""
    free = {
        "a": Node("a", client="?", reply={"firm": "end", "waffle": "end", "default": "end"}),
        "end": Node("end", ending="clean-exit"),
    }
    found = check(_scenario(free), "t.yaml", full=True).findings
    assert [finding.code for finding in found] == ["PW503"]


def test_escalation_rule_catches_a_waffle_that_loops_back() -> None:
    loop = {
        "a": Node("a", client="?", choices=(), reply={"waffle": "b", "default": "end"}),
        "b": Node("b", client="?", choices=(), reply={"default": "a"}),
        "end": Node("end", ending="clean-exit"),
    }
    assert "a: waffle -> b leads back to a" in escalation_problems(_scenario(loop))


def test_escalation_rule_catches_a_waffle_that_skips_ahead() -> None:
    shortcut = {
        "a": Node("a", client="?", reply={"firm": "b", "waffle": "c", "default": "c"}),
        "b": Node("b", client="?", reply={"firm": "c", "default": "c"}),
        "c": Node("c", client="?", reply={"default": "end"}),
        "end": Node("end", ending="clean-exit"),
    }
    assert "a: waffle -> c is where firm answers go" in escalation_problems(_scenario(shortcut))


def _scenario(nodes: Mapping[str, Node]) -> Scenario:
    return Scenario(
        id="t",
        title="t",
        language="en",
        reaction="angry",
        reason="other",
        summary="t",
        client="C",
        start="a",
        nodes=dict(nodes),
        difficulty=3,
    )


if __name__ == "__main__":
    print(table(library()))
    for s in library():
        extra = escalation_problems(s) if s.difficulty == 3 else []
        problems = tag_problems(s) + extra
        ends = ",".join(sorted(reached_endings(s)))
        print(f"{s.id:32} {s.language} d{s.difficulty} {len(s.nodes):3} nodes  {ends}")
        for problem in problems:
            print("   ", problem)
    sys.exit(0)
