"""What the tests share: where things are, the minimal scenarios, the benchmarks'
scenario generator, and a cache folder of its own for every test.

Also a plain module: ``from tests.conftest import ROOT, FIXTURES, MINIMAL, generate``.
"""

from __future__ import annotations

import importlib.util
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from partways.paths import CACHE_DIR_ENV
from partways.records import Outcome
from partways.scenario.model import Choice, Node, Scenario
from partways.store.tidy import tidy

#: The repository's root folder.
ROOT = Path(__file__).resolve().parent.parent
#: Scenario files made for the tests: scenarios/ (valid), broken/, cli/.
FIXTURES = ROOT / "tests" / "fixtures"

#: The smallest valid scenario file worth testing: two turns, a reply, one ending.
MINIMAL = textwrap.dedent(
    """\
    format: 1
    id: angry-late-payer
    title: The late payer gets angry
    language: en
    reaction: angry
    reason: nonpayment
    difficulty: 2
    summary: >
      Two invoices are 45 days late.
      You call to end the engagement.
    client: Dana
    you: Sam
    start: open
    nodes:
      open:
        mood: irritated
        client: "You wanted to talk, {you}? Make it quick."
        tip: Lead with the decision, in one sentence.
        choices:
          - say: "Thanks for making time, {client}. I've decided to end our work together."
            next: walked-out
            coach: Clear decision first, one reason at most.
            tags: [decision, gratitude]
          - say: "So, um, maybe we could talk about how things are going?"
            next: walked-out
            coach: "Hedges ('kind of', 'maybe') and no decision: the client takes control."
            tags: [waffle, hedge]
        reply:
          firm: walked-out
          default: walked-out
      walked-out:
        client: "Fine. Send me the files."
        ending: clean-exit
        lesson: You held the line and kept it civil.
    """
)


def minimal_scenario() -> Scenario:
    """A small scenario built in code (no YAML): every ending, a reply map, placeholders.

    ``open`` offers a firm line (→ ``push``) and a hedge (→ ``stall``), and takes a
    typed reply (firm → ``push``, cave → ``caved``, hostile → ``burn``, else
    ``stall``); ``push`` leads to the clean exit ``done``.
    """
    nodes = {
        "open": Node(
            id="open",
            client="Hi {you}, it's {client}.",
            mood="calm",
            tip="Lead with it, {you}.",
            choices=(
                Choice(
                    "I'm ending our work on the 30th, {client}.",
                    "push",
                    "Good.",
                    ("firm", "decision", "notice"),
                ),
                Choice("Um, maybe?", "stall", "Hedge.", ("hedge",)),
            ),
            reply={"firm": "push", "cave": "caved", "hostile": "burn", "default": "stall"},
        ),
        "push": Node(
            id="push",
            client="Please stay.",
            choices=(
                Choice(
                    "No, thank you. Files come Friday.",
                    "done",
                    "Held.",
                    ("firm", "gratitude", "handoff"),
                ),
            ),
        ),
        "stall": Node(
            id="stall",
            client="So nothing changes?",
            choices=(Choice("Right.", "stalled", "Nothing decided."),),
        ),
        "done": Node(id="done", client="Fine, {you}.", ending="clean-exit", lesson="Held, {you}."),
        "caved": Node(id="caved", ending="caved"),
        "burn": Node(id="burn", ending="burned-bridge"),
        "stalled": Node(id="stalled", ending="stalled"),
    }
    return Scenario(
        id="s",
        title="T",
        language="en",
        reaction="pleads",
        reason="other",
        summary="S",
        client="Dana",
        you="Sam",
        start="open",
        nodes=nodes,
    )


_generator: Callable[..., str] | None = None


def generate(n_nodes: int, seed: int = 1) -> str:
    """A valid scenario of ``n_nodes`` nodes: ``benchmarks/gen_scenario.py``'s generator
    (loaded on first use, so collecting the tests does not load it)."""
    global _generator
    if _generator is None:
        spec = importlib.util.spec_from_file_location(
            "gen_scenario", ROOT / "benchmarks" / "gen_scenario.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _generator = module.generate
    return _generator(n_nodes, seed=seed)


@pytest.fixture(autouse=True)
def _own_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    """Every test gets an empty cache folder: never the user's, never another test's.
    Subprocesses inherit it through the environment."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv(CACHE_DIR_ENV, str(folder))
    return folder


def outcome_of(**record: Any) -> Outcome:
    """An outcome with the given fields of its JSON form (the rest empty), tidied as
    the store tidies what it reads: ``outcome_of(scenario="s", scores={"grace": 70})``."""
    return Outcome.from_json(tidy(record))
