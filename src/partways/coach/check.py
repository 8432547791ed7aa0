"""Check the coach's word lists: ``python -m partways.coach.check [FILE ...]``.

Compiles each language file (default: the bundled five) and prints one line per
pattern that cannot be read, ``FILE:LINE: error: MESSAGE``. Exit status 0 when
all are good, 1 otherwise.
"""

from __future__ import annotations

import os
import sys

from partways.coach.lexicon import (
    KEY_SECTIONS,
    LexiconError,
    compile_phrase,
    parse_source,
)
from partways.vocab import LANGUAGES

__all__ = ["check_file", "main"]

_REQUIRED_NOTES = ("firm", "waffle", "waffle_blurred", "waffle_plain", "cave", "hostile")


def check_file(path: str) -> list[str]:
    """Problems in one language file (its name, ``sv.txt``, gives the language)."""
    language = os.path.splitext(os.path.basename(path))[0]
    if language not in LANGUAGES:
        return [f"{path}:1: error: the file name must be a language code ({', '.join(LANGUAGES)})"]
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    problems: list[str] = []
    try:
        rows = parse_source(source)
    except LexiconError as error:
        return [f"{path}: error: {error}"]
    lines = source.splitlines()
    notes = set()
    for section, kind, line in rows:
        number = next((n for n, raw in enumerate(lines, 1) if raw.strip() == line), 0)
        if section in KEY_SECTIONS:
            key, sep, _value = line.partition(":")
            if not sep:
                problems.append(f"{path}:{number}: error: [{section}] wants 'key: value'")
            if section == "notes":
                notes.add(key.strip())
            continue
        if section == "detect":
            continue
        try:
            if compile_phrase(section, kind, line, language) is None:
                problems.append(f"{path}:{number}: error: the pattern matches nothing: {line!r}")
        except LexiconError as error:
            problems.append(f"{path}:{number}: error: {error}")
    missing = [key for key in _REQUIRED_NOTES if key not in notes]
    if missing:
        problems.append(f"{path}: warning: [notes] lacks {', '.join(missing)} (English is used)")
    return problems


def main(argv: list[str] | None = None) -> int:
    from partways.coach.wordlists import source_path

    paths = list(sys.argv[1:] if argv is None else argv) or [
        source_path(code) for code in LANGUAGES
    ]
    problems = [problem for path in paths for problem in check_file(path)]
    for problem in problems:
        print(problem)
    return 1 if any(": error:" in p for p in problems) else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
