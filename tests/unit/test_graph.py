"""The scenario graph on its own: the walks, and what a file's graph reports."""

from __future__ import annotations

import textwrap

from partways.scenario.graph import MAX_NODE_SUGGESTIONS, reachable, reaching_endings
from partways.scenario.loader import load_text


def test_reachable_follows_edges_from_start() -> None:
    edges = {"a": ["b"], "b": ["c", "a"], "c": [], "d": ["a"]}
    assert reachable("a", edges) == {"a", "b", "c"}
    assert reachable("d", edges) == {"a", "b", "c", "d"}
    assert reachable("c", edges) == {"c"}
    assert reachable("nowhere", edges) == set()


def test_reachable_skips_targets_that_are_not_nodes() -> None:
    assert reachable("a", {"a": ["ghost", "b"], "b": ["a"]}) == {"a", "b"}


def test_reaching_endings_walks_backwards() -> None:
    edges = {"a": ["b", "loop"], "b": ["end"], "loop": ["loop"], "end": [], "lone": []}
    assert reaching_endings(edges, ["end"]) == {"a", "b", "end"}
    assert reaching_endings(edges, []) == set()
    # An ending that is not a node reaches nothing; a target that is not a node is skipped.
    assert reaching_endings({"a": ["ghost"]}, ["ghost"]) == set()


def _dangling(count: int) -> str:
    """A file whose only problems are ``count`` replies, each naming a node one letter
    off ('stepxNNN' for 'step-NNN'), in file order; a chain of links reaches every step."""
    nodes = "".join(
        f"  step-{i:03d}:\n    client: Hi.\n    reply: {{default: stepx{i:03d}}}\n"
        for i in range(count)
    )
    chain = "".join(
        f"  link-{i:03d}:\n    client: Go.\n    choices:\n"
        f"      - {{say: a, next: step-{i:03d}, coach: b}}\n"
        f"      - {{say: a, next: {f'link-{i + 1:03d}' if i + 1 < count else 'bye'}, coach: b}}\n"
        for i in range(count)
    )
    return (
        textwrap.dedent(
            """\
            format: 1
            id: tiny
            title: A rehearsal
            language: en
            reaction: pushback
            reason: scope-creep
            summary: Short.
            client: Dana
            start: link-000
            nodes:
              bye:
                ending: clean-exit
            """
        )
        + chain
        + nodes
    )


def test_did_you_mean_stops_after_the_budget() -> None:
    count = MAX_NODE_SUGGESTIONS + 3
    scenario, diags = load_text(_dangling(count))
    assert scenario is None
    dangling = [d for d in diags if d.code == "PW301"]
    assert len(dangling) == count
    hinted = [d.message for d in dangling if "did you mean" in d.message]
    assert len(hinted) == MAX_NODE_SUGGESTIONS
    # The first MAX_NODE_SUGGESTIONS in file order get one; the rest end at the name.
    assert all("did you mean" in d.message for d in dangling[:MAX_NODE_SUGGESTIONS])
    assert {d.code for d in diags} == {"PW301", "PW303"}  # a step leads nowhere else
    assert dangling[0].message == "'reply' names no node 'stepx000'; did you mean 'step-000'?"
    assert dangling[-1].message == f"'reply' names no node 'stepx{count - 1:03d}'"
