"""The conversation engine, on a scenario built in code (no YAML, no Textual)."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from partways.coach.classify import Analysis, Finding
from partways.engine import ABANDONED, EngineError, Rehearsal, Turn
from partways.text import MAX_REPLY_CHARS
from tests.conftest import minimal_scenario

scenario = minimal_scenario


def fixed_clock() -> datetime:
    return datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def fake_classifier(stance: str, *tags: str, heard: list[tuple[str, str]] | None = None):
    """A coach that always finds ``stance`` (and ``tags``), noting what it was asked."""

    def classify(text: str, lang: str) -> Analysis:
        if heard is not None:
            heard.append((text, lang))
        findings = tuple(Finding(tag, 0, 1, text[:1], "advice") for tag in tags)
        return Analysis(stance=stance, language=lang, findings=findings)

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


# -- what a rehearsal records (mutation testing found these unchecked) ---------------------


def test_a_picked_turn_records_everything() -> None:
    r = Rehearsal(scenario(), clock=fixed_clock)
    assert r.pick(1) == Turn(
        node="open",
        client="Hi Sam, it's Dana.",
        mood="calm",
        said="I'm ending our work on the 30th, Dana.",
        how="picked",
        choice=1,
        stance="firm",
        tags=("decision", "notice"),
        coach="Good.",
        next="push",
    )


def test_the_coach_judges_a_picked_line_without_stance_in_the_scenarios_language() -> None:
    heard: list[tuple[str, str]] = []
    s = replace(scenario(), language="sv")
    r = Rehearsal(s, classifier=fake_classifier("waffle", heard=heard), clock=fixed_clock)
    r.pick(2)
    assert heard == [("Um, maybe?", "sv")]


def test_a_typed_turn_records_the_coachs_stance_and_content_tags_only() -> None:
    heard: list[tuple[str, str]] = []
    coach = fake_classifier("cave", "apology", "hedge", heard=heard)
    r = Rehearsal(replace(scenario(), language="fr"), classifier=coach, clock=fixed_clock)
    turn = r.reply("Sorry, maybe I stay.")
    assert heard == [("Sorry, maybe I stay.", "fr")]
    assert (turn.stance, turn.tags, turn.next, turn.choice) == (
        "cave",
        ("apology", "hedge"),  # the stance is not a content tag
        "caved",
        None,
    )
    assert (turn.mood, turn.client) == ("calm", "Hi Sam, it's Dana.")


def test_a_turn_without_a_client_line_records_an_empty_one() -> None:
    s = scenario()
    quiet = replace(s.nodes["push"], client=None)
    r = Rehearsal(replace(s, nodes={**s.nodes, "push": quiet}), clock=fixed_clock)
    r.pick(1)
    assert r.client_line() is None and r.tip() is None
    assert r.pick(1).client == ""


def test_an_ending_records_the_scenario_names_times_and_ending() -> None:
    times = iter([datetime(2026, 1, 2, 9, 0, tzinfo=UTC), datetime(2026, 1, 2, 9, 5, tzinfo=UTC)])
    r = Rehearsal(scenario(), client_name="Acme", you_name="Me", clock=lambda: next(times))
    r.pick(1)
    r.pick(1)
    outcome = r.outcome()
    assert outcome.to_json() | {"turns": None} == {
        "scenario": "s",
        "title": "T",
        "language": "en",
        "outcome": "clean-exit",
        "abandoned": False,
        "ending_node": "done",
        "client_line": "Fine, Me.",
        "lesson": "Held, Me.",
        "client_name": "Acme",
        "you_name": "Me",
        "started": "2026-01-02T09:00:00+00:00",
        "finished": "2026-01-02T09:05:00+00:00",
        "turns": None,
        "scores": {"firmness": 100, "brevity": 100, "grace": 100, "handoff": 70},
    }
    assert outcome.turns == tuple(r.turns)


def test_an_abandoned_rehearsal_has_no_ending_line_or_lesson() -> None:
    r = Rehearsal(scenario(), clock=fixed_clock)
    outcome = r.abandon()
    assert (outcome.ending_node, outcome.client_line, outcome.lesson) == (None, None, None)
    assert (outcome.scenario, outcome.client_name, outcome.you_name) == ("s", "Dana", "Sam")


def test_an_ending_without_a_line_or_lesson() -> None:
    r = Rehearsal(scenario(), classifier=fake_classifier("hostile"), clock=fixed_clock)
    r.reply("You never pay.")
    outcome = r.outcome()
    assert (outcome.outcome, outcome.ending_node) == ("burned-bridge", "burn")
    assert (outcome.client_line, outcome.lesson) == (None, None)


def test_without_a_name_for_you_in_the_scenario_you_are_you() -> None:
    r = Rehearsal(replace(scenario(), you=None), clock=fixed_clock)
    assert r.you_name == "you"
    assert r.client_line() == "Hi you, it's Dana."


def test_names_are_cut_at_sixty_characters() -> None:
    r = Rehearsal(scenario(), client_name="x" * 61, you_name="y" * 60, clock=fixed_clock)
    assert (r.client_name, r.you_name) == ("x" * 60, "y" * 60)


def refused(message: str) -> AbstractContextManager[object]:
    return pytest.raises(EngineError, match=f"^{re.escape(message)}$")


def test_engine_errors_say_what_is_wrong() -> None:
    r = Rehearsal(scenario(), clock=fixed_clock)
    with refused("there is no line 3 on this turn"):
        r.pick(3)
    with refused("an empty reply is not sent"):
        r.reply("  ")
    with refused("the rehearsal has not ended yet"):
        r.outcome()
    r.pick(1)
    with refused("this turn is answered by picking a line"):
        r.reply("hello")
    r.pick(1)
    with refused("the rehearsal is over"):
        r.pick(1)
    with refused("the rehearsal is over"):
        r.reply("hello")
