"""Misjudgements others reported (fourth round): a French handoff read as blame, an
opening "Yes," read as giving in before a plan of one's own, dates the coach did not
read (``1er avril``, ``27. ožujka``)."""

from __future__ import annotations

import pytest

from partways.coach import analyze
from partways.coach.tokens import NUM, tokenize


def tags(text: str, lang: str) -> set[str]:
    return {f.tag for f in analyze(text, lang).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Je vous envoie la facture finale et la date de fin demain.",
        "Je vous envoie aujourd'hui la confirmation écrite avec la date de fin.",
    ],
)
def test_a_french_end_date_is_not_blame(text: str) -> None:
    found = analyze(text, "fr")
    assert "blame" not in {f.tag for f in found.findings}
    assert found.stance == "firm"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Yes, I'll send it tonight.", "en"),
        ("Yes, I will send the handover notes tonight.", "en"),
        ("Ja, jag skickar den i kväll.", "sv"),
        ("Oui, je vous l'envoie ce soir.", "fr"),
        ("Da, poslat ću vam to večeras.", "hr"),
        ("Да, ще ви го изпратя довечера.", "bg"),
    ],
)
def test_an_opening_yes_before_a_plan_of_ones_own_is_not_giving_in(text: str, lang: str) -> None:
    assert analyze(text, lang).stance == "firm", analyze(text, lang).findings


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Yes, I will stay on.", "en"),
        ("Okay. Same time next week.", "en"),
        ("Fine, my last day can be whenever works for you.", "en"),
        ("Très bien, on prolonge jusqu'à fin juin.", "fr"),
        ("Ja, vi kör vidare som vanligt.", "sv"),
    ],
)
def test_an_opening_assent_with_no_plan_of_ones_own_still_gives_in(text: str, lang: str) -> None:
    assert analyze(text, lang).stance == "cave", analyze(text, lang).findings


@pytest.mark.parametrize(
    ("text", "lang", "date"),
    [
        ("Vous recevrez la facture au plus tard le 1er avril 2026.", "fr", "1er avril"),
        ("Račun ćete dobiti najkasnije 27. ožujka 2026.", "hr", "27. ožujka"),
        ("Последният ми ден е 3. март.", "bg", "3. март"),
    ],
)
def test_an_ordinal_date_is_a_date(text: str, lang: str, date: str) -> None:
    found = analyze(text, lang)
    notices = [f.text for f in found.findings if f.tag == "notice"]
    assert any(date in n for n in notices), found.findings


def test_an_ordinal_dot_ends_no_sentence_but_a_year_before_a_capital_does() -> None:
    tokens = tokenize("Najkasnije 27. ožujka 2026. Hvala.", "hr")
    assert [t.key for t in tokens if t.kind == NUM] == ["27.", "2026"]
    assert [t.key for t in tokenize("It ends on the 27. Then we stop.", "en")][4:6] == ["27", "."]


@pytest.mark.parametrize(
    ("text", "lang", "stance"),
    [
        # an offer acknowledged is not taken
        ("I appreciate the raise, but money won't change my mind.", "en", "firm"),
        ("Thanks for the discount offer. My last day stays the 30th.", "en", "firm"),
        # ... but taken, it is
        ("A raise would make it easier to stay.", "en", "cave"),
        # an assent that is a sentence of its own, later in the reply
        ("Ten percent... fine. For you.", "en", "cave"),
        ("Cijela godina unaprijed... dobro.", "hr", "cave"),
        # the old rate: working on at it gives in, a final invoice at it does not
        ("I could still do the small updates now and then, at the old rate.", "en", "cave"),
        ("The final invoice comes with it, at the old rate, by 31 December.", "en", "firm"),
    ],
)
def test_offers_assents_and_the_old_rate(text: str, lang: str, stance: str) -> None:
    found = analyze(text, lang)
    assert found.stance == stance, found.findings
