"""Generate a large, valid scenario file for benchmarking the loader.

    python benchmarks/gen_scenario.py 10000 /tmp/big.yaml

The scenario has a realistic mix: turns with two or three choices (say, next,
coach, tags), some free replies, tips and moods, placeholders, and endings of
every kind (at least one reachable ``clean-exit``). Every node is reachable from
``start`` and every node can reach an ending.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from partways.vocab import ENDINGS, MOODS, TAGS

_MOODS = MOODS[:7]
_ENDINGS = ENDINGS
_TAGS = tuple(tag for tag in TAGS if tag != "breakup-phrase")
_CLIENT_LINES = (
    "You wanted to talk, {you}?",
    "After everything? Really?",
    "Can we talk about a discount?",
    "I thought this was going well.",
    "Fine. Files by Friday.",
    "My lawyer will hear of this.",
)
_SAYS = (
    "Thanks, {client}. I'm ending our work together.",
    "So, um, maybe we could talk about things?",
    "My last day is the 30th; notes follow in writing.",
    "I hear you. My decision stands.",
    "Maybe one more month, if that helps?",
    "This was a nightmare because of you.",
)
_COACH = (
    "Decision first, one reason at most.",
    "Hedges and no decision.",
    "A date and a handoff.",
    "Acknowledge, then restate.",
    "More time reverses it.",
    "Blame burns the bridge.",
)
_TIPS = (
    "Lead with the decision.",
    "Name the last day.",
    "You do not owe a debate.",
)


def _q(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(n_nodes: int, seed: int = 1) -> str:
    """A valid scenario with ``n_nodes`` nodes (at least 2)."""
    rng = random.Random(seed)
    n_nodes = max(2, n_nodes)
    n_endings = max(1, n_nodes // 5)
    n_turns = n_nodes - n_endings
    turns = [f"t{i}" for i in range(n_turns)]
    endings = [f"end-{i}" for i in range(n_endings)]
    out = [
        "format: 1",
        f"id: generated-{n_nodes}",
        f"title: A generated scenario with {n_nodes} nodes",
        "language: en",
        "reaction: angry",
        "reason: nonpayment",
        "difficulty: 2",
        "summary: >",
        "  A long, generated rehearsal used to measure how fast",
        "  partways validates scenario files.",
        "client: Dana",
        "you: Sam",
        f"start: {turns[0]}",
        "nodes:",
    ]
    for i, name in enumerate(turns):
        # The first choice keeps the chain going so that every turn is reachable;
        # the last turn and some others lead to endings so every ending is used.
        first = turns[i + 1] if i + 1 < n_turns else endings[0]
        others = [endings[i % n_endings]]
        if rng.random() < 0.3:
            others.append(turns[rng.randrange(i, n_turns)] if i + 1 < n_turns else endings[0])
        out.append(f"  {name}:")
        out.append(f"    mood: {rng.choice(_MOODS)}")
        out.append(f"    client: {_q(rng.choice(_CLIENT_LINES))}")
        if rng.random() < 0.4:
            out.append(f"    tip: {rng.choice(_TIPS)}")
        out.append("    choices:")
        for target in [first, *others]:
            k = rng.randrange(len(_SAYS))
            out.append(f"      - say: {_q(_SAYS[k])}")
            out.append(f"        next: {target}")
            out.append(f"        coach: {_q(_COACH[k])}")
            if rng.random() < 0.7:
                tags = rng.sample(_TAGS, rng.randint(1, 3))
                out.append(f"        tags: [{', '.join(tags)}]")
        if rng.random() < 0.3:
            out.append("    reply:")
            out.append(f"      firm: {first}")
            out.append(f"      waffle: {others[0]}")
            out.append(f"      default: {first}")
    for j, name in enumerate(endings):
        out.append(f"  {name}:")
        out.append(f"    client: {_q('Fine. Send me the files.')}")
        out.append(f"    ending: {_ENDINGS[0] if j == 0 else rng.choice(_ENDINGS)}")
        if rng.random() < 0.5:
            out.append("    lesson: You held the line and kept it civil.")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: gen_scenario.py N_NODES OUTPUT.yaml", file=sys.stderr)
        return 2
    Path(argv[1]).write_text(generate(int(argv[0])), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
