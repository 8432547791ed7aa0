"""The coach's word lists: one plain-text file per language, read and compiled once.

The format is described in ``lexicons/README.md`` (and in each file's header).
In short::

    # a comment
    [hedge relational]        <- a section: a tag of the contract, then a kind (optional)
    i think
    i (feel|felt) like        <- (a|b) alternatives, x? or (..)? optional, word* a stem
    [advice]                  <- key: value sections (meta, advice, strengths, notes, hints)
    hedge: Drop the hedge; say the decision as a decision.

Compiling a file turns each pattern into token sequences (:class:`Phrase`) and
indexes them by their first word, so that matching costs a dictionary look-up per
word of the reply. Nothing here uses :mod:`re` on the reply, nor PyYAML: the data
are parsed by hand, and the compiled tables are kept in a cache keyed on the
files' content (:mod:`partways.coach.cache`).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

from partways.coach.tokens import COMMA, END, NEWLINE, NUM, WORD, fold, tokenize
from partways.vocab import CONTENT_TAGS, LANGUAGES, STANCES

__all__ = [
    "KEY_SECTIONS",
    "LIST_SECTIONS",
    "Lexicon",
    "LexiconError",
    "Phrase",
    "compile_lexicon",
    "compile_pattern",
    "load_source",
    "parse_source",
]

#: Sections of ``key: value`` lines.
KEY_SECTIONS = ("meta", "advice", "strengths", "notes", "hints")
#: Sections that are plain lists of patterns with a special role (not a finding tag).
LIST_SECTIONS = (
    "negators",
    "negated-by",
    "boundaries",
    "reasons",
    "questions",
    "detect",
    "greetings",
    "assent",
)
#: A section of named word classes: ``[class you]`` then one alternative a line,
#: used in patterns as ``<you>``.
CLASS_SECTION = "class"
#: Finding tags a section may name: the contract's content tags and the stance names.
PATTERN_TAGS = (*CONTENT_TAGS, *STANCES)

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


class LexiconError(ValueError):
    """A line of a lexicon file that cannot be read."""


Slot = tuple[str, str]
Group = tuple[tuple[Slot, ...], ...]
#: What one sentence holds (token indexes within it): its hits (tag, kind, first token,
#: token after the last) with negation settled, its reason markers, its word count,
#: whether it is a greeting, whether it opens like a yes/no question, and the span of
#: an opening assent ("Okay,") or None.
Segment = tuple[
    list[tuple[str, str, int, int]],
    list[tuple[int, int]],
    int,
    bool,
    bool,
    tuple[int, int] | None,
]


class Phrase:
    """One compiled pattern: the groups to match, and what a match means."""

    __slots__ = ("groups", "index", "kind", "source", "tag")

    def __init__(self, tag: str, kind: str, groups: tuple[Group, ...], source: str) -> None:
        self.tag = tag
        self.kind = kind
        self.groups = groups
        self.source = source
        #: The long groups indexed by first word (see :func:`matching.index_groups`),
        #: made when the phrase is first matched; not saved in the cache.
        self.index: tuple[Any, ...] | None = None


class Lexicon:
    """A compiled language file."""

    __slots__ = (
        "anywhere",
        "by_num",
        "by_pair",
        "by_stem",
        "by_word",
        "detect",
        "language",
        "lists",
        "memo",
        "phrases",
        "texts",
    )

    def __init__(self, language: str) -> None:
        self.language = language
        self.phrases: list[Phrase] = []
        self.by_word: dict[str, list[int]] = {}
        # "first second" -> ids: phrases whose first two words are plain words
        self.by_pair: dict[str, list[int]] = {}
        self.by_stem: dict[str, list[int]] = {}  # first two letters of a stem -> ids
        self.by_num: list[int] = []
        self.anywhere: list[int] = []  # phrases that may start anywhere
        self.lists: dict[str, Lexicon] = {}  # the special lists, each indexed alike
        self.texts: dict[str, dict[str, str]] = {}
        self.detect: frozenset[str] = frozenset()
        #: What each sentence was found to hold, by its tokens (live typing re-reads
        #: only the sentence that changed). Bounded; not saved in the cache.
        self.memo: dict[tuple[tuple[int, str], ...], Segment] = {}

    def text(self, section: str, key: str, default: str = "") -> str:
        return self.texts.get(section, {}).get(key, default)


# -- parsing ----------------------------------------------------------------------


def load_source(language: str) -> str:
    """The text of the bundled file for ``language``."""
    from partways.coach.wordlists import source_path

    with open(source_path(language), encoding="utf-8") as handle:
        return handle.read()


def parse_source(source: str) -> list[tuple[str, str, str]]:
    """``(section, kind, line)`` for every data line; key sections give ``key: value`` lines."""
    rows: list[tuple[str, str, str]] = []
    section, kind = "", ""
    for number, raw in enumerate(source.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            parts = line[1:-1].split()
            if not parts:
                raise LexiconError(f"line {number}: an empty section name")
            section, kind = parts[0].lower(), (parts[1].lower() if len(parts) > 1 else "")
            if section not in (*KEY_SECTIONS, *LIST_SECTIONS, *PATTERN_TAGS, CLASS_SECTION):
                raise LexiconError(f"line {number}: unknown section [{section}]")
            continue
        if not section:
            raise LexiconError(f"line {number}: a line before the first [section]")
        if " #" in line and section not in KEY_SECTIONS:
            line = line.split(" #", 1)[0].rstrip()
        rows.append((section, kind, line))
    return rows


# -- pattern expansion -----------------------------------------------------------


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


def compile_phrase(tag: str, kind: str, pattern: str, language: str) -> Phrase | None:
    groups = compile_pattern(pattern, language)
    if not any(run for group in groups for run in group):
        return None
    return Phrase(tag, kind, groups, pattern)


def compile_lexicon(language: str, source: str) -> Lexicon:
    """Compile the text of one language file (raises :class:`LexiconError`)."""
    if language not in LANGUAGES:
        raise LexiconError(f"unknown language {language!r}")
    lexicon = Lexicon(language)
    detect: set[str] = set()
    rows = parse_source(source)
    classes: dict[str, list[str]] = {}
    for section, kind, line in rows:
        if section == CLASS_SECTION:
            classes.setdefault(kind, []).append(line)
    for section, kind, line in rows:
        if section == CLASS_SECTION:
            continue
        if "<" in line and section not in KEY_SECTIONS:
            line = _classes(line, classes)
        if section in KEY_SECTIONS:
            key, sep, value = line.partition(":")
            if not sep:
                raise LexiconError(f"[{section}] wants 'key: value', got {line!r}")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            lexicon.texts.setdefault(section, {})[key.strip()] = value
        elif section == "detect":
            detect.update(word.casefold() for word in line.split())
        else:
            phrase = compile_phrase(section, kind, line, language)
            if phrase is None:
                continue
            if section in LIST_SECTIONS:
                _index(lexicon.lists.setdefault(section, Lexicon(language)), phrase)
            else:
                _index(lexicon, phrase)
    lexicon.detect = frozenset(detect)
    return lexicon


def _classes(line: str, classes: dict[str, list[str]]) -> str:
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


def first_slots(groups: tuple[Group, ...]) -> list[Slot] | None:
    """The slots a match can start with (None: it may start with anything)."""
    firsts: list[Slot] = []
    for group in groups:
        optional = False
        for run in group:
            head = next((s for s in run if s[0] not in (S_BOS, S_EOS)), None)
            if head is None:
                optional = True
            elif head[0] in (S_GAP, S_LONG, S_ANY, S_COMMA, S_END):
                return None
            else:
                firsts.append(head)
        if not optional:
            return firsts
    return None


def _paths(groups: tuple[Group, ...], g: int, limit: int) -> list[tuple[Slot, ...]] | None:
    """The first ``limit`` matching slots of every path through ``groups[g:]``
    (anchors skipped); None when there are too many paths to list."""
    if g == len(groups) or limit == 0:
        return [()]
    out: list[tuple[Slot, ...]] = []
    for run in groups[g]:
        head = tuple(s for s in run if s[0] not in (S_BOS, S_EOS))[:limit]
        if len(head) >= limit:
            out.append(head)
            continue
        rest = _paths(groups, g + 1, limit - len(head))
        if rest is None:
            return None
        out.extend(head + r for r in rest)
        if len(out) > 256:
            return None
    return out


def _index(lexicon: Lexicon, phrase: Phrase) -> None:
    number = len(lexicon.phrases)
    lexicon.phrases.append(phrase)
    paths = _paths(phrase.groups, 0, 2)
    if (
        paths is not None
        and paths
        and all(len(p) == 2 and p[0][0] == S_WORD and p[1][0] == S_WORD for p in paths)
    ):
        for first, second in paths:
            ids = lexicon.by_pair.setdefault(f"{first[1]} {second[1]}", [])
            if not ids or ids[-1] != number:
                ids.append(number)
        return
    firsts = first_slots(phrase.groups)
    if firsts is None:
        lexicon.anywhere.append(number)
        return
    for kind, value in firsts:
        if kind == S_WORD:
            ids = lexicon.by_word.setdefault(value, [])
        elif kind == S_STEM:
            ids = lexicon.by_stem.setdefault(value[:2], [])
        else:
            ids = lexicon.by_num
        if not ids or ids[-1] != number:
            ids.append(number)
