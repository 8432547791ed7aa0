"""Turn and Outcome, and their JSON form derived from the dataclasses' fields."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

import pytest

from partways import records
from partways.records import Outcome, Turn, decode, encode, field_types
from partways.scores import Scores


@pytest.fixture(autouse=True)
def _fresh_field_types() -> None:
    """Work the field types out afresh in each test, not from an earlier test's cache."""
    records._FIELD_TYPES.clear()


TURN = Turn(
    node="open",
    client="Hi.",
    mood=None,
    said="I'm ending it.",
    how="picked",
    choice=1,
    stance="firm",
    tags=("decision", "notice"),
    coach="Good.",
    next="push",
)


def outcome(kind: str = "clean-exit", turns: tuple[Turn, ...] = (TURN,)) -> Outcome:
    return Outcome(
        scenario="s",
        title="T",
        language="en",
        outcome=kind,
        ending_node="done" if kind != "abandoned" else None,
        client_line="Fine.",
        lesson=None,
        client_name="Dana",
        you_name="Sam",
        started="2026-11-23T12:00:00+00:00",
        finished="2026-11-23T12:01:00+00:00",
        turns=turns,
        scores=Scores(100, 90, 70, 40),
    )


def test_a_turn_is_written_field_by_field_in_order() -> None:
    data = TURN.to_json()
    assert list(data) == [f.name for f in fields(Turn)]
    assert data["tags"] == ["decision", "notice"]
    assert data["mood"] is None and data["choice"] == 1
    assert Turn.from_json(data) == TURN
    assert Turn.from_json({**data, "extra": 1}) == TURN  # unknown keys are ignored


def test_an_outcome_carries_abandoned_after_outcome_and_nests_turns_and_scores() -> None:
    data = outcome().to_json()
    assert list(data) == [
        "scenario",
        "title",
        "language",
        "outcome",
        "abandoned",
        "ending_node",
        "client_line",
        "lesson",
        "client_name",
        "you_name",
        "started",
        "finished",
        "turns",
        "scores",
    ]
    assert data["abandoned"] is False
    assert data["scores"] == {"firmness": 100, "brevity": 90, "grace": 70, "handoff": 40}
    assert data["turns"] == [TURN.to_json()]
    json.dumps(data, allow_nan=False)  # plain JSON values only


def test_abandoned_is_derived_from_the_outcome_not_read() -> None:
    left = outcome("abandoned", ())
    assert left.abandoned and left.to_json()["abandoned"] is True
    assert left.to_json()["turns"] == []
    data = outcome().to_json()
    assert not Outcome.from_json({**data, "abandoned": True}).abandoned


def test_decoding_gives_back_typed_values() -> None:
    back = Outcome.from_json(outcome(turns=(TURN, TURN)).to_json())
    assert back == outcome(turns=(TURN, TURN))
    assert isinstance(back.turns, tuple) and isinstance(back.turns[0], Turn)
    assert isinstance(back.turns[0].tags, tuple)
    assert isinstance(back.scores, Scores)


def test_the_generic_codec() -> None:
    assert encode((1, [2, (3,)], "x")) == [1, [2, [3]], "x"]
    assert encode(Scores(1, 2, 3, 4)) == {"firmness": 1, "brevity": 2, "grace": 3, "handoff": 4}
    assert encode(Scores) is Scores  # a class is a value, not a dataclass instance
    assert decode(Scores, {"grace": 3, "handoff": 4, "firmness": 1, "brevity": 2}) == Scores(
        1, 2, 3, 4
    )
    assert list(field_types(Turn)) == [f.name for f in fields(Turn)]
    assert field_types(Turn)["tags"] == tuple[str, ...]
    assert field_types(Turn) is field_types(Turn)  # worked out once


class Pair:
    """A record class that is not a dataclass: ``to_json`` and a constructor by name."""

    __slots__ = ("left", "right")

    def __init__(self, left: int, right: int) -> None:
        self.left, self.right = left, right

    def to_json(self) -> dict[str, int]:
        return {"left": self.left, "right": self.right}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pair) and self.to_json() == other.to_json()


@dataclass(frozen=True)
class Holder:
    name: str
    pairs: tuple[Pair, ...]
    best: Pair | None = None


def test_a_record_class_that_is_not_a_dataclass_takes_part() -> None:
    holder = Holder("h", (Pair(1, 2), Pair(3, 4)))
    data = encode(holder)
    assert data == {"name": "h", "pairs": [{"left": 1, "right": 2}, {"left": 3, "right": 4}]} | {
        "best": None
    }
    assert decode(Holder, data) == holder
    assert field_types(Pair) == {"left": int, "right": int}
