"""The JSON Schema: generated from the validator's tables, identical to both shipped
copies, valid draft-07, passed by every valid scenario and failed by broken ones."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from partways.paths import bundled_scenarios
from partways.scenario.jsonschema import SCHEMA_NAME, build, dumps, shipped
from partways.scenario.schema import CHOICE_FIELDS, NODE_FIELDS, SCENARIO_FIELDS
from tests.conftest import FIXTURES, MINIMAL, ROOT

VALIDATOR = jsonschema.Draft7Validator(build())


def errors(document: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def test_the_shipped_copies_are_what_the_generator_makes() -> None:
    made = dumps()
    assert shipped().read_text(encoding="utf-8") == made, "run the generator (see its docstring)"
    assert (ROOT / "scenarios" / SCHEMA_NAME).read_text(encoding="utf-8") == made
    assert json.loads(made) == build()


def test_the_generator_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "partways.scenario.jsonschema"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == dumps()


def test_it_is_a_valid_draft_7_schema_that_knows_every_key_of_the_tables() -> None:
    schema = build()
    jsonschema.Draft7Validator.check_schema(schema)
    assert list(schema["properties"]) == [spec.key for spec in SCENARIO_FIELDS]
    turn, ending = schema["definitions"]["node"]["oneOf"]
    assert set(turn["properties"]) | set(ending["properties"]) == {s.key for s in NODE_FIELDS}
    assert "lesson" not in turn["properties"] and "choices" not in ending["properties"]
    assert list(schema["definitions"]["choice"]["properties"]) == [s.key for s in CHOICE_FIELDS]


def valid_files() -> list[Path]:
    return sorted(bundled_scenarios().glob("*.yaml")) + sorted(
        (FIXTURES / "scenarios").glob("*.yaml")
    )


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.name)
def test_every_valid_scenario_passes(path: Path) -> None:
    assert errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def minimal() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(MINIMAL)
    assert errors(loaded) == []
    return loaded


def _open(doc: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = doc["nodes"]["open"]
    return node


BROKEN = {
    "unknown top key": lambda d: d.update(titel="x"),
    "unknown node key": lambda d: _open(d).update(tipp="x"),
    "bad mood": lambda d: _open(d).update(mood="angy"),
    "bad language": lambda d: d.update(language="de"),
    "format 2": lambda d: d.update(format=2),
    "difficulty 5": lambda d: d.update(difficulty=5),
    "bad id": lambda d: d.update(id="Tiny Thing"),
    "missing title": lambda d: d.pop("title"),
    "lesson on a turn": lambda d: _open(d).update(lesson="x"),
    "turn without client": lambda d: _open(d).pop("client"),
    "both kinds": lambda d: _open(d).update(ending="caved"),
    "neither kind": lambda d: d["nodes"].update(other={"client": "Hm."}),
    "ten choices": lambda d: _open(d).update(choices=_open(d)["choices"] * 5),
    "no choices": lambda d: _open(d).update(choices=[]),
    "choice without coach": lambda d: _open(d)["choices"][0].pop("coach"),
    "unknown tag": lambda d: _open(d)["choices"][0].update(tags=["desicion"]),
    "reply without default": lambda d: _open(d).update(reply={"firm": "walked-out"}),
    "unknown stance": lambda d: _open(d).update(reply={"frim": "x", "default": "x"}),
    "unknown placeholder": lambda d: _open(d).update(client="Hi {boss}"),
    "placeholder in a name": lambda d: d.update(client="{you}"),
    "escape in text": lambda d: _open(d).update(tip="\x1b[31mred"),
    "bidi override": lambda d: _open(d).update(tip="\u202eeyb"),
    "empty tip": lambda d: _open(d).update(tip="  "),
    "a number for text": lambda d: d.update(you=2024),
    "bad ending": lambda d: d["nodes"]["walked-out"].update(ending="won"),
    "no nodes": lambda d: d.update(nodes={}),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_scenario_fails(name: str) -> None:
    document = minimal()
    BROKEN[name](document)
    assert errors(document), name
