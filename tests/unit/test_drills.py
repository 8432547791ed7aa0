"""The drills' domain: ratings from the coach's verdict, FSRS scheduling, due order,
leeches, and the quick-fire queue. Every time is fixed; nothing reads the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from partways.coach import analyze
from partways.drills.deck import (
    LEECH_LAPSES,
    DrillCard,
    due_queue,
    due_today,
    interval,
    leeches,
    new_card,
    next_scenario,
    review,
)
from partways.drills.quickfire import all_lines, lines_of, priority, queue
from partways.drills.rating import Rating, rate_answer, rate_lines, rate_outcome
from partways.records import Outcome, Turn
from partways.scores import Scores
from tests.conftest import minimal_scenario

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def turn(stance: str, tags: tuple[str, ...] = ()) -> Turn:
    return Turn("open", "Hi", None, "I am ending it.", "typed", None, stance, tags, "ok", "done")


def outcome(ending: str, *turns: Turn, brevity: int = 100) -> Outcome:
    return Outcome(
        "s", "T", "en", ending, None, None, None, "Dana", "Sam",
        "2026-03-01T10:00:00+00:00", "2026-03-01T10:05:00+00:00",
        turns, Scores(80, brevity, 70, 40),
    )  # fmt: skip


# -- ratings ------------------------------------------------------------------


def test_caving_or_burning_a_bridge_is_again() -> None:
    assert rate_outcome(outcome("caved", turn("firm"))) == Rating.AGAIN
    assert rate_outcome(outcome("burned-bridge", turn("firm"))) == Rating.AGAIN
    assert rate_outcome(outcome("clean-exit", turn("firm"), turn("cave"))) == Rating.AGAIN
    assert rate_outcome(outcome("clean-exit", turn("hostile"), turn("firm"))) == Rating.AGAIN


def test_a_cluster_of_waffling_is_again_some_hedging_is_hard() -> None:
    two_in_a_row = outcome("clean-exit", turn("firm"), turn("waffle"), turn("waffle"))
    half = outcome("clean-exit", turn("waffle"), turn("firm"), turn("waffle"), turn("firm"))
    one = outcome("clean-exit", turn("firm"), turn("waffle"), turn("firm"))
    hedged = outcome("clean-exit", turn("firm", ("decision", "hedge")), turn("firm"))
    assert rate_outcome(two_in_a_row) == Rating.AGAIN
    assert rate_outcome(half) == Rating.AGAIN
    assert rate_outcome(one) == Rating.HARD
    assert rate_outcome(hedged) == Rating.HARD
    assert rate_outcome(outcome("stalled", turn("firm"))) == Rating.HARD


def test_clean_is_good_and_clean_and_brief_is_easy() -> None:
    assert rate_outcome(outcome("clean-exit", turn("firm"), brevity=70)) == Rating.GOOD
    assert rate_outcome(outcome("clean-exit", turn("firm"), brevity=95)) == Rating.EASY


def test_an_abandoned_rehearsal_is_not_a_review() -> None:
    assert rate_outcome(outcome("abandoned", turn("firm"))) is None


def test_no_lines_at_all_is_hard_not_easy() -> None:
    assert rate_lines([], [], 0) == Rating.HARD


@pytest.mark.parametrize(
    ("text", "lang", "rating"),
    [
        ("Fine, I'll stay on for another month then.", "en", Rating.AGAIN),
        ("Maybe we could, um, talk about it later?", "en", Rating.AGAIN),
        ("I think I've decided to end our work on the 30th.", "en", Rating.HARD),
        ("My decision is final. I'll send the handover document on Friday.", "en", Rating.EASY),
        ("Mitt beslut står fast. Jag skickar överlämningen på fredag.", "sv", Rating.EASY),
    ],
)
def test_a_quick_fire_answer_is_rated_from_the_coach(text: str, lang: str, rating: Rating) -> None:
    assert rate_answer(analyze(text, lang)) == rating


def test_a_long_clean_answer_is_good_not_easy() -> None:
    text = (
        "My decision is final and I will be ending our work together on the 30th of this "
        "month, and I will send the full handover document with every file, login and "
        "password, along with the names of two designers I trust, on Friday afternoon."
    )
    analysis = analyze(text, "en")
    assert analysis.stance == "firm"
    assert rate_answer(analysis) in (Rating.GOOD, Rating.HARD)
    assert rate_answer(analysis) != Rating.EASY


# -- the scheduler --------------------------------------------------------------


def reviews(ratings: list[Rating]) -> list[timedelta]:
    card, now, gaps = new_card("s", NOW), NOW, []
    for rating in ratings:
        card = review(card, rating, now)
        gap = interval(card)
        assert gap is not None
        gaps.append(gap)
        now = card.due_at
    return gaps


def test_intervals_grow_with_good_and_faster_with_easy() -> None:
    good = reviews([Rating.GOOD] * 4)
    easy = reviews([Rating.EASY] * 4)
    assert good == sorted(good) and good[0] < good[-1]
    assert easy == sorted(easy)
    assert all(e > g for e, g in zip(easy, good, strict=True))
    assert good[0] >= timedelta(days=1)  # no same-day learning steps


def test_again_shrinks_the_interval_and_counts_a_lapse() -> None:
    gaps = reviews([Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.AGAIN])
    assert gaps[-1] < gaps[-2]
    card = new_card("s", NOW)
    for _ in range(LEECH_LAPSES - 1):
        card = review(card, Rating.AGAIN, card.due_at)
    assert not card.leech
    card = review(card, Rating.AGAIN, card.due_at)
    assert card.leech and card.lapses == LEECH_LAPSES
    assert leeches([card, new_card("t", NOW)]) == [card]


def test_hard_waits_less_than_good() -> None:
    assert reviews([Rating.HARD])[0] < reviews([Rating.GOOD])[0]


def test_a_card_round_trips_through_json() -> None:
    card = review(new_card("s", NOW, node="open"), Rating.GOOD, NOW)
    assert DrillCard.from_json(card.to_json()) == card
    assert card.key == "s#open" and card.is_line
    with pytest.raises(ValueError):
        DrillCard.from_json({"key": "s"})
    with pytest.raises(ValueError):
        DrillCard.from_json({"key": "s", "scenario": "s", "node": None, "due": "soon"})


def test_the_due_queue_is_ordered_by_due_date() -> None:
    a = review(new_card("a", NOW), Rating.AGAIN, NOW - timedelta(days=3))  # due 2 days ago
    b = review(new_card("b", NOW), Rating.GOOD, NOW - timedelta(days=10))  # due ~a week ago
    c = review(new_card("c", NOW), Rating.EASY, NOW)  # due in a week
    assert [card.key for card in due_queue([a, c, b], NOW)] == ["b", "a"]
    assert next_scenario([a, b, c], ["a", "b", "c", "d"], NOW) == "b"


def test_next_scenario_falls_back_to_new_then_soonest() -> None:
    c = review(new_card("c", NOW), Rating.EASY, NOW)
    d = review(new_card("d", NOW), Rating.GOOD, NOW)
    assert next_scenario([c], ["c", "d"], NOW) == "d"
    assert next_scenario([c, d], ["c", "d"], NOW) == "d"  # Good waits less than Easy
    assert next_scenario([], [], NOW) is None
    assert next_scenario([c], ["x"], NOW) == "x"  # a card of an unloaded scenario is skipped


def test_due_today_counts_until_the_end_of_the_local_day() -> None:
    card = review(new_card("a", NOW), Rating.AGAIN, NOW)  # due in one day
    tomorrow = NOW + timedelta(hours=23)
    assert due_today([card], NOW) == []
    assert due_today([card], tomorrow) == [card]


# -- quick-fire -------------------------------------------------------------------


def test_lines_fill_in_the_names_and_put_pleading_first() -> None:
    scenario = minimal_scenario()
    lines = {line.node: line for line in lines_of(scenario)}
    assert set(lines) == {"open", "push", "stall"}
    assert lines["open"].text == "Hi Sam, it's Dana." and lines["open"].opening
    assert lines["open"].tip == "Lead with it, Sam."
    # A pleading scenario: the turn with a hedge to pick is harder than the others.
    assert priority(scenario, scenario.node("open")) == 1
    assert priority(scenario, scenario.node("push")) == 2
    assert all_lines([scenario])[0].node == "open"


def test_the_queue_serves_due_then_leech_openers_then_new_then_later() -> None:
    lines = all_lines([minimal_scenario()])
    assert [line.node for line in queue(lines, [], NOW)] == ["open", "push", "stall"]
    due = review(new_card("s", NOW, node="stall"), Rating.AGAIN, NOW - timedelta(days=2))
    later = review(new_card("s", NOW, node="open"), Rating.EASY, NOW)
    order = [line.node for line in queue(lines, [due, later], NOW)]
    assert order == ["stall", "push", "open"]
    leech = new_card("s", NOW)
    for _ in range(LEECH_LAPSES):
        leech = review(leech, Rating.AGAIN, NOW)
    order = [line.node for line in queue(lines, [due, later, leech], NOW)]
    assert order == ["stall", "open", "push"]


def test_partways_drill_opens_the_app_in_the_drill(monkeypatch: pytest.MonkeyPatch) -> None:
    from partways import cli

    opened: list[str | None] = []
    monkeypatch.setattr(cli, "cmd_app", lambda options, drill=None, **_: opened.append(drill) or 0)
    assert cli.main(["drill"]) == 0
    assert cli.main(["drill", "--due"]) == 0
    assert opened == ["quickfire", "due"]


def test_the_store_reads_only_the_newest_rehearsals_for_the_habits(tmp_path: Path) -> None:
    from partways.store.history import HistoryStore

    store = HistoryStore(tmp_path)
    assert store.recent(3).value == []
    for ending in ("caved", "stalled", "clean-exit", "burned-bridge"):
        store.add(outcome(ending, turn("firm")))
    assert [o.outcome for o in store.recent(2).value] == ["burned-bridge", "clean-exit"]
    assert len(store.recent(10).value) == 4 and store.recent(0).value == []
