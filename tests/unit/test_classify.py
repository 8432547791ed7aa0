"""The placeholder coach: stances, findings and notes, in every coach language."""

from __future__ import annotations

import pytest

from partways.coach.classify import Analysis, Finding, classify, coach_note

STANCE_EXAMPLES = [
    # English: the examples the contract's stance rule is tuned on.
    ("en", "I've decided to end our contract at the end of the month.", "firm"),
    ("en", "Thank you. My decision stands; I'll send the files and passwords by Friday.", "firm"),
    ("en", "Sorry, I was maybe thinking we could pause?", "waffle"),
    ("en", "Okay, I'll stay another month.", "cave"),
    ("en", "This is your fault, you never pay on time.", "hostile"),
    # Swedish
    ("sv", "Tack för samarbetet. Jag har bestämt mig för att avsluta vårt samarbete.", "firm"),
    ("sv", "Mitt beslut står fast. Jag skickar filerna och lösenorden på fredag.", "firm"),
    ("sv", "Förlåt, jag tänkte kanske att vi kunde ta en paus?", "waffle"),
    ("sv", "Okej, jag stannar en månad till.", "cave"),
    ("sv", "Det är ditt fel, du betalar aldrig i tid.", "hostile"),
    # French
    ("fr", "Merci pour votre confiance. J’ai décidé de mettre fin à notre collaboration.", "firm"),
    ("fr", "Ma décision est prise. Je vous envoie un récapitulatif par e-mail vendredi.", "firm"),
    ("fr", "Désolé, je me disais qu’on pourrait peut-être faire une pause ?", "waffle"),
    ("fr", "Bon d’accord, je reste encore un mois.", "cave"),
    ("fr", "C’est votre faute, vous ne payez jamais à temps.", "hostile"),
    # Croatian
    ("hr", "Hvala vam na suradnji. Odlučila sam završiti našu suradnju do kraja mjeseca.", "firm"),
    ("hr", "Ostajem pri odluci. Predat ću vam sve datoteke i lozinke u petak.", "firm"),
    ("hr", "Oprostite, možda bismo mogli malo pauzirati?", "waffle"),
    ("hr", "Dobro, ostat ću još mjesec dana.", "cave"),
    ("hr", "Vi ste krivi, nikad ne plaćate na vrijeme.", "hostile"),
    # Bulgarian
    ("bg", "Благодаря ви за всичко. Реших да прекратя договора в края на месеца.", "firm"),
    ("bg", "Решението ми е окончателно. Ще ви изпратя обобщение по имейл до петък.", "firm"),
    ("bg", "Извинявай, мислех си, че може би можем да направим пауза?", "waffle"),
    ("bg", "Добре, ще остана още един месец.", "cave"),
    ("bg", "Вие сте виновни, никога не плащате навреме.", "hostile"),
]


@pytest.mark.parametrize(("lang", "text", "stance"), STANCE_EXAMPLES)
def test_stance(lang: str, text: str, stance: str) -> None:
    analysis = classify(text, lang)
    assert analysis.stance == stance, analysis
    assert analysis.language == lang
    assert analysis.tags[-1] == stance


@pytest.mark.parametrize(("lang", "text", "stance"), STANCE_EXAMPLES)
def test_offsets_and_note(lang: str, text: str, stance: str) -> None:
    analysis = classify(text, lang)
    for finding in analysis.findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.advice
    note = coach_note(analysis)
    assert note and note.count(".") <= 4


def test_firm_findings_in_english() -> None:
    text = "Thank you. My decision stands; I'll send the files and passwords by Friday."
    analysis = classify(text, "en")
    assert analysis.tags == ("gratitude", "decision", "handoff", "notice", "firm")
    assert [f.text for f in analysis.findings if f.tag == "handoff"] == ["files", "passwords"]
    assert coach_note(analysis).startswith("Good:")


def test_waffle_note_quotes_the_hedges() -> None:
    analysis = classify("So, um, I was kind of thinking maybe we could talk?", "en")
    assert analysis.stance == "waffle"
    note = coach_note(analysis)
    assert note.startswith("Hedges ('I was kind of thinking', 'maybe'")
    assert "no decision" in note


@pytest.mark.parametrize("prefix", ["😀 ", "👩🏽‍💻🚀 ", "𝒜𝒷𝒸 — ", "\U0001f600" * 7])
def test_offsets_after_non_bmp_characters(prefix: str) -> None:
    text = prefix + "Sorry, maybe I'll stay another month."
    analysis = classify(text, "en")
    assert analysis.stance == "cave"
    assert analysis.findings
    for finding in analysis.findings:
        assert text[finding.start : finding.end] == finding.text
    assert "Sorry" in [f.text for f in analysis.findings]


def test_curly_apostrophes_match_and_keep_offsets() -> None:
    text = "🎉 I’ve decided; I’ll hand over the files."
    analysis = classify(text, "en")
    assert analysis.stance == "firm"
    decision = next(f for f in analysis.findings if f.tag == "decision")
    assert decision.text == "I’ve decided"
    assert text[decision.start : decision.end] == decision.text


def test_hedge_wrapped_reversal_is_cave() -> None:
    analysis = classify("Maybe, I guess, we could try again? Sorry.", "en")
    assert analysis.stance == "cave"
    assert "reversal" in analysis.tags
    assert "hedge" in analysis.tags


def test_blame_beats_a_decision() -> None:
    analysis = classify("I've decided to end our contract, and frankly it's your fault.", "en")
    assert analysis.stance == "hostile"
    assert "decision" in analysis.tags and "blame" in analysis.tags


def test_reversal_beats_a_decision() -> None:
    analysis = classify("I've decided to end it, but okay, I'll stay one more month.", "en")
    assert analysis.stance == "cave"


def test_negated_reversal_is_a_decision() -> None:
    analysis = classify("I haven't changed my mind.", "en")
    assert analysis.stance == "firm"
    assert "reversal" not in analysis.tags


def test_no_decision_is_waffle() -> None:
    analysis = classify("How are things going with the launch?", "en")
    assert analysis.stance == "waffle"
    # Only structural findings: no decision at all, and a question in its place.
    assert {(f.tag, f.kind) for f in analysis.findings} == {
        ("waffle", "no-decision"),
        ("permission", "question"),
    }
    assert all(f.structural for f in analysis.findings)
    assert coach_note(analysis)


def test_decision_with_softeners_is_waffle() -> None:
    analysis = classify("Sorry, I just wanted to say I've decided to end our contract.", "en")
    assert analysis.stance == "waffle"
    assert "blur" in coach_note(analysis)


def test_over_explaining() -> None:
    many = "I'm ending it because of the scope, and also the hours, plus the weekend calls."
    assert "over-explain" in classify(many, "en").tags
    long = "I've decided to end our contract. " + "The work keeps growing every week. " * 12
    analysis = classify(long, "en")
    assert analysis.stance == "waffle"
    explain = [f for f in analysis.findings if f.tag == "over-explain"]
    assert explain and all(long[f.start : f.end] == f.text for f in explain)


def test_breakup_phrase() -> None:
    analysis = classify("I've decided we should break up.", "en")
    assert "breakup-phrase" in analysis.tags
    assert "break up" in coach_note(analysis)


def test_unknown_language_falls_back_to_english() -> None:
    for lang in ("de", "", "xx-YY", "EN", "en_GB"):
        analysis = classify("I've decided to end our contract at the end of the month.", lang)
        assert analysis.language == "en"
        assert analysis.stance == "firm"


def test_language_with_region_is_understood() -> None:
    assert classify("Jag har bestämt mig.", "sv-SE").language == "sv"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x1b[31m\x00\x07\x7f\x9b",
        "😀" * 1000,
        "maybe " * 100_000,
        "x" * 1_000_000,
        "\ud800 lone surrogate",
        "((([[[{{{*+?\\",
    ],
)
@pytest.mark.parametrize("lang", ["en", "sv", "fr", "hr", "bg", "zz"])
def test_never_raises(text: str, lang: str) -> None:
    analysis = classify(text, lang)
    assert analysis.stance in ("firm", "waffle", "cave", "hostile")
    for finding in analysis.findings:
        assert text[finding.start : finding.end] == finding.text
    assert isinstance(coach_note(analysis), str)


def test_empty_reply_is_waffle_without_findings() -> None:
    analysis = classify("", "en")
    assert analysis == Analysis("waffle", "en", ())
    assert analysis.tags == ("waffle",)


def test_tags_are_distinct_in_order_of_first_appearance() -> None:
    analysis = classify("Thanks! Thank you. I've decided. Thanks again.", "en")
    assert analysis.tags == ("gratitude", "decision", "firm")


def test_dataclasses_are_frozen() -> None:
    finding = Finding("hedge", 0, 5, "maybe", "advice")
    with pytest.raises(AttributeError):
        finding.tag = "blame"  # type: ignore[misc]


@pytest.mark.parametrize("lang", ["en", "sv", "fr", "hr", "bg"])
def test_notes_are_in_the_reply_language(lang: str) -> None:
    firm = {
        "en": ("I've decided to end our contract.", "Good:"),
        "sv": ("Jag har bestämt mig för att avsluta samarbetet.", "Bra:"),
        "fr": ("J'ai décidé de mettre fin à notre collaboration.", "Bien :"),
        "hr": ("Odlučio sam prekinuti našu suradnju.", "Dobro:"),
        "bg": ("Реших да прекратя сътрудничеството.", "Добре:"),
    }[lang]
    analysis = classify(firm[0], lang)
    assert analysis.stance == "firm"
    assert coach_note(analysis).startswith(firm[1])
