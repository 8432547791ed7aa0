"""The score formula, as documented in partways.scores."""

from __future__ import annotations

from partways.scores import ZERO, Said, score


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
