"""Coach accuracy on the labelled corpus: per language, per stance, and a confusion table.

    python benchmarks/coach_accuracy.py                  # every split under tests/coach_corpus/
    python benchmarks/coach_accuracy.py dev -v           # one split, and list the misses
    python benchmarks/coach_accuracy.py --split dev,tune # only these splits (never heldout
                                                         # while tuning the rules)
    python benchmarks/coach_accuracy.py --scenarios [-v] # the bundled scenarios' picked lines:
                                                         # the coach against the lines' tags

A picked line's stance is what its tags say (``walk_report.stance_of``); a line whose
tags say nothing is not counted. With ``-v`` every disagreement is listed (file, node).

Each split is reported on its own: ``dev`` is what the rules were tuned on,
``heldout`` (when present) was written by someone who never saw the rules.
Goals (issue 7): at least 90% in English, 80% in each other language, on heldout.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partways.coach import analyze
from partways.scenario.loader import load_file
from partways.scenario.walk_report import stance_of
from partways.vocab import LANGUAGES, STANCES
from tests.coach_corpus.corpus import Example, Result, evaluate, splits

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

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
            print(f"  {example.where:<14} {example.stance:>7} -> {got:<7} {example.text[:200]}")


def scenario_lines() -> Result:
    """The coach's reading of every picked line in ``scenarios/*.yaml`` against its tags."""
    result = Result()
    for path in sorted(SCENARIOS.glob("*.yaml")):
        scenario, _diagnostics = load_file(path)
        if scenario is None:
            continue
        lang = scenario.language
        for node in scenario.nodes.values():
            for choice in node.choices:
                want = stance_of(choice)
                if want is None:
                    continue
                got = analyze(choice.say, lang).stance
                result.total[lang] += 1
                result.by_stance[lang, want] += 1
                result.confusion[lang, want, got] += 1
                result.detected[lang] += 1
                if got == want:
                    result.right[lang] += 1
                    result.right_by_stance[lang, want] += 1
                else:
                    where = f"{path.stem}:{node.id}"
                    result.misses.append((Example(choice.say, lang, want, "", where), got))
    return result


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    if "--scenarios" in argv:
        report("scenario lines (tags vs coach)", scenario_lines(), verbose)
        return 0
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
