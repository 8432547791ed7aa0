"""Coach accuracy on the labelled corpus: per language, per stance, and a confusion table.

    python benchmarks/coach_accuracy.py                  # every split under tests/coach_corpus/
    python benchmarks/coach_accuracy.py dev -v           # one split, and list the misses
    python benchmarks/coach_accuracy.py --split dev,tune # only these splits (never heldout
                                                         # while tuning the rules)

Each split is reported on its own: ``dev`` is what the rules were tuned on,
``heldout`` (when present) was written by someone who never saw the rules.
Goals (issue 7): at least 90% in English, 80% in each other language, on heldout.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partways.vocab import LANGUAGES, STANCES
from tests.coach_corpus.corpus import Result, evaluate, splits

GOALS = {"en": 0.90}
OTHER_GOAL = 0.80


def percent(value: float) -> str:
    return "   -" if value != value else f"{value * 100:3.0f}%"


def report(split: str, result: Result, verbose: bool) -> None:
    langs = [lang for lang in LANGUAGES if result.total[lang]]
    total = sum(result.total.values())
    right = sum(result.right.values())
    print(
        f"\n== {split}: {right}/{total} right ({percent(right / total if total else float('nan'))})"
    )
    print(
        f"{'lang':<6}{'n':>5}{'acc':>6}{'goal':>6}  "
        + "".join(f"{s:>9}" for s in STANCES)
        + f"{'detect':>9}"
    )
    for lang in langs:
        goal = GOALS.get(lang, OTHER_GOAL)
        acc = result.accuracy(lang)
        mark = "ok" if acc >= goal else "LOW"
        cells = "".join(f"{percent(result.stance_accuracy(lang, s)):>9}" for s in STANCES)
        detect = percent(result.detected[lang] / result.total[lang])
        print(f"{lang:<6}{result.total[lang]:>5}{percent(acc):>6}{mark:>6}  {cells}{detect:>9}")
    print("\nconfusion (rows: labelled, columns: judged), all languages:")
    print(f"{'':>10}" + "".join(f"{s:>9}" for s in STANCES))
    for want in STANCES:
        row = [sum(result.confusion[lang, want, got] for lang in langs) for got in STANCES]
        print(f"{want:>10}" + "".join(f"{n:>9}" for n in row))
    if verbose:
        print("\nmisses:")
        for example, got in result.misses:
            print(f"  {example.where:<14} {example.stance:>7} -> {got:<7} {example.text[:90]}")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    wanted: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--split" or arg.startswith("--split="):
            value = arg.partition("=")[2] if "=" in arg else next(args, "")
            wanted.extend(name for name in value.split(",") if name)
        elif not arg.startswith("-"):
            wanted.append(arg)
    wanted = wanted or splits()
    unknown = [name for name in wanted if name not in splits()]
    if unknown:
        print(f"no such split: {', '.join(unknown)} (have {', '.join(splits())})", file=sys.stderr)
        return 2
    for split in wanted:
        report(split, evaluate(split), verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
