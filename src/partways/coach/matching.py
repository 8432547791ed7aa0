"""Matching compiled phrases against a sentence's tokens (the coach's hot path).

A reply is ``(kind, key)`` pairs (see :mod:`partways.coach.tokens`); a phrase is
groups of alternative slot runs (see :mod:`partways.coach.lexicon`). Plain Python,
no :mod:`re`: a look-up per word finds the few phrases that may start there.
"""

from __future__ import annotations

from partways.coach.lexicon import Lexicon, Phrase
from partways.coach.patterns import (
    GAP_WORDS,
    LONG_GAP_WORDS,
    S_ANY,
    S_BOS,
    S_COMMA,
    S_END,
    S_EOS,
    S_GAP,
    S_LONG,
    S_NUM,
    S_STEM,
    S_WORD,
    Group,
    Slot,
)
from partways.coach.tokens import COMMA, END, NEWLINE, NUM, WORD

__all__ = ["candidates", "index_groups", "match_groups", "match_phrase", "next_keys"]

#: A group with this many alternatives or more is indexed by their first word.
INDEX_FROM = 6

#: Per group of a phrase: None, or the alternatives (their positions in the group) by
#: first word, and those that start otherwise.
Index = tuple["tuple[dict[str, tuple[int, ...]], tuple[int, ...]] | None", ...]


def index_groups(groups: tuple[Group, ...]) -> Index:
    """An index of the long groups (a word class written out has dozens of
    alternatives: only those that start with the word at hand are tried)."""
    out: list[tuple[dict[str, tuple[int, ...]], tuple[int, ...]] | None] = []
    for group in groups:
        if len(group) < INDEX_FROM:
            out.append(None)
            continue
        by_word: dict[str, list[int]] = {}
        rest: list[int] = []
        for n, run in enumerate(group):
            if run and run[0][0] == S_WORD:
                by_word.setdefault(run[0][1], []).append(n)
            else:
                rest.append(n)
        out.append(({k: tuple(v) for k, v in by_word.items()}, tuple(rest)))
    return tuple(out)


def match_phrase(phrase: Phrase, tokens: list[tuple[int, str]], i: int) -> int:
    """:func:`match_groups` for a compiled phrase (its groups indexed when first used)."""
    index = phrase.index
    if index is None:
        index = phrase.index = index_groups(phrase.groups)
    return _match(phrase.groups, 0, tokens, i, i, index)


def match_groups(
    groups: tuple[Group, ...], tokens: list[tuple[int, str]], i: int, index: Index | None = None
) -> int:
    """The index after a match of ``groups`` starting at token ``i``, or -1.

    ``tokens`` are ``(kind, key)`` pairs. Commas in the text are skipped unless the
    pattern asks for one; a gap never crosses a sentence end or a line break.
    """
    return _match(groups, 0, tokens, i, i, index)


def _runs(
    group: Group,
    entry: tuple[dict[str, tuple[int, ...]], tuple[int, ...]] | None,
    tokens: list[tuple[int, str]],
    i: int,
    j: int,
) -> Group:
    """The alternatives of ``group`` worth trying at token ``j``, in their order."""
    if entry is None:
        return group
    by_word, rest = entry
    n = len(tokens)
    if j > i:
        while j < n and tokens[j][0] == COMMA:
            j += 1
    found = by_word.get(tokens[j][1]) if j < n else None
    if not found:
        return tuple(group[k] for k in rest)
    return tuple(group[k] for k in sorted(found + rest))


def _match(
    groups: tuple[Group, ...],
    g: int,
    tokens: list[tuple[int, str]],
    i: int,
    j: int,
    index: Index | None,
) -> int:
    if g == len(groups):
        return j
    runs = groups[g] if index is None else _runs(groups[g], index[g], tokens, i, j)
    for run in runs:
        if run and run[0][0] in (S_GAP, S_LONG):
            for _skip in range((GAP_WORDS if run[0][0] == S_GAP else LONG_GAP_WORDS) + 1):
                end = _match(groups, g + 1, tokens, i, j, index)
                if end >= 0:
                    return end
                if j >= len(tokens) or tokens[j][0] in (END, NEWLINE):
                    break
                j += 1
            continue
        k = _run(run, tokens, i, j)
        if k >= 0:
            end = _match(groups, g + 1, tokens, i, k, index)
            if end >= 0:
                return end
    return -1


def _run(run: tuple[Slot, ...], tokens: list[tuple[int, str]], i: int, j: int) -> int:
    n = len(tokens)
    for kind, value in run:
        if kind == S_BOS:
            if j > 0 and tokens[j - 1][0] not in (END, NEWLINE):
                return -1
            continue
        if kind == S_EOS:
            if j < n and tokens[j][0] not in (END, NEWLINE):
                return -1
            continue
        if kind != S_COMMA and j > i:
            while j < n and tokens[j][0] == COMMA:
                j += 1
        if j >= n:
            return -1
        tkind, key = tokens[j]
        if kind == S_WORD:
            if key != value or tkind not in (WORD, NUM):
                return -1
        elif kind == S_STEM:
            if tkind != WORD or not key.startswith(value):
                return -1
        elif kind == S_NUM:
            if tkind != NUM:
                return -1
        elif kind == S_ANY:
            if tkind != WORD:
                return -1
        elif kind == S_COMMA:
            if tkind != COMMA:
                return -1
        elif kind == S_END and (tkind != END or key != value):
            return -1
        j += 1
    return j


def candidates(lexicon: Lexicon, kind: int, key: str, after: str = "") -> list[int]:
    """Ids of the phrases that may start at a token of this kind and key (``after``:
    the key of the next word, commas skipped)."""
    found: list[int] = []
    if kind == WORD:
        found.extend(lexicon.by_word.get(key, ()))
        if after:
            found.extend(lexicon.by_pair.get(f"{key} {after}", ()))
        found.extend(lexicon.by_stem.get(key[:2], ()))
    elif kind == NUM:
        found.extend(lexicon.by_word.get(key, ()))
        if after:
            found.extend(lexicon.by_pair.get(f"{key} {after}", ()))
        found.extend(lexicon.by_num)
    found.extend(lexicon.anywhere)
    return found


def next_keys(pairs: list[tuple[int, str]]) -> list[str]:
    """For each token, the key of the next word or number (commas skipped), or ""."""
    out = [""] * len(pairs)
    following = ""
    for i in range(len(pairs) - 1, -1, -1):
        out[i] = following
        kind, key = pairs[i]
        if kind in (WORD, NUM):
            following = key
        elif kind != COMMA:
            following = ""
    return out
