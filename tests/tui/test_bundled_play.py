"""Every bundled scenario, played in the app at 80x24 to each of its endings.

With digits alone, every ending is reached; with typed replies (digits only
where a turn has no ``reply``), the paths the coach's stances open are played.

Nothing is loaded at collection time: the tests are one per bundled file and
mode (a folder listing), and each loads the catalog through :func:`bundled`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache

import pytest
from textual.widgets import Input

from partways.coach.classify import classify
from partways.paths import bundled_scenarios
from partways.scenario.catalog import load_catalog
from partways.scenario.model import Scenario
from partways.tui.screens.conversation import ConversationScreen
from partways.tui.screens.ending import EndingScreen

from .conftest import MakeApp

# One reply per stance per language, each checked against the coach below.
SAMPLES: dict[str, dict[str, str]] = {
    "en": {
        "firm": "Thank you. My decision stands; I'll send the files and passwords by Friday.",
        "waffle": "Sorry, I was maybe thinking we could pause?",
        "cave": "Okay, I'll stay another month.",
        "hostile": "This is your fault, you never pay on time.",
    },
    "sv": {
        "firm": "Mitt beslut står fast. Jag skickar filerna och lösenorden på fredag.",
        "waffle": "Förlåt, jag tänkte kanske att vi kunde ta en paus?",
        "cave": "Okej, jag stannar en månad till.",
        "hostile": "Det är ditt fel, du betalar aldrig i tid.",
    },
    "fr": {
        "firm": (
            "Merci. Ma décision est prise ; je vous envoie les fichiers et les mots de passe "
            "vendredi."
        ),
        "waffle": "Désolée, je pensais peut-être qu'on pourrait faire une pause ?",
        "cave": "D'accord, je reste un mois de plus.",
        "hostile": "C'est de votre faute, vous ne payez jamais à temps.",
    },
    "hr": {
        "firm": "Hvala. Moja odluka ostaje; datoteke i lozinke šaljem u petak.",
        "waffle": "Oprostite, mislila sam da bismo možda mogli napraviti pauzu?",
        "cave": "Dobro, ostajem još mjesec dana.",
        "hostile": "Vi ste krivi, nikad ne plaćate na vrijeme.",
    },
    "bg": {
        "firm": "Благодаря. Решението ми е окончателно; ще изпратя файловете и паролите в петък.",
        "waffle": "Извинявайте, мислех си, че може би бихме могли да направим пауза?",
        "cave": "Добре, оставам още един месец.",
        "hostile": "Вие сте виновни, никога не плащате навреме.",
    },
}


@cache
def bundled() -> dict[str, Scenario]:
    """The bundled scenarios by id, loaded once, when a test first needs them."""
    catalog = load_catalog([bundled_scenarios()])
    assert catalog.ok, catalog.diagnostics()
    return {scenario.id: scenario for scenario in catalog.scenarios}


def bundled_file(name: str) -> Scenario:
    """The bundled scenario loaded from the file called ``name``."""
    [scenario] = [s for s in bundled().values() if s.path is not None and s.path.name == name]
    return scenario


def samples_for(scenario: Scenario) -> dict[str, str]:
    samples = SAMPLES.get(scenario.language)
    if samples is None:
        pytest.fail(
            f"{scenario.id}: no sample replies in '{scenario.language}': add them to SAMPLES"
        )
    return samples


@dataclass(frozen=True)
class Step:
    digit: int | None = None
    text: str | None = None


def paths_to_endings(scenario: Scenario, typed: bool) -> dict[str, list[Step]]:
    """The shortest path to each ending node, typing wherever ``typed`` and a reply exists."""
    samples = samples_for(scenario) if typed else {}
    paths: dict[str, list[Step]] = {scenario.start: []}
    queue = deque([scenario.start])
    while queue:
        node = scenario.nodes[queue.popleft()]
        edges: list[tuple[Step, str]] = []
        if typed and node.reply:
            for stance, text in samples.items():
                edges.append((Step(text=text), node.reply.get(stance, node.reply["default"])))
        else:
            edges = [(Step(digit=n), c.next) for n, c in enumerate(node.choices, start=1)]
        for step, target in edges:
            if target not in paths:
                paths[target] = [*paths[node.id], step]
                queue.append(target)
    return {node_id: path for node_id, path in paths.items() if scenario.nodes[node_id].is_ending}


def test_the_samples_have_the_stances_they_claim() -> None:
    for lang, samples in SAMPLES.items():
        for stance, text in samples.items():
            assert classify(text, lang).stance == stance, (lang, text)


def test_there_are_three_bundled_scenarios_each_with_three_kinds_of_ending() -> None:
    assert {s.reaction for s in bundled().values()} >= {"pushback", "angry", "pleads"}
    for scenario in bundled().values():
        assert len(scenario.nodes) >= 8
        assert len({node.ending for node in scenario.endings}) >= 3
        turns = [node for node in scenario.nodes.values() if not node.is_ending]
        assert sum(bool(node.reply) for node in turns) * 2 > len(turns), "reply on most turns"


FILES = sorted(path.name for path in bundled_scenarios().glob("*.yaml"))


def test_digits_reach_every_ending() -> None:
    for scenario in bundled().values():
        assert set(paths_to_endings(scenario, typed=False)) == {n.id for n in scenario.endings}


def test_typed_replies_reach_a_clean_exit_and_another_ending() -> None:
    for scenario in bundled().values():
        reached = {scenario.nodes[n].ending for n in paths_to_endings(scenario, typed=True)}
        assert "clean-exit" in reached and len(reached) >= 2, (scenario.id, reached)


@pytest.mark.parametrize("typed", [False, True], ids=["digits", "typed"])
@pytest.mark.parametrize("name", FILES)
async def test_play_to_every_ending(make_app: MakeApp, name: str, typed: bool) -> None:
    scenario = bundled_file(name)
    paths = paths_to_endings(scenario, typed)
    assert paths, f"{scenario.id}: no ending reached"
    for ending, path in sorted(paths.items()):
        await play(make_app, scenario, ending, path, typed)


async def play(
    make_app: MakeApp, scenario: Scenario, ending: str, path: list[Step], typed: bool
) -> None:
    """Play ``path`` and check that it reached ``ending`` and was logged."""
    app = make_app(bundled=True, start=scenario.id)
    async with app.run_test(size=(80, 24)) as pilot:
        for step in path:
            assert isinstance(app.screen, ConversationScreen), (scenario.id, ending)
            if step.digit is not None:
                await pilot.press(str(step.digit))
            else:
                assert step.text is not None
                app.screen.query_one("#reply", Input).value = step.text
                await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen), (scenario.id, ending)
        assert app.screen.outcome.ending_node == ending
        assert app.screen.outcome.outcome == scenario.nodes[ending].ending
        hows = {turn.how for turn in app.screen.outcome.turns}
        if typed and any(step.text for step in path):
            assert "typed" in hows
    assert app.store.all().value[0].ending_node == ending
