"""The coach's accuracy on the labelled corpus (``tests/coach_corpus/``).

``dev``, ``tune``, ``tune2`` and ``tune3`` are what the rules are tuned on (``tune``,
``tune2`` and ``tune3`` were written by others, to show where the rules did not
generalise): every stance of every language must stay at or above the goals on each,
and each language at or above :data:`TUNE_REACHED` on each tuning split (``tune3`` was
76% overall before the third round of rules, 100% after). ``heldout`` is written by someone who
never saw the rules: it must not fall below what was last reached, and the issue's goals
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


#: The tuning splits written by others: ``tune`` (first round), ``tune2`` (second round)
#: and ``tune3`` (third round).
TUNE_SPLITS = ("tune", "tune2", "tune3")
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


#: Accuracy per language on ``heldout`` when it was last measured (2026-11-29): a floor
#: against regressions, NOT the goal. The goal (:data:`GOAL`) is not met yet.
HELDOUT_REACHED = {"en": 0.82, "sv": 0.75, "fr": 0.75, "hr": 0.70, "bg": 0.73}

heldout_present = pytest.mark.skipif(
    not (HERE / "heldout").is_dir(), reason="no heldout split here"
)


@pytest.fixture(scope="module")
def heldout() -> Result:
    return evaluate("heldout")


# Neither test prints which replies were missed: whoever tunes the rules must not
# see the heldout split (``benchmarks/coach_accuracy.py --split dev,tune`` for that).


@heldout_present
@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout_accuracy_does_not_fall(heldout: Result, lang: str) -> None:
    assert heldout.total[lang], f"the heldout split has no {lang} replies"
    assert heldout.accuracy(lang) >= HELDOUT_REACHED[lang], f"{heldout.accuracy(lang):.0%}"


@heldout_present
@pytest.mark.xfail(strict=True, reason="issue 7: heldout accuracy is below the goal")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout_accuracy_meets_the_goal(heldout: Result, lang: str) -> None:
    assert heldout.accuracy(lang) >= GOAL.get(lang, OTHER_GOAL), f"{heldout.accuracy(lang):.0%}"
