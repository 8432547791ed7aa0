"""The third round of general rules (tune3): second-person evaluation, sarcasm,
condescension and counter-threats without a swear word; caving by a condition, an
open end or plain business as usual; plain refusals; a run-on chain of clauses; and
the firm replies those rules must leave alone (a handoff is not a threat)."""

from __future__ import annotations

import pytest

from partways.coach import analyze

HOSTILE = [
    ("Your endless revisions have cost me three weekends.", "en"),
    ("With all due respect, your team never reads the brief.", "en"),
    ("It's not me, it's you.", "en"),
    ("I'm not your personal assistant.", "en"),
    ("You should be thankful I stayed.", "en"),
    ("Everyone warned me about working with you.", "en"),
    ("Perhaps read the contract before you sign the next one.", "en"),
    ("Fine, post your review. I'll tell them why.", "en"),
    ("I'll attach every email you sent me.", "en"),
    ("Er ständiga ändringar har kostat mig flera helger.", "sv"),
    ("Spela inte offer.", "sv"),
    ("Ni verkar tro att jag jobbar gratis.", "sv"),
    ("Vos retards m'ont coûté deux semaines.", "fr"),
    ("Ne me dites pas que vous êtes surpris.", "fr"),
    ("Je souhaite bon courage à votre prochaine agence.", "fr"),
    ("Vaše stalne izmjene koštale su me dva vikenda.", "hr"),
    ("Nemojte glumiti žrtvu.", "hr"),
    ("Čini se da mislite da radim besplatno.", "hr"),
    ("Вашите промени ми струваха два уикенда.", "bg"),
    ("Не се правете на жертва.", "bg"),
    ("Явно мислите, че работя безплатно.", "bg"),
]

CAVE = [
    ("I'm leaving in June. Unless you can match my new rate, of course.", "en"),
    ("Fine. Same stand-up on Thursday.", "en"),
    ("I'll stay until you find someone, however long that takes.", "en"),
    ("Let's pause my notice until the launch.", "en"),
    ("Jag slutar. Om inte ni kan betala mer, förstås.", "sv"),
    ("J'arrête. Sauf si vous pouvez payer davantage.", "fr"),
    ("Prekidam suradnju. Osim ako možete platiti više.", "hr"),
    ("Прекратявам. Освен ако не можете да платите повече.", "bg"),
    ("Super, onda nastavljamo!", "hr"),
]

FIRM = [
    ("Sorry, no. My decision stays the same.", "en"),
    (
        "I'm ending the contract on the 30th. "
        "I'll attach all the project files to the handover email.",
        "en",
    ),
    (
        "I'm sure your new developer will enjoy working with your team. My last day is the 15th.",
        "en",
    ),
    (
        "I'm ending our work together at the end of the month. "
        "Let me know whenever works for you for the handover call.",
        "en",
    ),
    ("Vi förlänger inte avtalet. Jag bifogar alla filer i ett mejl.", "sv"),
    ("Merci, mais c'est non. Décembre sera notre dernier mois.", "fr"),
    ("Avec tout le respect que je vous dois, je ne renouvellerai pas le contrat.", "fr"),
    ("Hvala vam na svemu, kao i uvijek. Moj zadnji dan je 30.", "hr"),
    ("Чудесно, тогава ще ви изпратя документите в петък. Последният ни месец е декември.", "bg"),
]


@pytest.mark.parametrize(("text", "lang"), HOSTILE)
def test_blame_without_a_swear_word_is_hostile(text: str, lang: str) -> None:
    assert analyze(text, lang).stance == "hostile"


@pytest.mark.parametrize(("text", "lang"), CAVE)
def test_a_condition_an_open_end_or_business_as_usual_is_caving(text: str, lang: str) -> None:
    assert analyze(text, lang).stance == "cave"


@pytest.mark.parametrize(("text", "lang"), FIRM)
def test_plain_refusals_and_handoffs_stay_firm(text: str, lang: str) -> None:
    assert analyze(text, lang).stance == "firm"


def test_a_run_on_chain_of_clauses_buries_the_decision() -> None:
    text = (
        "You've been great, and the team is kind, and I learned a lot, "
        "and I'm grateful, and I've decided to stop at the end of June."
    )
    analysis = analyze(text, "en")
    assert analysis.stance == "waffle"
    assert any(f.kind == "buried" for f in analysis.findings)
    assert text[: analysis.findings[0].end].startswith("You've been great")


def test_a_run_on_chain_after_the_decision_piles_up_reasons() -> None:
    text = (
        "I'm ending our contract because I'm busy, and the kids start school, "
        "and the commute is long, and my accountant wants higher margins."
    )
    analysis = analyze(text, "en")
    assert analysis.stance == "waffle"
    assert any(f.tag == "over-explain" and f.kind == "reasons" for f in analysis.findings)


def test_two_chained_clauses_are_not_a_run_on() -> None:
    text = "I'm ending our contract on the 30th, and I'll send the files, and thank you."
    assert analyze(text, "en").stance == "firm"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vaše izmjene su me koštale tri vikenda.", "hr"),
        ("Вашите промени ми струваха два уикенда.", "bg"),
    ],
)
def test_what_the_client_cost_me_is_blame_with_the_clitic_either_side(text: str, lang: str) -> None:
    assert analyze(text, lang).stance == "hostile"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Nikad ne plaćate na vrijeme, pa prekidam.", "hr"),
        ("Stalno mijenjate mišljenje.", "hr"),
        ("Постоянно променяте решенията си.", "bg"),
        ("Jag har sparat kopior av alla mejl.", "sv"),
        ("Si vous aviez payé à temps, je serais resté.", "fr"),
        ("I've never had a client this disorganised.", "en"),
    ],
)
def test_reproach_with_negative_concord_or_no_pronoun_is_hostile(text: str, lang: str) -> None:
    assert analyze(text, lang).stance == "hostile"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I won't accept new projects from you after June.", "en"),
        ("Jag tar inte emot fler uppdrag från er efter juni.", "sv"),
        ("Je n'accepterai plus de missions de votre part après juin.", "fr"),
        ("Nakon lipnja više ne primam projekte od vas.", "hr"),
        ("След юни вече не приемам проекти от вас.", "bg"),
        ("Det passar inte er budget, så april blir sista månaden.", "sv"),
        ("От май вдигам цената си, затова април е последният месец.", "bg"),
    ],
)
def test_refusing_new_work_or_naming_the_last_month_is_firm(text: str, lang: str) -> None:
    assert analyze(text, lang).stance == "firm"
