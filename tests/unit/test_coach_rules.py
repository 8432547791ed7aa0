"""The general rules added for replies nobody tuned on: word classes, the sentence
gap, negation after a reversal, an opening assent, live-typing reuse, and the shape
of the coach's code (files <= 400 lines, functions <= 60)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from partways.coach import analyze
from partways.coach.lexicon import LexiconError, compile_lexicon
from partways.coach.matching import match_groups, match_phrase
from partways.coach.patterns import compile_pattern
from partways.coach.tokens import tokenize

COACH = Path(__file__).resolve().parents[2] / "src" / "partways" / "coach"


def pairs(text: str, language: str = "en") -> list[tuple[int, str]]:
    return [(t.kind, t.key) for t in tokenize(text, language)]


def test_a_word_class_is_written_out_and_a_long_gap_stays_in_the_sentence() -> None:
    lexicon = compile_lexicon(
        "en",
        "[class you]\nyou\nyour (team|people)\n"
        "[class fault]\nlate\nrude\nlazy\ncheap\nawful\nthe worst\n"
        "[blame criticism]\n<you> ~ <fault>\n",
    )
    (phrase,) = lexicon.phrases
    text = pairs("Your team has, again and again, been the worst. Late.")
    assert match_phrase(phrase, text, 0) == 11
    assert match_groups(phrase.groups, text, 0) == 11  # without the index, alike
    assert match_phrase(phrase, pairs("You were great. It is late."), 0) == -1


def test_an_unknown_word_class_is_an_error() -> None:
    with pytest.raises(LexiconError, match="unknown word class"):
        compile_lexicon("en", "[blame]\n<nobody> ~ late\n")


def test_an_elided_french_word_may_be_written_apart() -> None:
    reply = pairs("J'ai décidé.", "fr")
    for pattern in ("j' ai décidé", "j'ai décidé"):
        assert match_groups(compile_pattern(pattern, "fr"), reply, 0) == 3, pattern


@pytest.mark.parametrize(
    ("text", "lang", "stance"),
    [
        # second-person criticism, in every language
        ("Your team keeps changing the brief every week, so I'm out.", "en", "hostile"),
        ("Ni ändrar er varje vecka.", "sv", "hostile"),
        ("Votre équipe change d'avis toutes les semaines.", "fr", "hostile"),
        ("Vi stalno kasnite s uplatama.", "hr", "hostile"),
        ("Вие винаги закъснявате с плащанията.", "bg", "hostile"),
        # condescension and sarcasm
        ("As I've told you many times, the scope is fixed.", "en", "hostile"),
        ("Oh great, another emergency on a Sunday.", "en", "hostile"),
        # accepting a condition, agreeing to continue, postponing
        ("As long as the invoices are paid on time, I can continue.", "en", "cave"),
        ("Fine. Same time next week then.", "en", "cave"),
        ("Let's revisit this in spring.", "en", "cave"),
        # a reversal negated after it is a decision
        ("Thanks, but a discount won't keep me. My last day is the 3rd.", "en", "firm"),
        ("That doesn't change my decision.", "en", "firm"),
        # praise is not blame; an assent with a decision is not caving
        ("You've always been fair. I'm ending our contract on the 30th.", "en", "firm"),
        ("Okay. I've decided to end our contract on the 30th.", "en", "firm"),
    ],
)
def test_general_rules(text: str, lang: str, stance: str) -> None:
    assert analyze(text, lang).stance == stance


def test_typing_reuses_finished_sentences_and_gives_the_same_answer() -> None:
    text = "Hi Dana. I have decided to end our contract. Maybe we could talk about it"
    typed = [analyze(text[:n], "en") for n in range(1, len(text) + 1)]
    fresh = analyze(text, "en")
    assert typed[-1] == fresh
    assert analyze(text[:20], "en") == typed[19]  # going back (deleting) is read again


def test_every_coach_module_is_short_and_so_is_every_function() -> None:
    for path in sorted(COACH.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 400, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                assert length <= 60, f"{path.name}: {node.name} has {length} lines"


def test_what_is_kept_between_keystrokes_is_dropped_when_the_word_lists_change() -> None:
    from partways.coach import reader, wordlists

    text = "I have decided to end our contract. Thanks"
    before = analyze(text, "en")
    wordlists.reset()
    after = analyze(text, "en")
    assert after == before
    assert reader._sources["en"][0] is wordlists.get("en")
