"""The coach's accuracy on the labelled corpus (``tests/coach_corpus/``).

``dev``, ``tune``, ``tune2``, ``tune3`` and ``tune4`` are what the rules are tuned on
(``tune`` to ``tune4`` were written by others, to show where the rules did not
generalise): every stance of every language must stay at or above the goals on each,
and each language at or above :data:`TUNE_REACHED` on each tuning split (``tune3`` was
76% overall before the third round of rules, 100% after; ``tune4`` was en 89% and sv
89% before the fourth round; its French, Croatian and Bulgarian sets were rewritten
midway, and read 64/77/73% with the third round's rules, 73/80/77% with the fourth
round's before anyone looked at them; 99% overall after). ``heldout`` and ``heldout2``
are written by people who never saw the rules: they must not fall below what was last
reached, and the issue's goals
(90% English, 80% each other language) are an expected failure until they are met
(strict: meeting them fails the test until the marker is removed).
"""

from __future__ import annotations

import pytest

from partways.vocab import LANGUAGES, STANCES
from tests.coach_corpus.corpus import HERE, Result, evaluate, examples

GOAL = {"en": 0.90}
OTHER_GOAL = 0.80
#: Accuracy per language reached on the tune split (a regression guard, not a goal).
TUNE_REACHED = 0.97


@pytest.fixture(scope="module")
def dev() -> Result:
    return evaluate("dev")


def test_dev_is_big_enough_and_covers_every_stance() -> None:
    items = examples("dev")
    counts = {lang: sum(1 for e in items if e.lang == lang) for lang in LANGUAGES}
    assert counts["en"] >= 200
    assert all(counts[lang] >= 30 for lang in LANGUAGES if lang != "en"), counts
    for lang in LANGUAGES:
        for stance in STANCES:
            assert any(e.lang == lang and e.stance == stance for e in items), (lang, stance)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stance", STANCES)
def test_dev_accuracy_per_stance(dev: Result, lang: str, stance: str) -> None:
    goal = GOAL.get(lang, OTHER_GOAL)
    misses = [e.text for e, _got in dev.misses if e.lang == lang and e.stance == stance]
    assert dev.stance_accuracy(lang, stance) >= goal, misses


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dev_language_detection(dev: Result, lang: str) -> None:
    assert dev.detected[lang] / dev.total[lang] >= 0.90


#: The tuning splits written by others: ``tune`` (first round), ``tune2`` (second round),
#: ``tune3`` (third round) and ``tune4`` (fourth round).
TUNE_SPLITS = ("tune", "tune2", "tune3", "tune4")
_results: dict[str, Result] = {}


def _tuned(split: str) -> Result:
    if not (HERE / split).is_dir():
        pytest.skip(f"no {split} split")
    if split not in _results:
        _results[split] = evaluate(split)
    return _results[split]


@pytest.mark.parametrize("split", TUNE_SPLITS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stance", STANCES)
def test_tune_accuracy_per_stance(split: str, lang: str, stance: str) -> None:
    tune = _tuned(split)
    goal = GOAL.get(lang, OTHER_GOAL)
    misses = [e.text for e, _got in tune.misses if e.lang == lang and e.stance == stance]
    assert tune.stance_accuracy(lang, stance) >= goal, misses


@pytest.mark.parametrize("split", TUNE_SPLITS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_tune_accuracy(split: str, lang: str) -> None:
    tune = _tuned(split)
    misses = [(e.stance, got, e.text) for e, got in tune.misses if e.lang == lang]
    assert tune.accuracy(lang) >= TUNE_REACHED, misses


#: Accuracy per language on each held-out split when last measured (2026-11-29, after the
#: fourth round of rules, measured at its end, percentages only: heldout 86%, heldout2
#: 84% overall; after the third round: 83% and 81%): a floor against regressions, NOT
#: the goal.
#: ``heldout2`` was written by someone who never saw the rules nor the other splits, and
#: nobody tuning has read either split.
HELDOUT_REACHED = {
    "heldout": {"en": 0.89, "sv": 0.83, "fr": 0.85, "hr": 0.82, "bg": 0.82},
    "heldout2": {"en": 0.88, "sv": 0.80, "fr": 0.73, "hr": 0.83, "bg": 0.87},
}
#: Where the issue's goal is met already; everywhere else it is an expected failure.
GOAL_MET = {
    ("heldout", "sv"),
    ("heldout", "fr"),
    ("heldout", "hr"),
    ("heldout", "bg"),
    ("heldout2", "sv"),
    ("heldout2", "hr"),
    ("heldout2", "bg"),
}

HELDOUT_CASES = [(split, lang) for split in HELDOUT_REACHED for lang in LANGUAGES]


def _present(split: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (HERE / split).is_dir(), reason=f"no {split} split here")


_results: dict[str, Result] = {}


def held_out(split: str) -> Result:
    if split not in _results:
        _results[split] = evaluate(split)
    return _results[split]


# Neither test prints which replies were missed: whoever tunes the rules must not
# see the held-out splits (``benchmarks/coach_accuracy.py --split tune3`` for that).


@pytest.mark.parametrize(
    ("split", "lang"), [pytest.param(s, lang, marks=_present(s)) for s, lang in HELDOUT_CASES]
)
def test_heldout_accuracy_does_not_fall(split: str, lang: str) -> None:
    result = held_out(split)
    assert result.total[lang], f"the {split} split has no {lang} replies"
    assert result.accuracy(lang) >= HELDOUT_REACHED[split][lang], f"{result.accuracy(lang):.0%}"


_UNMET = pytest.mark.xfail(strict=True, reason="issue 7: held-out accuracy is below the goal")


@pytest.mark.parametrize(
    ("split", "lang"),
    [
        pytest.param(s, lang, marks=[_present(s)] + ([] if (s, lang) in GOAL_MET else [_UNMET]))
        for s, lang in HELDOUT_CASES
    ],
)
def test_heldout_accuracy_meets_the_goal(split: str, lang: str) -> None:
    result = held_out(split)
    assert result.accuracy(lang) >= GOAL.get(lang, OTHER_GOAL), f"{result.accuracy(lang):.0%}"
