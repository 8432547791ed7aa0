"""The coach's word lists: one plain-text file per language, read and compiled once.

The format is described in ``lexicons/README.md`` (and in each file's header).
In short::

    # a comment
    [hedge relational]        <- a section: a tag of scenarios/README.md, then a kind
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

from partways.coach.patterns import (
    S_ANY,
    S_BOS,
    S_COMMA,
    S_END,
    S_EOS,
    S_GAP,
    S_LONG,
    S_STEM,
    S_WORD,
    Group,
    LexiconError,
    Slot,
    compile_pattern,
    expand_classes,
)
from partways.vocab import CONTENT_TAGS, LANGUAGES, STANCES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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
    "acknowledging",
    "chain",
)
#: A section of named word classes: ``[class you]`` then one alternative a line,
#: used in patterns as ``<you>``.
CLASS_SECTION = "class"
#: Finding tags a section may name: the content tags of scenarios/README.md and the stance names.
PATTERN_TAGS = (*CONTENT_TAGS, *STANCES)

#: What one sentence holds (token indexes within it): its hits (tag, kind, first token,
#: token after the last) with negation settled, its reason markers, its word count,
#: whether it is a greeting, whether it opens like a yes/no question, the span of
#: an opening assent ("Okay,") or None, and the span of a run-on chain of clauses
#: (", and ..., and ..., and ...") or None.
Segment = tuple[
    list[tuple[str, str, int, int]],
    list[tuple[int, int]],
    int,
    bool,
    bool,
    tuple[int, int] | None,
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


# -- compiling --------------------------------------------------------------------


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
            line = expand_classes(line, classes)
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
