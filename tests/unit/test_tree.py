"""The conversation map's layout (scenario/tree.py) and ``partways map``."""

from __future__ import annotations

import pytest

from partways.cli import main
from partways.scenario.tree import AGAIN, ENDING, TURN, Item, excerpt, label, layout, lines
from tests.conftest import ROOT
from tests.unit.test_walk import BRANCHY, ENDS, line, scenario

LOOPY = (
    f"""\
open:
  client: "[bold]Well?[/bold]"
  choices: [{line("middle", "firm")}, {line("open", "waffle")}]
  reply: {{firm: middle, default: open}}
middle:
  client: And?
  choices: [{line("done", "decision")}, {line("open", "cave")}, {line("gave-in")}]
  reply: {{hostile: fight, waffle: drift, default: done}}
"""
    + ENDS
)


def walk(item: Item) -> list[Item]:
    found = [item]
    for child in item.children:
        found.extend(walk(child))
    return found


def test_each_turn_is_drawn_in_full_once_and_endings_wherever_reached() -> None:
    s = scenario(LOOPY)
    root = layout(s)
    items = walk(root)
    full = [i.node for i in items if i.kind == TURN]
    assert full == ["open", "middle"]
    assert {i.node for i in items if i.kind == AGAIN} == {"open", "middle"}
    assert sorted(i.node for i in items if i.kind == ENDING) == [
        "done",
        "done",
        "drift",
        "fight",
        "gave-in",
    ]
    assert [c.way for c in root.children] == ["1", "2", "typed hostile, cave, waffle", "typed firm"]
    middle = root.children[0]
    assert [c.way for c in middle.children] == [
        "1",
        "2",
        "3",
        "typed hostile",
        "typed cave, firm",
        "typed waffle",
    ]
    assert not any(i.on_path for i in items)


def test_a_path_is_marked_step_by_step_and_drawn_along_its_way() -> None:
    s = scenario(LOOPY)
    root = layout(s, ["open", "open", "middle", "gave-in"], [2, "firm", 3])
    assert root.on_path
    marked = [(i.way, i.node) for i in walk(root) if i.on_path]
    assert marked == [("", "open"), ("2", "open"), ("typed firm", "middle"), ("3", "gave-in")]
    # Without the ways, every way between two nodes of the path is marked.
    loose = [(i.way, i.node) for i in walk(layout(s, ["open", "middle"])) if i.on_path]
    assert loose == [("", "open"), ("1", "middle"), ("typed firm", "middle")]


def test_a_path_places_its_turns_first() -> None:
    s = scenario(BRANCHY)
    root = layout(s, ["open", "middle"])
    assert [c.kind for c in root.children] == [ENDING, ENDING, ENDING, TURN, ENDING]
    assert root.children[3].stances == ("cave", "waffle") and root.children[3].on_path


def test_labels_quote_the_text_cut_short_and_mark_endings() -> None:
    s = scenario(LOOPY)
    root = layout(s)
    assert label(root) == "'open': “[bold]Well?[/bold]”"
    first = root.children[0]
    assert label(first) == "1 firm “Line.” → 'middle': “And?”"
    assert label(root.children[1]) == "2 waffle “Line.” → 'open' (again)"
    assert label(first.children[0]) == "1 “Line.” → ✓ clean-exit 'done'"
    assert label(first.children[2]) == "3 “Line.” → ✗ caved 'gave-in'"
    assert excerpt("a  b\nc") == "a b c"
    assert excerpt("x" * 60, 10) == "x" * 9 + "…"


def test_plain_lines_draw_the_guides() -> None:
    text = lines(layout(scenario(LOOPY), ["open", "middle"]))
    assert text[0] == "▶ 'open': “[bold]Well?[/bold]”"
    assert text[1] == "├── ▶ 1 firm “Line.” → 'middle': “And?”"
    assert text[2] == "│   ├── 1 “Line.” → ✓ clean-exit 'done'"
    assert text[-2] == "├── typed hostile, cave, waffle → 'open' (again)"
    assert text[-1] == "└── ▶ typed firm → 'middle' (again)"


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    chain = "".join(
        f"n{i}:\n  client: Hm.\n  choices: [{line(f'n{i + 1}' if i < 2999 else 'done')}]\n"
        for i in range(3000)
    ).replace("n0:", "open:", 1)
    s = scenario(chain + "done: {ending: clean-exit}\n")
    assert len(lines(layout(s))) == 3001


# -- partways map ----------------------------------------------------------------


def test_map_of_a_file_prints_plain_lines_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(ROOT / "tests" / "fixtures" / "scenarios" / "fixture-markup.yaml")
    assert main(["map", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("✓ clean exit")
    assert out[2].startswith("'")
    assert any("├── " in line for line in out)
    assert "\x1b" not in "".join(out)


def test_map_by_id_with_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", "pushback-scope-creep", "--path", "open, surprised"]) == 0
    out = capsys.readouterr().out
    assert "├── ▶ 1 firm “Thanks for the trust" in out


def test_map_on_a_terminal_draws_a_rich_tree_with_markup_shown_literally(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import partways.commands.map as command

    monkeypatch.setattr(command, "_colour", lambda stream: True)
    path = str(ROOT / "tests" / "fixtures" / "scenarios" / "fixture-markup.yaml")
    assert main(["map", path]) == 0
    out = capsys.readouterr().out
    assert "[" in out  # the fixture's brackets are printed as written


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["no-such-id"], 1, "partways: error: no scenario with id 'no-such-id'"),
        (["pushback-scope-crep"], 1, "did you mean 'pushback-scope-creep'?"),
        (["no/such.yaml"], 2, "partways: error: no/such.yaml: no such file"),
        (["pushback-scope-creep", "--path", "open,nowhere"], 2, "'nowhere' is not a node"),
    ],
)
def test_map_errors_are_one_line(
    args: list[str], status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        assert main(["map", *args]) == status
    except SystemExit as stop:
        assert stop.code == status
    out, err = capsys.readouterr()
    assert out == "" and message in err and err.count("\n") == 1


def test_map_of_a_broken_file_prints_its_problems_and_exits_1(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    broken = Path(str(tmp_path)) / "b.yaml"
    broken.write_text("format: 1\n", encoding="utf-8")
    assert main(["map", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "[PW102]" in err and err.endswith("is not a valid scenario\n")
