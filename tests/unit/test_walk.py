"""Walking scenarios: seeded random walks, covering paths, and what they find,
on small graphs made for each case; and the bundled library, walked."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from partways.cli import main
from partways.paths import bundled_scenarios
from partways.scenario.catalog import load_catalog
from partways.scenario.library import coverage_table, gaps
from partways.scenario.loader import load_text
from partways.scenario.model import Scenario
from partways.scenario.walk import Move, cover, moves, random_walk
from partways.scenario.walk_report import WalkCode, check, no_return, stance_of

HEAD = """\
format: 1
id: {id}
title: A walk
language: en
reaction: pushback
reason: other
summary: Short.
client: Dana
start: open
nodes:
"""


def scenario(nodes: str, scenario_id: str = "walk-test") -> Scenario:
    text = HEAD.format(id=scenario_id) + textwrap.indent(textwrap.dedent(nodes), "  ")
    loaded, problems = load_text(text, "walk.yaml")
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def line(target: str, *tags: str) -> str:
    return f'{{say: "Line.", next: {target}, coach: Why., tags: [{", ".join(tags)}]}}'


ENDS = """\
done: {ending: clean-exit}
gave-in: {ending: caved}
fight: {ending: burned-bridge}
drift: {ending: stalled}
"""

#: open: two lines and a reply; 'firm' and 'hostile' have their own branch.
BRANCHY = (
    f"""\
open:
  client: Well?
  choices: [{line("done", "firm")}, {line("fight", "hostile")}]
  reply: {{firm: done, hostile: fight, default: middle}}
middle:
  client: And?
  choices: [{line("done", "decision")}, {line("gave-in", "cave")}, {line("drift")}]
"""
    + ENDS
)


def test_the_moves_of_a_turn_are_its_lines_then_one_typed_reply_per_stance() -> None:
    node = scenario(BRANCHY).nodes["open"]
    assert moves(node) == (
        Move("open", "done", pick=1),
        Move("open", "fight", pick=2),
        Move("open", "fight", stance="hostile"),
        Move("open", "middle", stance="cave"),  # no 'cave' branch: the default
        Move("open", "middle", stance="waffle"),
        Move("open", "done", stance="firm"),
    )
    assert [m.label for m in moves(node)][1:3] == ["line 2", "typed hostile"]
    assert moves(scenario(BRANCHY).nodes["done"]) == ()


def test_a_walk_is_the_same_for_the_same_seed_and_walk_k_replays_alone() -> None:
    s = scenario(BRANCHY)
    assert random_walk(s, 7) == random_walk(s, 7)
    runs = check(s, "walk.yaml", walks=50, seed=100).walks
    assert runs[13] == random_walk(s, 113)
    assert {walk.seed for walk in runs} == set(range(100, 150))
    assert len({walk.nodes for walk in runs}) > 1  # the seeds do differ
    for walk in runs:
        assert walk.ending is not None
        assert walk.nodes[0] == "open" and s.nodes[walk.end].ending == walk.ending


def test_cover_takes_every_line_and_every_typed_stance() -> None:
    s = scenario(BRANCHY)
    paths = cover(s)
    taken = {move for path in paths for move in path.moves}
    assert taken == set(moves(s.nodes["open"])) | set(moves(s.nodes["middle"]))
    assert all(path.ending is not None and path.nodes[0] == "open" for path in paths)
    assert cover(s) == paths  # no randomness
    report = check(s, "walk.yaml", full=True)
    assert report.untaken == [] and report.moves_total == 9
    assert {WalkCode.NEVER_REACHED} & {f.code for f in report.findings} == set()


def loops(depth: int) -> str:
    """A ladder: each rung has one line up and twelve moves back to the bottom."""
    rungs = []
    for i in range(depth):
        up = f"r{i + 1}" if i + 1 < depth else "done"
        back = ", ".join(line("open") for _ in range(8))
        name = "open" if i == 0 else f"r{i}"
        rungs.append(
            f"{name}:\n  client: Again?\n  choices: [{line(up)}, {back}]\n"
            "  reply: {default: open}\n"
        )
    return "".join(rungs) + ENDS.split("\n")[0] + "\n"


def test_a_walk_that_finds_no_ending_in_time_is_an_error_that_names_its_seed() -> None:
    s = scenario(loops(4))
    stuck = random_walk(s, 3, limit=30)
    assert stuck.ending is None and len(stuck.moves) == 30
    report = check(s, "walk.yaml", walks=5, seed=3, limit=30)
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors and all(f.code == WalkCode.NO_ENDING for f in errors)
    assert "--walk 1 --seed 3" in errors[0].format()
    assert errors[0].format().startswith("walk.yaml:11:3: error: the walk seeded 3 ")
    assert not report.ok
    # Cover paths still end: they fall back to the shortest way out.
    assert all(path.ending == "clean-exit" for path in cover(s, limit=30))


NO_WAY_BACK = (
    f"""\
open:
  client: Well?
  choices: [{line("done", "firm")}, {line("soft", "cave")}, {line("soft", "firm")}]
soft:
  client: So you stay?
  choices: [{line("gave-in")}, {line("drift", "waffle")}]
  reply: {{firm: gave-in, hostile: fight, default: gave-in}}
"""
    + ENDS
)


def codes(report_findings: list[object]) -> list[str]:
    return [getattr(f, "code") for f in report_findings]  # noqa: B009


def test_no_return_lists_the_turns_past_which_no_clean_exit_is_left() -> None:
    s = scenario(NO_WAY_BACK)
    assert no_return(s) == ["soft"]
    assert no_return(scenario(BRANCHY)) == []


def test_lines_that_contradict_where_they_lead_are_warnings() -> None:
    s = scenario(NO_WAY_BACK)
    found = check(s, "walk.yaml", full=True).findings
    messages = [f.format() for f in found]
    assert codes(found) == ["PW504", "PW502"], messages
    assert "line 3 of node 'open' is firm but leads to 'soft'" in messages[0]
    assert (
        "the typed 'firm' reply of node 'soft' is firm but leads straight to a 'caved'"
        in (messages[1])
    )
    assert all(f.severity == "warning" for f in found)
    soft = scenario(
        f"""\
open:
  client: Well?
  choices: [{line("done", "waffle")}, {line("done", "blame")}, {line("gave-in")}]
  reply: {{cave: done, firm: drift, default: fight}}
"""
        + ENDS
    )
    found = check(soft, "walk.yaml", full=True).findings
    assert codes(found) == ["PW503", "PW503", "PW503", "PW502"], [f.format() for f in found]


@pytest.mark.parametrize(
    ("tags", "stance"),
    [
        ((), None),
        (("decision", "gratitude"), "firm"),
        (("decision", "reversal"), "cave"),
        (("decision", "blame"), "hostile"),
        (("hedge", "apology"), None),
        (("waffle", "decision"), "waffle"),
        (("firm", "blame"), "firm"),  # a stance tag is the author's word, as in the engine
    ],
)
def test_a_lines_stance_comes_from_its_tags(tags: tuple[str, ...], stance: str | None) -> None:
    s = scenario(f"open:\n  client: Hm?\n  choices: [{line('done', *tags)}]\n" + ENDS[:27])
    assert stance_of(s.nodes["open"].choices[0]) == stance


def test_endings_no_walk_reached_are_warnings_of_a_walk_run_only() -> None:
    s = scenario(BRANCHY)
    one = check(s, "walk.yaml", walks=1, seed=0)
    assert WalkCode.NEVER_REACHED in codes(one.findings)
    assert sum(one.reached.values()) == 1 and one.ok


# -- the library ---------------------------------------------------------------


def test_the_coverage_table_lists_each_cell_and_what_is_missing() -> None:
    s = scenario(BRANCHY)
    table = coverage_table([s])
    assert "| other | en | · |" in table
    assert "| en | 1 | 1 | 1 | 1 | 1 |" in table
    assert "reason 'nonpayment'" in table and "reaction 'angry'" in table
    assert "language 'sv' (0 scenarios)" in gaps([s])
    assert "ending" not in " ".join(gaps([s]))


def test_every_bundled_scenario_walks_to_an_ending_and_covers_every_move() -> None:
    catalog = load_catalog([bundled_scenarios()])
    assert catalog.ok and catalog.scenarios
    for s in catalog.scenarios:
        full = check(s, s.id, full=True)
        assert full.ok and full.untaken == [], s.id
        walked = check(s, s.id, walks=50, seed=1)
        assert walked.ok, [f.format() for f in walked.findings]


# -- the command ---------------------------------------------------------------


def write(folder: Path, name: str, nodes: str, scenario_id: str) -> str:
    path = folder / name
    path.write_text(
        HEAD.format(id=scenario_id) + textwrap.indent(textwrap.dedent(nodes), "  "),
        encoding="utf-8",
    )
    return str(path)


def test_validate_walk_prints_a_report_per_scenario_and_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.yaml", BRANCHY, "walk-a")
    write(tmp_path, "b.yaml", NO_WAY_BACK, "walk-b")
    assert main(["validate", str(tmp_path), "--walk", "20", "--seed", "5"]) == 0
    out, err = capsys.readouterr()
    assert f"{tmp_path}/a.yaml: walk-a, 20 walks, seeds 5–24\n  endings    clean-exit " in out
    assert "  no return  no clean exit can be reached from 'soft'" in out
    assert "warning:" in out and "[PW504]" in out
    assert "2 scenarios: reasons × reactions" in out
    assert err.endswith(" warnings in 1 file\n") or err.endswith(" warnings in 2 files\n")
    assert main(["validate", str(tmp_path), "--walk", "20", "--seed", "5"]) == 0
    assert capsys.readouterr().out == out  # the same seed, the same report


def test_validate_cover_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yaml", BRANCHY, "walk-a")
    assert main(["validate", path, "--cover", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["mode"] == "cover" and report["problems"] == []
    (only,) = report["scenarios"]
    assert only["id"] == "walk-a" and only["untaken"] == [] and only["moves"] == 9
    assert set(only["endings"]) == {"done", "gave-in", "fight", "drift"}
    assert all(p["nodes"][0] == "open" for p in only["paths"])
    assert report["library"]["grid"]["other"]["pushback"] == ["walk-a"]


def test_validate_walk_fails_on_a_stuck_walk_and_on_a_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "ladder.yaml", loops(6), "ladder")
    assert main(["validate", path, "--walk", "3", "--seed", "1", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    failures = report["scenarios"][0]["failures"]
    assert failures and failures[0]["ending"] is None and failures[0]["seed"] in (1, 2, 3)
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\n", encoding="utf-8")
    assert main(["validate", str(broken), "--cover"]) == 1
    assert "[PW102]" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--walk", "0"], "--walk 0: give a number of walks from 1 to 1,000,000"),
        (["--seed", "4"], "--seed goes with --walk N"),
        (["--walk", "2", "--cover"], "not allowed with argument"),
        (["--walk", "many"], "invalid int value"),
    ],
)
def test_validate_walk_bad_arguments_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["validate", *args])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err and "Traceback" not in err


def test_every_walk_code_is_in_the_authoring_guide() -> None:
    import re

    from partways.scenario.walk_report import WALK_MEANINGS
    from tests.conftest import ROOT

    guide = (ROOT / "scenarios" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (PW5\d\d) \| (error|warning) \|", guide, flags=re.MULTILINE)
    assert [code for code, _ in rows] == [code.value for code in WalkCode]
    assert list(WALK_MEANINGS) == list(WalkCode)
    assert dict(rows)["PW501"] == "error"


def test_a_softer_answer_may_reach_a_lesser_clean_exit_than_the_firm_one() -> None:
    """PW503 is for waffling that costs nothing: the same clean exit as the firm
    answer, or a clean exit where the firm answer does worse. A second clean-exit
    ending, reached only by the softer answer, is the author modelling the cost."""
    lesser = scenario(
        f"""\
open:
  client: Well?
  choices: [{line("done", "firm")}, {line("no-paper", "waffle")}, {line("gave-in", "cave")}]
  reply: {{firm: done, waffle: no-paper, hostile: fight, default: drift}}
no-paper:
  client: Fine, but send it in writing.
  ending: clean-exit
  lesson: Nothing in writing.
"""
        + ENDS
    )
    assert not check(lesser, "walk.yaml", full=True).findings
    on = scenario(
        f"""\
open:
  client: Well?
  choices: [{line("next", "firm")}, {line("no-paper", "waffle")}, {line("gave-in", "cave")}]
  reply: {{firm: next, waffle: no-paper, hostile: fight, default: drift}}
next:
  client: And then?
  choices: [{line("done", "firm")}, {line("gave-in", "cave")}]
  reply: {{firm: done, cave: gave-in, hostile: fight, default: drift}}
no-paper:
  client: Fine.
  ending: clean-exit
  lesson: Nothing in writing.
"""
        + ENDS
    )
    assert not check(on, "walk.yaml", full=True).findings  # firm goes on; waffle ends lesser
    same = scenario(
        f"""\
open:
  client: Well?
  choices: [{line("done", "firm")}, {line("done", "waffle")}, {line("gave-in", "cave")}]
  reply: {{firm: done, hostile: fight, default: drift}}
"""
        + ENDS
    )
    assert codes(check(same, "walk.yaml", full=True).findings) == ["PW503"]
