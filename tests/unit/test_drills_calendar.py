"""Streaks, the heatmap and the habits, from fixed dates and fixed rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from partways.drills.calendar import (
    Practice,
    heatmap,
    longest_streak,
    per_day,
    practice_of,
    streak,
)
from partways.drills.habits import TAG_COST, tag_habits, word_habits
from partways.records import Outcome, Turn
from partways.scores import Scores

TODAY = date(2026, 3, 4)  # a Wednesday
NOW = datetime(2026, 3, 4, 20, 0, tzinfo=UTC)


def days(*offsets: int) -> dict[date, int]:
    return {TODAY - timedelta(days=n): 1 for n in offsets}


def test_a_streak_counts_consecutive_days_up_to_today() -> None:
    assert streak(days(0, 1, 2, 4), TODAY) == 3
    assert streak(days(1, 2), TODAY) == 2  # today is not over: yesterday's streak holds
    assert streak(days(2, 3), TODAY) == 0
    assert streak({}, TODAY) == 0
    assert longest_streak(days(0, 1, 5, 6, 7, 8)) == 4
    assert longest_streak({}) == 0


def test_practice_days_are_taken_in_nows_time_zone() -> None:
    late = Practice("2026-03-03T23:30:00+00:00", "s", "clean-exit")
    assert per_day([late], NOW) == {date(2026, 3, 3): 1}
    east = NOW.astimezone(timezone(timedelta(hours=2)))
    assert per_day([late], east) == {date(2026, 3, 4): 1}
    assert per_day([Practice("not a time", "s", "caved")], NOW) == {}


def test_the_heatmap_is_weeks_of_days_ending_this_week() -> None:
    grid = heatmap({TODAY: 3, date(2026, 3, 2): 1, date(2025, 1, 1): 9}, TODAY, weeks=17)
    assert len(grid) == 7 and all(len(row) == 17 for row in grid)
    assert grid[0][-1] == 1  # Monday 2 March
    assert grid[2][-1] == 3  # Wednesday, today
    assert grid[3][-1] is None  # Thursday has not come yet
    assert grid[0][0] == 0  # Monday 17 weeks back: nothing
    assert sum(v or 0 for row in grid for v in row) == 4  # 2025 is out of range


def practice(n: int, **tags: int) -> Practice:
    return Practice(f"2026-03-{n:02d}T10:00:00+00:00", "s", "clean-exit", tags=tags)


def test_tag_habits_rank_by_cost_with_a_trend() -> None:
    # Newest first: the 2 newest hedged twice, the 2 before them once.
    rows = [practice(9, hedge=1), practice(8, hedge=1), practice(7, hedge=1), practice(6, blame=1)]
    rows.append(practice(5, decision=4))  # not a cost
    habits = tag_habits(rows, window=2)
    assert [h.label for h in habits] == ["blame", "hedge"]  # 1 × 35 beats 3 × 10
    hedge = habits[1]
    assert (hedge.count, hedge.recent, hedge.before, hedge.trend) == (3, 2, 1, "↑")
    assert hedge.weight == 3 * TAG_COST["hedge"]
    assert habits[0].trend == "↓"


def typed(said: str) -> Turn:
    return Turn("open", "Hi", None, said, "typed", None, "waffle", (), "", "done")


def rehearsal(*said: str, how: str = "typed") -> Outcome:
    turns = tuple(typed(s) for s in said)
    if how == "picked":
        turns = tuple(
            Turn("open", "Hi", None, s, "picked", 1, "waffle", (), "", "done") for s in said
        )
    return Outcome(
        "s", "T", "en", "clean-exit", None, None, None, "Dana", "Sam",
        "2026-03-01T10:00:00+00:00", "2026-03-01T10:05:00+00:00", turns, Scores(0, 0, 0, 0),
    )  # fmt: skip


def test_word_habits_count_the_softeners_you_typed() -> None:
    newest = rehearsal("Maybe I could, um, end it? Maybe.", "Sorry, I'm ending it.")
    older = rehearsal("Maybe we stop on the 30th.")
    picked = rehearsal("Maybe maybe maybe maybe.", how="picked")
    habits = word_habits([newest, older, picked], window=1)
    by_word = {h.label: h for h in habits}
    assert by_word["maybe"].count == 3
    assert (by_word["maybe"].recent, by_word["maybe"].before) == (2, 1)
    assert habits[0].label == "maybe"
    assert all(h.tag in ("hedge", "filler", "apology", "permission", "minimizer") for h in habits)


def test_a_practice_from_an_outcome_counts_tags_and_stances() -> None:
    outcome = rehearsal("I'm ending it.", "Sorry.")
    light = practice_of(outcome, key="7")
    assert light.tags == {"waffle": 2}
    assert light.turns == 2 and light.key == "7" and light.overall == 0
