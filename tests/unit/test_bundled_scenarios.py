"""The bundled scenarios: typed firm replies work, the graph holds, the validator agrees."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from partways.coach.classify import classify
from partways.scenario.loader import load_file
from partways.scenario.model import Scenario
from partways.scenario.rules import scenario_problems

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

#: scenario id -> a clearly firm reply, typed at the start turn, in the scenario's language.
FIRM_REPLIES = {
    "pushback-scope-creep": (
        "Thanks for your time. I've decided to end our contract at the end of the month, "
        "and I'll hand over all files and passwords."
    ),
    "angry-late-payer": (
        "Thank you for making time. I've decided to end our work together at the end of "
        "the month, and I'll send a written summary today."
    ),
    "pleads-style-mismatch": (
        "Tack för bilderna. Jag har bestämt mig för att avsluta vårt samarbete i slutet "
        "av månaden, och jag lämnar över alla filer."
    ),
}

#: scenario id -> choice digits from the start that reach each kind of ending.
PATHS = {
    "pushback-scope-creep": {
        "clean-exit": [1, 1, 1, 1],
        "caved": [2, 2],
        "burned-bridge": [4, 2],
        "stalled": [3, 3],
    },
    "angry-late-payer": {
        "clean-exit": [1, 1, 1, 1, 1],
        "caved": [1, 2, 2, 2],
        "burned-bridge": [3, 2],
        "stalled": [2, 2],
    },
    "pleads-style-mismatch": {
        "clean-exit": [1, 1, 1, 1, 1],
        "caved": [1, 2, 2],
        "burned-bridge": [3, 2],
        "stalled": [2, 3],
    },
}

STANCES = ("hostile", "cave", "waffle", "firm")


def _raw(scenario_id: str) -> dict:
    return yaml.safe_load((SCENARIOS / f"{scenario_id}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("scenario_id", sorted(FIRM_REPLIES))
def test_typed_firm_reply_is_firm_at_start(scenario_id: str) -> None:
    data = _raw(scenario_id)
    start = data["nodes"][data["start"]]
    analysis = classify(FIRM_REPLIES[scenario_id], data["language"])
    assert analysis.stance == "firm", analysis
    assert "firm" in start["reply"]
    target = data["nodes"][start["reply"]["firm"]]
    assert "ending" not in target


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_documented_paths_reach_their_endings(scenario_id: str) -> None:
    data = _raw(scenario_id)
    for ending, digits in PATHS[scenario_id].items():
        node = data["nodes"][data["start"]]
        for digit in digits:
            node = data["nodes"][node["choices"][digit - 1]["next"]]
        assert node.get("ending") == ending, (scenario_id, digits)


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_graph_shape(scenario_id: str) -> None:
    data = _raw(scenario_id)
    nodes = data["nodes"]

    def targets(node_id: str) -> list[str]:
        node = nodes[node_id]
        return [c["next"] for c in node.get("choices", [])] + list(node.get("reply", {}).values())

    seen, todo = {data["start"]}, [data["start"]]
    while todo:
        for target in targets(todo.pop()):
            assert target in nodes
            if target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(nodes)
    assert len(nodes) >= 8
    endings = {n["ending"] for n in nodes.values() if "ending" in n}
    assert "clean-exit" in endings and len(endings) >= 3
    for node_id, node in nodes.items():
        if "ending" in node:
            assert node.get("lesson")
            continue
        assert 2 <= len(node["choices"]) <= 4, node_id
        for choice in node["choices"]:
            assert choice["coach"]
            assert any(stance in choice["tags"] for stance in STANCES), choice["say"]


def test_a_client_line_shows_square_brackets_literally() -> None:
    texts = [
        node.get("client", "")
        for scenario_id in PATHS
        for node in _raw(scenario_id)["nodes"].values()
    ]
    assert any("[draft]" in text for text in texts)


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_validator_accepts_bundled_scenarios(scenario_id: str) -> None:
    scenario, problems = load_file(SCENARIOS / f"{scenario_id}.yaml")
    assert problems == []
    assert isinstance(scenario, Scenario)
    assert scenario.id == scenario_id
    assert scenario_problems(scenario) == []
