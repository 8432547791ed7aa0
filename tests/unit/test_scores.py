"""The score formula, as documented in partways.scores."""

from __future__ import annotations

from partways import scores
from partways.scores import SCORE_NAMES, ZERO, Said, Scores, score
from partways.vocab import SOFTENERS


def test_no_lines_scores_zero() -> None:
    assert score([]) == ZERO


def test_a_firm_short_graceful_line_with_full_handoff() -> None:
    result = score(
        [
            Said(
                "Thanks. I'm ending it on the 30th; files and a note in writing follow.",
                "firm",
                ("gratitude", "decision", "notice", "handoff", "in-writing"),
            )
        ]
    )
    assert result.to_json() == {"firmness": 100, "brevity": 100, "grace": 100, "handoff": 100}


def test_softeners_cost_firmness() -> None:
    line = Said("Sorry, maybe, if that's okay?", "waffle", ("apology", "hedge", "permission"))
    assert score([line]).firmness == 0  # 30 - 3 * 10


def test_cave_is_zero_firmness_and_mean_over_lines() -> None:
    lines = [
        Said("I'm ending it.", "firm", ("decision",)),
        Said("Okay, one more month.", "cave", ()),
    ]
    assert score(lines).firmness == 50


def test_long_and_over_explained_lines_lose_brevity() -> None:
    words = " ".join(["word"] * 35)  # 10 words past the free 25
    assert score([Said(words, "firm", ())]).brevity == 70
    assert score([Said(words, "firm", ("over-explain",))]).brevity == 45


def test_blame_and_breakup_phrase_cost_grace() -> None:
    lines = [
        Said("Thank you.", "firm", ("gratitude",)),
        Said("You never pay on time.", "hostile", ("blame",)),
        Said("I think we should break up.", "waffle", ("breakup-phrase",)),
    ]
    assert score(lines).grace == 70 + 30 - 35 - 20


def test_scores_are_clamped() -> None:
    lines = [Said("You are awful.", "hostile", ("blame",))] * 5
    assert score(lines).grace == 0


# -- each term of the formula on its own (mutation testing found these unchecked) ----------


def test_each_softener_but_over_explain_costs_ten_points_of_firmness() -> None:
    for tag in ("hedge", "permission", "minimizer", "apology", "filler"):
        assert score([Said("I'm ending it.", "firm", (tag,))]).firmness == 90, tag
    both = Said("I'm ending it.", "firm", ("hedge", "filler"))
    assert score([both]).firmness == 80
    explained = Said("I'm ending it.", "firm", ("over-explain",))
    assert score([explained]).firmness == 100, "brevity charges over-explaining, not firmness"
    assert score([explained]).brevity == 75


def test_the_firmness_softeners_are_the_vocabularys_but_over_explain() -> None:
    assert set(scores.SOFTENERS) == set(SOFTENERS) - {"over-explain"}


def test_each_stance_has_its_firmness_and_an_unknown_one_counts_as_a_waffle() -> None:
    values = {s: score([Said("x", s, ())]).firmness for s in ("firm", "hostile", "waffle", "cave")}
    assert values == {"firm": 100, "hostile": 60, "waffle": 30, "cave": 0}
    assert score([Said("x", "", ())]).firmness == 30
    assert score([Said("x", "", ("hedge",))]).firmness == 20


def test_brevity_is_floored_at_zero() -> None:
    words = " ".join(["word"] * 200)
    assert score([Said(words, "firm", ("over-explain",))]).brevity == 0
    assert score([Said(words, "firm", ()), Said("Done.", "firm", ())]).brevity == 50


def test_a_hostile_line_costs_grace_without_a_blame_tag() -> None:
    assert score([Said("Whatever.", "hostile", ())]).grace == 70 - 35
    assert score([Said("Your fault.", "firm", ("blame",))]).grace == 70 - 35
    assert score([Said("Your fault.", "hostile", ("blame",))]).grace == 70 - 35  # once a line


def test_each_handoff_term_on_its_own() -> None:
    for tag, points in (("handoff", 40), ("notice", 30), ("in-writing", 30)):
        assert score([Said("x", "firm", (tag,))]).handoff == points, tag
    assert score([Said("x", "firm", ())]).handoff == 0


def test_overall_is_the_rounded_mean() -> None:
    assert Scores(100, 90, 70, 40).overall == 75
    assert Scores(100, 100, 100, 99).overall == 100  # 99.75
    assert Scores(1, 0, 0, 0).overall == 0


def test_score_names_follow_the_fields() -> None:
    assert SCORE_NAMES == ("firmness", "brevity", "grace", "handoff")
    assert Scores(1, 2, 3, 4).to_json() == {"firmness": 1, "brevity": 2, "grace": 3, "handoff": 4}
