"""The conversation engine, on a scenario built in code (no YAML, no Textual)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from partways.coach.classify import Analysis
from partways.engine import ABANDONED, Classifier, EngineError, Rehearsal
from partways.text import MAX_REPLY_CHARS
from tests.conftest import minimal_scenario

scenario = minimal_scenario


def fixed_clock() -> datetime:
    return datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def fake_classifier(stance: str) -> Classifier:
    def classify(text: str, lang: str) -> Analysis:
        return Analysis(stance=stance, language=lang, findings=())

    return classify


def test_names_fill_placeholders_default_and_given() -> None:
    r = Rehearsal(scenario(), clock=fixed_clock)
    assert r.client_line() == "Hi Sam, it's Dana."
    assert r.tip() == "Lead with it, Sam."
    assert r.choices()[0] == "I'm ending our work on the 30th, Dana."
    r = Rehearsal(scenario(), client_name="  Acme\x1b[0m  Ltd ", you_name="", clock=fixed_clock)
    assert r.client_name == "Acme[0m Ltd"
    assert r.you_name == "Sam"


def test_picking_walks_the_tree_and_records_turns() -> None:
    r = Rehearsal(scenario(), clock=fixed_clock)
    turn = r.pick(1)
    assert (turn.node, turn.how, turn.choice, turn.stance, turn.next) == (
        "open",
        "picked",
        1,
        "firm",
        "push",
    )
    assert turn.tags == ("decision", "notice")  # stance tags are not content tags
    assert turn.client == "Hi Sam, it's Dana."
    r.pick(1)
    assert r.finished
    outcome = r.outcome()
    assert outcome.outcome == "clean-exit"
    assert outcome.lesson == "Held, Sam."
    assert outcome.client_line == "Fine, Sam."
    assert outcome.started == "2026-11-23T12:00:00+00:00"
    assert outcome.scores.handoff == 70  # handoff 40 + notice 30
    assert outcome.to_json()["turns"][1]["said"] == "No, thank you. Files come Friday."


def test_a_choice_without_stance_tag_is_judged_by_the_classifier() -> None:
    r = Rehearsal(scenario(), classifier=fake_classifier("waffle"), clock=fixed_clock)
    assert r.pick(2).stance == "waffle"


@pytest.mark.parametrize(
    ("stance", "target"),
    [("firm", "push"), ("cave", "caved"), ("hostile", "burn"), ("waffle", "stall")],
)
def test_typed_reply_branches_on_the_stance_with_default(stance: str, target: str) -> None:
    r = Rehearsal(scenario(), classifier=fake_classifier(stance), clock=fixed_clock)
    turn = r.reply("  whatever I say\x1b[2J ")
    assert turn.next == target
    assert turn.how == "typed"
    assert turn.said == "whatever I say[2J"
    assert turn.coach


def test_the_real_placeholder_classifier_routes_a_firm_reply() -> None:
    r = Rehearsal(scenario(), clock=fixed_clock)
    assert r.reply("I've decided to end our work together on the 30th.").next == "push"


def test_bad_input_raises_engine_errors() -> None:
    r = Rehearsal(scenario(), clock=fixed_clock)
    with pytest.raises(EngineError):
        r.pick(3)
    with pytest.raises(EngineError):
        r.pick(0)
    with pytest.raises(EngineError):
        r.reply(" \x1b ")
    with pytest.raises(EngineError):
        r.outcome()
    r.pick(1)
    with pytest.raises(EngineError, match="picking"):
        r.reply("hello")  # the `push` turn has no reply mapping
    r.pick(1)
    with pytest.raises(EngineError):
        r.pick(1)
    assert r.choices() == []


def test_abandon_midway_is_marked_and_scored_on_what_was_said() -> None:
    r = Rehearsal(scenario(), clock=fixed_clock)
    r.pick(1)
    outcome = r.abandon()
    assert outcome.outcome == ABANDONED and outcome.abandoned
    assert outcome.ending_node is None
    assert len(outcome.turns) == 1
    assert outcome.scores.firmness == 100
    assert r.abandon() is outcome


def test_abandon_before_a_word_scores_zero() -> None:
    outcome = Rehearsal(scenario(), clock=fixed_clock).abandon()
    assert outcome.scores.to_json() == {"firmness": 0, "brevity": 0, "grace": 0, "handoff": 0}


def test_scenario_filter_matches_every_word_anywhere() -> None:
    s = scenario()
    assert s.matches("")
    assert s.matches("PLEADS en")
    assert s.matches("t other")
    assert not s.matches("angry")


def test_a_reply_longer_than_the_limit_is_refused() -> None:
    rehearsal = Rehearsal(scenario())
    with pytest.raises(EngineError, match="at most"):
        rehearsal.reply("x" * (MAX_REPLY_CHARS + 1))
    assert rehearsal.reply("x" * MAX_REPLY_CHARS).said == "x" * MAX_REPLY_CHARS
