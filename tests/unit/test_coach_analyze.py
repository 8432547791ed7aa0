"""analyze(): the issue's examples, structural findings, notes, hints and robustness."""

from __future__ import annotations

import itertools
import time

import pytest

from partways.coach import MAX_CHARS, Analysis, analyze
from partways.coach.check import main as check_main
from partways.coach.detect import detect_language
from partways.coach.tokens import tokenize
from partways.vocab import LANGUAGES, STANCES, TAGS


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Sorry, but my decision is final.", "firm"),
        ("frankly I'm done with your excuses", "hostile"),
        ("You never pay on time and frankly I'm done.", "hostile"),
        ("Okay, let's keep going as we are.", "cave"),
        ("Okay. Let's keep going as we are.", "cave"),
        ("I won't reconsider.", "firm"),
        ("I'm not sure.", "waffle"),
        ("no amount of money will change it", "firm"),
        ("I'm not saying never.", "waffle"),
        ("It's not your fault. I've decided to end our contract.", "firm"),
        ("I've decided to end our contract. Just so you know, the files are ready.", "firm"),
        ("Maybe, I think, I sort of want to end our contract.", "waffle"),
    ],
)
def test_the_issue_examples(text: str, stance: str) -> None:
    assert analyze(text, "en").stance == stance


def check(analysis: Analysis, text: str) -> None:
    assert analysis.stance in STANCES
    assert analysis.language in LANGUAGES
    for f in analysis.findings:
        assert f.tag in TAGS
        assert 0 <= f.start < f.end <= min(len(text), MAX_CHARS)
        assert text[f.start : f.end] == f.text
    marks = analysis.marks
    assert all(a.end <= b.start for a, b in itertools.pairwise(marks))
    for hint in analysis.hints:
        assert text[hint.start : hint.end] == hint.text and hint.advice
    assert isinstance(analysis.note, str)


def test_negation_reaches_forward_within_the_clause() -> None:
    assert analyze("Even at double the rate, I'm not continuing.", "en").stance == "firm"
    # A comma or "but" ends the negation: the reversal stands.
    assert analyze("No, I'll stay another month.", "en").stance == "cave"


def test_density_one_softener_is_fine_two_are_not() -> None:
    assert analyze("I've decided to end our contract. Sorry.", "en").stance == "firm"
    assert analyze("I've just decided to end our contract.", "en").stance == "firm"
    assert analyze("Sorry, I've just decided to end our contract.", "en").stance == "waffle"


def test_structural_findings() -> None:
    text = (
        "I've been thinking about our work for weeks. The project grew a lot. "
        "My other clients need time too. I've decided to end our contract."
    )
    analysis = analyze(text, "en")
    kinds = {f.kind for f in analysis.findings}
    assert "buried" in kinds and analysis.stance == "waffle"
    assert analysis.first_fix is not None and analysis.first_fix.kind == "buried"
    assert any(h.move_first for h in analysis.hints)
    check(analysis, text)
    question = analyze("Could we end our contract at the end of the month?", "en")
    assert any(f.kind == "question" for f in question.findings)
    assert question.stance == "waffle"
    reasons = analyze("I'm ending it because of the hours and also because of the rate.", "en")
    assert any(f.kind == "reasons" for f in reasons.findings)
    nothing = analyze("How was your weekend?", "en")
    assert any(f.kind == "no-decision" for f in nothing.findings)


def test_notes_name_the_first_fix() -> None:
    assert "Blame" in analyze("It's all your fault.", "en").note
    assert analyze("I've decided to end our contract.", "en").note.startswith("Good:")
    assert (
        "question" in analyze("Could we maybe stop?", "en").note
        or "Hedges" in analyze("Could we maybe stop?", "en").note
    )


def test_scores_are_the_texts_own() -> None:
    analysis = analyze("Thanks! I've decided to end our contract; the files are yours.", "en")
    assert analysis.scores.to_json() == {
        "firmness": 100,
        "brevity": 100,
        "grace": 100,
        "handoff": 40,
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tack, men jag har bestämt mig.", "sv"),
        ("Merci, mais j'ai décidé d'arrêter.", "fr"),
        ("Hvala, ali odlučila sam prekinuti suradnju.", "hr"),
        ("Благодаря, но реших да прекратя договора.", "bg"),
        ("Thanks, but I've decided to stop.", "en"),
        ("Okej.", "sv"),
        ("12345 !!!", "en"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang
    assert analyze(text).language == lang


def test_tokens_elision_stems_contractions_and_cyrillic() -> None:
    assert [t.key for t in tokenize("J’ai décidé qu'on arrête", "fr")] == [
        "j'",
        "ai",
        "decide",
        "qu'",
        "on",
        "arrete",
    ]
    assert [t.key for t in tokenize("I won’t", "en")] == ["i", "will", "not"]
    assert [t.key for t in tokenize("Реших Odlučio", "hr")] == ["реших", "odlucio"]
    # Stems: any inflection of the Croatian verb.
    assert analyze("Odlučila sam.", "hr").stance == "firm"
    assert analyze("Odlucio sam.", "hr").stance == "firm"  # typed without diacritics


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x1b[2J\x9b\u202e",
        "שלום, I've decided. مرحبا",
        "🙂" * 500 + " maybe",
        "I've decided. " * 80_000,  # about 1 MB
        "maybe " * 200_000,
        "\ud800 lone",
    ],
)
@pytest.mark.parametrize("lang", [*LANGUAGES, None])
def test_never_crashes_or_hangs(text: str, lang: str | None) -> None:
    start = time.perf_counter()
    analysis = analyze(text, lang)
    assert time.perf_counter() - start < 2.0
    check(analysis, text)


def test_the_word_lists_compile_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_main([]) == 0
    assert ": error:" not in capsys.readouterr().out


def test_costliest_findings_for_the_ending_screen() -> None:
    from partways.coach.costs import costliest

    lines = [
        analyze("Sorry, I think maybe we should stop?", "en"),
        analyze("Okay, I'll stay another month.", "en"),
        analyze("It's your fault anyway.", "en"),
    ]
    costs = costliest(lines)
    assert len(costs) == 3
    assert [c.points for c in costs] == sorted((c.points for c in costs), reverse=True)
    assert costs[0].finding.tag in ("reversal", "blame")
    assert all(c.advice and lines[c.line].findings for c in costs)
    assert costliest([]) == ()
