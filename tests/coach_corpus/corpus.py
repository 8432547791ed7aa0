"""The labelled coach corpus: read the splits, judge every reply, count the results.

Layout: ``tests/coach_corpus/<split>/*.jsonl``, one JSON object a line:
``{"text": ..., "lang": "en", "stance": "firm", "note": "why (optional)"}``.
Every folder here is a split: ``dev/`` is the one the rules are tuned on;
``heldout/`` (written by someone who never saw the rules) is only measured.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from partways.coach import analyze
from partways.coach.detect import detect_language
from partways.vocab import LANGUAGES, STANCES

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    stance: str
    note: str
    where: str  # file:line


@dataclass
class Result:
    """Counts for one split."""

    total: Counter[str] = field(default_factory=Counter)  # (lang) -> n
    right: Counter[str] = field(default_factory=Counter)
    by_stance: Counter[tuple[str, str]] = field(default_factory=Counter)  # (lang, stance) -> n
    right_by_stance: Counter[tuple[str, str]] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # lang, want, got
    detected: Counter[str] = field(default_factory=Counter)  # lang -> detected right
    misses: list[tuple[Example, str]] = field(default_factory=list)

    def accuracy(self, lang: str) -> float:
        return self.right[lang] / self.total[lang] if self.total[lang] else float("nan")

    def stance_accuracy(self, lang: str, stance: str) -> float:
        n = self.by_stance[lang, stance]
        return self.right_by_stance[lang, stance] / n if n else float("nan")


def splits() -> list[str]:
    """The split folders present, ``dev`` first."""
    found = sorted(p.name for p in HERE.iterdir() if p.is_dir() and any(p.glob("*.jsonl")))
    return sorted(found, key=lambda name: (name != "dev", name))


def examples(split: str) -> list[Example]:
    out: list[Example] = []
    for path in sorted((HERE / split).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            lang, stance = item["lang"], item["stance"]
            assert lang in LANGUAGES, f"{path.name}:{number}: unknown lang {lang!r}"
            assert stance in STANCES, f"{path.name}:{number}: unknown stance {stance!r}"
            out.append(
                Example(item["text"], lang, stance, item.get("note", ""), f"{path.name}:{number}")
            )
    return out


def evaluate(split: str) -> Result:
    result = Result()
    for example in examples(split):
        got = analyze(example.text, example.lang).stance
        lang, want = example.lang, example.stance
        result.total[lang] += 1
        result.by_stance[lang, want] += 1
        result.confusion[lang, want, got] += 1
        if got == want:
            result.right[lang] += 1
            result.right_by_stance[lang, want] += 1
        else:
            result.misses.append((example, got))
        if detect_language(example.text) == lang:
            result.detected[lang] += 1
    return result
