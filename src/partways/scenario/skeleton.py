"""A small valid scenario to start from, in any of the five languages (``partways new``).

Three turns and the four kinds of ending: the decision said first leads to a
clean exit, a waffle to a client who drifts on, a cave to ``caved``, a hostile
typed reply to a burned bridge. It validates, and every walk of it ends. The
comments (in English, for the author) say what to change; the text the client
and the user say is written in the scenario's language.
"""

from __future__ import annotations

import json

from partways.scenario.jsonschema import SCHEMA_NAME
from partways.vocab import Language

__all__ = ["TEXTS", "skeleton"]

#: Keys of a language's texts, each a string put into the template.
_EN = {
    "client": "Dana",
    "you": "Sam",
    "title": "Ending the work with Dana",
    "summary": "Dana has been a client for two years. You've decided to stop at the end "
    "of the month, and you're telling them today.",
    "open": "Hi {you}! What did you want to talk about?",
    "open_tip": "Lead with the decision, in one sentence.",
    "firm": "Thanks for making time, {client}. I've decided to end our work together on the 30th.",
    "firm_coach": "Decision first, with a date and a thank-you. No long explanation needed.",
    "waffle": "So, um... I was kind of wondering how things are going, maybe?",
    "waffle_coach": "Fillers and hedges, and no decision: the client takes over the talk.",
    "pushback": "Oh. Is this something we can fix?",
    "pushback_tip": "Restate the decision and offer a tidy handover.",
    "firm2": "My decision stands. I'll finish what's in progress and hand over every file "
    "by the 30th.",
    "firm2_coach": "The decision again, plus the handover and a date: nothing to negotiate.",
    "cave": "Okay, let's do one more month then.",
    "cave_coach": "You gave the decision away: now they know it can be bargained.",
    "drifting": "Right... Same time next week, then?",
    "drifting_tip": "Say the decision now, or it won't be said.",
    "firm3": "No. I'm ending our work together on the 30th, and I'll put it in an email today.",
    "firm3_coach": "A clear decision, a date, and in writing: now it's said.",
    "waffle3": "Sure, see you next week.",
    "waffle3_coach": "Nothing was said: you're back where you started.",
    "clean": "All right. Thanks for everything, then.",
    "clean_lesson": "You led with the decision, held it, and offered a handover.",
    "caved": "Great, business as usual!",
    "caved_lesson": "One more month makes the next talk harder.",
    "stalled": "Great, talk soon!",
    "stalled_lesson": "Without a clear decision, nothing changes.",
    "burned": "Well, now I know what you think of me.",
    "burned_lesson": "Blame undoes what you built together.",
}

_SV = {
    "client": "Karin",
    "you": "Jonas",
    "title": "Att avsluta samarbetet med Karin",
    "summary": "Karin har varit kund i två år. Du har bestämt dig för att sluta vid "
    "månadsskiftet och ska berätta det i dag.",
    "open": "Hej {you}! Vad ville du prata om?",
    "open_tip": "Börja med beskedet, i en mening.",
    "firm": "Tack för att du tog dig tid, {client}. Jag har bestämt mig för att avsluta "
    "vårt samarbete den 30:e.",
    "firm_coach": "Beskedet först, med datum och ett tack. Inga långa förklaringar.",
    "waffle": "Jo, alltså... jag har funderat lite på hur det går för oss, kanske?",
    "waffle_coach": "Utfyllnad och garderingar men inget besked: kunden tar över samtalet.",
    "pushback": "Oj. Är det något vi kan lösa?",
    "pushback_tip": "Upprepa beslutet och erbjud en ordnad överlämning.",
    "firm2": "Mitt beslut står fast. Jag gör klart det som pågår och lämnar över alla "
    "filer senast den 30:e.",
    "firm2_coach": "Beslutet igen, plus överlämning och datum: inget att förhandla om.",
    "cave": "Okej, vi kör en månad till då.",
    "cave_coach": "Du gav bort beslutet: nu vet kunden att det går att förhandla.",
    "drifting": "Jaha... Ses vi som vanligt nästa vecka då?",
    "drifting_tip": "Säg beslutet nu, annars blir det aldrig sagt.",
    "firm3": "Nej. Jag avslutar vårt samarbete den 30:e, och jag skickar det på mejl i dag.",
    "firm3_coach": "Tydligt besked, datum och skriftligt: nu är det sagt.",
    "waffle3": "Ja, vi ses väl nästa vecka.",
    "waffle3_coach": "Inget blev sagt: samtalet slutade där det började.",
    "clean": "Okej. Tack för allt, då.",
    "clean_lesson": "Du sa beslutet först, stod fast och erbjöd en överlämning.",
    "caved": "Skönt! Då kör vi som vanligt.",
    "caved_lesson": "En månad till gör nästa samtal svårare.",
    "stalled": "Bra, vi hörs!",
    "stalled_lesson": "Utan ett tydligt besked händer ingenting.",
    "burned": "Då vet jag vad du tycker om mig.",
    "burned_lesson": "Skuld och kritik river det ni har byggt upp.",
}

_FR = {
    "client": "Claire",
    "you": "Julien",
    "title": "Mettre fin à la collaboration avec Claire",
    "summary": "Claire est cliente depuis deux ans. Vous avez décidé d'arrêter à la fin "
    "du mois et vous le lui annoncez aujourd'hui.",
    "open": "Bonjour {you} ! Vous vouliez me parler ?",
    "open_tip": "Commencez par la décision, en une phrase.",
    "firm": "Merci de prendre le temps, {client}. J'ai décidé de mettre fin à notre "
    "collaboration le 30.",
    "firm_coach": "La décision d'abord, avec une date et un merci. Inutile de vous justifier.",
    "waffle": "Euh, en fait... je me demandais un peu comment ça se passait entre nous, "
    "peut-être ?",
    "waffle_coach": "Des hésitations et aucune décision : c'est le client qui prend la main.",
    "pushback": "Ah bon ? On ne peut pas arranger ça ?",
    "pushback_tip": "Redites la décision et proposez une passation propre.",
    "firm2": "Ma décision est prise. Je termine les travaux en cours et je vous transmets "
    "tous les fichiers d'ici le 30.",
    "firm2_coach": "La décision, la passation et une date : il n'y a rien à négocier.",
    "cave": "Bon, d'accord, on continue encore un mois.",
    "cave_coach": "Vous avez cédé : le client sait maintenant que tout se négocie.",
    "drifting": "Bon... On se voit la semaine prochaine, comme d'habitude ?",
    "drifting_tip": "Annoncez la décision maintenant, sinon elle ne sera jamais dite.",
    "firm3": "Non. Je mets fin à notre collaboration le 30, et je vous le confirme par "
    "mail aujourd'hui.",
    "firm3_coach": "Une décision claire, une date, et par écrit : c'est dit.",
    "waffle3": "Oui, à la semaine prochaine.",
    "waffle3_coach": "Rien n'a été dit : retour à la case départ.",
    "clean": "Très bien. Merci pour tout, alors.",
    "clean_lesson": "Vous avez annoncé la décision d'emblée, tenu bon et proposé une passation.",
    "caved": "Parfait, on continue comme avant !",
    "caved_lesson": "Un « encore un mois » rend la prochaine conversation plus difficile.",
    "stalled": "Super, à la semaine prochaine !",
    "stalled_lesson": "Sans décision claire, rien ne change.",
    "burned": "Au moins, je sais ce que vous pensez de moi.",
    "burned_lesson": "Les reproches gâchent ce que vous avez construit ensemble.",
}

_HR = {
    "client": "Marko",
    "you": "Ana",
    "title": "Kraj suradnje s Markom",
    "summary": "Marko vam je klijent već dvije godine. Odlučili ste prekinuti suradnju "
    "krajem mjeseca i danas mu to javljate.",
    "open": "Bok {you}! O čemu želiš razgovarati?",
    "open_tip": "Počni odlukom, u jednoj rečenici.",
    "firm": "Hvala ti na vremenu, {client}. Moja je odluka da 30. ovog mjeseca "
    "završavamo suradnju.",
    "firm_coach": "Prvo odluka, s datumom i zahvalom. Ne treba dugo objašnjavati.",
    "waffle": "Pa, ovaj... malo razmišljam o tome kako nam ide, možda?",
    "waffle_coach": "Poštapalice i ograde, a odluke nema: klijent preuzima razgovor.",
    "pushback": "Molim? Zar to ne možemo nekako riješiti?",
    "pushback_tip": "Ponovi odluku i ponudi urednu primopredaju.",
    "firm2": "Odluka ostaje. Završit ću ono što je u tijeku i predati ti sve datoteke do 30.",
    "firm2_coach": "Opet odluka, uz primopredaju i datum: nema se tu što pregovarati.",
    "cave": "Dobro, ajmo još mjesec dana.",
    "cave_coach": "Odluka je pala u vodu: klijent sad zna da se o svemu može pregovarati.",
    "drifting": "Dobro... Vidimo se onda sljedeći tjedan, kao i obično?",
    "drifting_tip": "Reci odluku sada, inače nikad neće biti izrečena.",
    "firm3": "Ne. 30. ovog mjeseca završavamo suradnju, a danas ću ti to poslati i mailom.",
    "firm3_coach": "Jasna odluka, datum i pisani trag: sad je rečeno.",
    "waffle3": "Da, vidimo se sljedeći tjedan.",
    "waffle3_coach": "Ništa nije rečeno: sve je ostalo kao prije.",
    "clean": "U redu. Hvala ti na svemu.",
    "clean_lesson": "Odluka je izrečena odmah, ostala je čvrsta, a primopredaja je ponuđena.",
    "caved": "Super, onda nastavljamo kao i dosad!",
    "caved_lesson": "Jedno „još mjesec dana” otežava sljedeći razgovor.",
    "stalled": "Odlično, čujemo se!",
    "stalled_lesson": "Bez jasne odluke ništa se ne mijenja.",
    "burned": "Sad barem znam što misliš o meni.",
    "burned_lesson": "Prigovori i prebacivanje krivnje ruše ono što ste zajedno izgradili.",
}

_BG = {
    "client": "Петър",
    "you": "Мария",
    "title": "Край на работата с Петър",
    "summary": "Петър ви е клиент от две години. Решили сте да спрете в края на месеца "
    "и днес ще му го кажете.",
    "open": "Здравей, {you}! За какво искаше да говорим?",
    "open_tip": "Започни с решението, в едно изречение.",
    "firm": "Благодаря, че отдели време, {client}. Реших да прекратя работата ни на 30-ти.",
    "firm_coach": "Първо решението, с дата и благодарност. Без дълги обяснения.",
    "waffle": "Ами, такова... мислех си малко как вървят нещата между нас, може би?",
    "waffle_coach": "Пълнежи и увъртане, а решение няма: клиентът поема разговора.",
    "pushback": "Моля? Не можем ли да го оправим някак?",
    "pushback_tip": "Повтори решението и предложи спокойно предаване на работата.",
    "firm2": "Решението ми е окончателно. Ще довърша текущата работа и ще ти предам "
    "всички файлове до 30-ти.",
    "firm2_coach": "Пак решението, плюс предаване и дата: няма какво да се пазари.",
    "cave": "Добре, хайде още един месец.",
    "cave_coach": "Отказа се от решението: клиентът вече знае, че всичко се пазари.",
    "drifting": "Добре... Значи до следващата седмица, както обикновено?",
    "drifting_tip": "Кажи решението сега, иначе никога няма да бъде казано.",
    "firm3": "Не. Прекратявам работата ни на 30-ти и още днес ще ти го пратя и по имейл.",
    "firm3_coach": "Ясно решение, дата и писмено: вече е казано.",
    "waffle3": "Да, до следващата седмица.",
    "waffle3_coach": "Нищо не беше казано: всичко си остава постарому.",
    "clean": "Добре. Благодаря ти за всичко.",
    "clean_lesson": "Решението беше казано веднага и твърдо, с предложение за предаване.",
    "caved": "Чудесно, продължаваме както досега!",
    "caved_lesson": "Едно „още един месец“ прави следващия разговор по-труден.",
    "stalled": "Супер, ще се чуем!",
    "stalled_lesson": "Без ясно решение нищо не се променя.",
    "burned": "Поне вече знам какво мислиш за мен.",
    "burned_lesson": "Упреците рушат онова, което сте изградили заедно.",
}

#: Each language's texts for the template.
TEXTS: dict[str, dict[str, str]] = {
    Language.EN: _EN,
    Language.SV: _SV,
    Language.FR: _FR,
    Language.HR: _HR,
    Language.BG: _BG,
}

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A new partways scenario: replace the words, keep the shape, then check it with
#   partways validate THIS-FILE --cover     and     partways map THIS-FILE
# The guide: scenarios/README.md. The line above lets an editor with a YAML
# language server check the file as you type (`partways new` put the schema beside it).
format: 1
id: {id}
title: <title>
language: {language}
reaction: {reaction}
reason: {reason}
difficulty: 1
summary: <summary>
client: <client>
you: <you>
start: open
nodes:
  open:                      # a turn: the client speaks, you answer
    mood: calm
    client: <open>
    tip: <open_tip>
    choices:                 # lines to pick (1 to 9); tags say what a line holds
      - say: <firm>
        next: pushback
        coach: <firm_coach>
        tags: [firm, decision, gratitude, notice]
      - say: <waffle>
        next: drifting
        coach: <waffle_coach>
        tags: [waffle, filler, hedge]
    reply:                   # a typed reply: the coach's stance picks the branch
      firm: pushback
      cave: caved
      default: drifting

  pushback:
    mood: surprised
    client: <pushback>
    tip: <pushback_tip>
    choices:
      - say: <firm2>
        next: clean-exit
        coach: <firm2_coach>
        tags: [firm, decision, handoff, notice]
      - say: <cave>
        next: caved
        coach: <cave_coach>
        tags: [cave, reversal]
    reply:
      firm: clean-exit
      cave: caved
      default: drifting

  drifting:
    mood: calm
    client: <drifting>
    tip: <drifting_tip>
    choices:
      - say: <firm3>
        next: pushback
        coach: <firm3_coach>
        tags: [firm, decision, notice, in-writing]
      - say: <waffle3>
        next: stalled
        coach: <waffle3_coach>
        tags: [cave]
    reply:
      firm: pushback
      hostile: burned
      default: stalled

  clean-exit:                # an ending: no choices, no reply
    mood: calm
    client: <clean>
    ending: clean-exit
    lesson: <clean_lesson>
  caved:
    mood: relieved
    client: <caved>
    ending: caved
    lesson: <caved_lesson>
  stalled:
    mood: calm
    client: <stalled>
    ending: stalled
    lesson: <stalled_lesson>
  burned:
    mood: hurt
    client: <burned>
    ending: burned-bridge
    lesson: <burned_lesson>
"""


def skeleton(scenario_id: str, language: str, reaction: str, reason: str) -> str:
    """The text of a new scenario file (the caller checked the id and the words)."""
    texts = TEXTS[language]
    out = TEMPLATE.format(
        schema=SCHEMA_NAME, id=scenario_id, language=language, reaction=reaction, reason=reason
    )
    for key, value in texts.items():
        # JSON strings are YAML double-quoted strings: any text goes in safely.
        out = out.replace(f"<{key}>", json.dumps(value, ensure_ascii=False))
    return out
