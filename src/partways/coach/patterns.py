"""Patterns of the coach's word lists, compiled into token slots.

A pattern (``i('ve| have)? decided``, ``<you> ~ <fault>``; the syntax is in
``lexicons/README.md``) becomes a sequence of groups, each a tuple of alternative
runs of slots; :mod:`partways.coach.matching` matches them against a sentence.
"""

from __future__ import annotations

from partways.coach.tokens import COMMA, END, NUM, WORD, fold, tokenize

__all__ = ["Group", "LexiconError", "Slot", "compile_pattern", "expand_classes"]


class LexiconError(ValueError):
    """A line of a lexicon file that cannot be read."""


#: Slot kinds in a compiled phrase.
S_WORD = "w"  # exact key
S_STEM = "p"  # key starts with
S_NUM = "n"  # a number
S_GAP = "g"  # up to three words
S_LONG = "~"  # up to ten words (the same sentence: a co-occurrence)
S_COMMA = ","
S_END = "."  # a sentence end token (. ! ? ;) with this key
S_BOS = "^"  # at the start of a sentence
S_EOS = "$"  # at the end of a sentence
S_ANY = "*"  # any one word

MAX_EXPANSIONS = 512
GAP_WORDS = 3
LONG_GAP_WORDS = 10


Slot = tuple[str, str]
Group = tuple[tuple[Slot, ...], ...]


def _expand_seq(pattern: str, i: int) -> tuple[list[str], int]:
    """Alternatives of a sequence from ``i`` up to an unmatched ``)`` or the end."""
    alternatives: list[str] = []
    current = [""]
    while i < len(pattern):
        ch = pattern[i]
        if ch == ")":
            break
        if ch == "|":
            alternatives.extend(current)
            current = [""]
            i += 1
            continue
        if ch == "(":
            inner, j = _expand_seq(pattern, i + 1)
            if j >= len(pattern) or pattern[j] != ")":
                raise LexiconError(f"unbalanced '(' in {pattern!r}")
            i = j + 1
            options = inner
        else:
            options = [ch]
            i += 1
        if i < len(pattern) and pattern[i] == "?" and (ch == "(" or ch.isalnum() or ch in "'-"):
            # x? or (...)? : optional. A "?" after a space (a question mark) stays literal.
            options = [*options, ""]
            i += 1
        current = [c + o for c in current for o in options]
        if len(current) > MAX_EXPANSIONS:
            raise LexiconError(f"{pattern!r} expands to more than {MAX_EXPANSIONS} phrases")
    alternatives.extend(current)
    return alternatives, i


def _slots(text: str, language: str) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    for word in text.split():
        if word == "...":
            slots.append((S_GAP, ""))
        elif word == "~":
            slots.append((S_LONG, ""))
        elif word in ("^", "$"):
            slots.append((S_BOS if word == "^" else S_EOS, ""))
        elif word == "<num>":
            slots.append((S_NUM, ""))
        elif word == "<any>":
            slots.append((S_ANY, ""))
        elif word == ",":
            slots.append((S_COMMA, ","))
        elif word in (".", "!", "?", ";"):
            slots.append((S_END, word))
        elif word.endswith("*") and len(word) > 2:
            slots.append((S_STEM, fold(word[:-1])))
        elif len(word) > 1 and word.endswith("'") and word[-2].isalpha():
            slots.append((S_WORD, fold(word)))  # an elided word written apart: "j' ai"
        else:
            for tok in tokenize(word, language):
                if tok.kind in (WORD, NUM):
                    slots.append((S_WORD, tok.key))
                elif tok.kind == COMMA:
                    slots.append((S_COMMA, ","))
                elif tok.kind == END:
                    slots.append((S_END, tok.key))
    return tuple(slots)


def _segments(pattern: str) -> list[str]:
    """``pattern`` split at the spaces that are not inside parentheses."""
    parts: list[str] = []
    depth, current = 0, ""
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch.isspace() and depth == 0:
            if current:
                parts.append(current)
            current = ""
        else:
            current += ch
    if depth != 0:
        raise LexiconError(f"unbalanced parentheses in {pattern!r}")
    if current:
        parts.append(current)
    return parts


def compile_pattern(pattern: str, language: str) -> tuple[Group, ...]:
    """One pattern as a sequence of groups, each a tuple of alternative slot runs.

    A group comes from one space-separated segment of the pattern, expanded on its
    own (so alternatives multiply within a segment, never across the pattern);
    alternatives are tried longest first, and an empty one makes the group optional.
    """
    groups: list[Group] = []
    for segment in _segments(pattern):
        results, rest = _expand_seq(segment, 0)
        if rest != len(segment):
            raise LexiconError(f"unbalanced ')' in {pattern!r}")
        runs = {_slots(" ".join(r.split()), language) for r in results}
        groups.append(tuple(sorted(runs, key=lambda run: (-len(run), run))))
    return tuple(groups)


def expand_classes(line: str, classes: dict[str, list[str]]) -> str:
    """``line`` with every ``<name>`` of a word class written out as ``(a|b|...)``."""
    out: list[str] = []
    rest = line
    while "<" in rest:
        head, _, tail = rest.partition("<")
        name, sep, after = tail.partition(">")
        out.append(head)
        if not sep:
            out.append("<" + tail)
            rest = ""
            break
        if name in ("num", "any"):
            out.append(f"<{name}>")
        elif name in classes:
            out.append("(" + "|".join(classes[name]) + ")")
        else:
            raise LexiconError(f"unknown word class <{name}> in {line!r}")
        rest = after
    out.append(rest)
    return "".join(out)
