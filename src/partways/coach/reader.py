"""Reading one text: the phrase findings of each sentence, then the text's shape.

Live typing re-reads the same text with one more character, so everything that
depends on one sentence alone (its phrase hits with negation settled, its reason
markers, its word count, whether it greets, asks or agrees) is kept in a memo
keyed by the sentence's tokens: only the sentence being typed is read again.
The findings themselves are shared between analyses (they are immutable).
"""

from __future__ import annotations

import re

from partways.coach.results import Finding
from partways.coach.sentence import TAG_RANK, read_sentence
from partways.coach.tokens import END, NEWLINE, Token, tokenize
from partways.vocab import DECISIVE, SOFTENERS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from partways.coach.lexicon import Lexicon, Segment

__all__ = ["Reader", "Sentence", "stance_of"]

#: Sentences of preamble before the decision that bury it.
BURIED_AFTER = 3
#: Sentences that explain (neither decide, thank, date nor hand off) before it is too long.
MAX_EXPLAINING = 3
#: Reason markers before a text over-explains ("more than one reason").
MAX_REASONS = 1
#: Words past this many are marked as wordy (a hint toward brevity, weight ½).
MAX_WORDS = 60

#: Sentences remembered per language for live typing (see Lexicon.memo).
_MEMO_SIZE = 2_048
#: Findings remembered (shared between the analyses of one text being typed).
_FINDINGS_SIZE = 4_096

_RANK = {tag: n for n, tag in enumerate(TAG_RANK)}
_GOOD = frozenset(("decision", "notice", "handoff", "in-writing", "gratitude"))
_DECISIVE = frozenset(DECISIVE)
_SOFTENERS = frozenset(SOFTENERS)
#: Where a text may be cut without changing its tokens: after a sentence end or a line
#: break followed by white space (see :func:`partways.coach.tokens.tokenize`).
_CUT = re.compile(r"(?<=[.!?;…\n])(?<!\d\.)(?=\s)")
#: Everything the sentences before the cut hold (tokens, pairs, findings, reasons,
#: sentences, their tags, the questions, the assents).
_State = tuple[
    list[Token],
    list[tuple[int, str]],
    list[Finding],
    list[tuple[int, int]],
    "list[Sentence]",
    list[set[str]],
    set[int],
    dict[int, tuple[int, int]],
]
#: The finished sentences of the last text read, per language.
_heads: dict[str, tuple[str, _State]] = {}
_findings: dict[tuple[str, str, str, int, int, str], Finding] = {}
_advice: dict[tuple[str, str, str], str] = {}
#: The word lists the caches above were filled from, per language.
_sources: dict[str, tuple[Lexicon, Lexicon]] = {}


def _same_lists(lexicon: Lexicon, fallback: Lexicon) -> None:
    """Forget what was kept when the word lists changed (reloaded, or edited in a test)."""
    kept = _sources.get(lexicon.language)
    if kept is None or kept[0] is not lexicon or kept[1] is not fallback:
        _heads.clear()
        _findings.clear()
        _advice.clear()
        _sources[lexicon.language] = (lexicon, fallback)


class Sentence:
    """A sentence (or line) with at least one word: its tokens, its text span, and
    what it is like."""

    __slots__ = ("chained", "end", "first", "greeting", "last", "question", "start", "words")

    def __init__(
        self, first: int, last: int, start: int, end: int, words: int, question: bool
    ) -> None:
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        self.words = words
        self.question = question
        self.greeting = False
        #: The token span of a run-on chain of clauses (", and ..., and ..."), or None.
        self.chained: tuple[int, int] | None = None


def stance_of(findings: list[Finding]) -> str:
    """The stance the findings add up to (the rule is in :mod:`partways.coach.analysis`)."""
    tags = {f.tag for f in findings}
    if "blame" in tags:
        return "hostile"
    if "reversal" in tags:
        return "cave"
    if not tags & _DECISIVE:
        return "waffle"
    softness = sum(f.weight for f in findings if f.tag in _SOFTENERS)
    return "waffle" if softness >= 1.0 else "firm"


class Reader:
    """One analysis in progress: :meth:`read` gives the stance and the findings."""

    def __init__(self, text: str, lexicon: Lexicon, fallback: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.fallback = fallback
        _same_lists(lexicon, fallback)
        self.tokens: list[Token] = []
        self.pairs: list[tuple[int, str]] = []
        self.sentences: list[Sentence] = []
        self.by_sentence: list[set[str]] = []  # the tags found in each sentence
        self.reasons: list[tuple[int, int]] = []  # token spans, one per reason marker
        self.asks: set[int] = set()  # sentences that open like a yes/no question
        self.agreed: dict[int, tuple[int, int]] = {}  # sentence -> an opening "Okay," (tokens)
        self.found: list[Finding] = []  # the phrase findings

    def advice(self, tag: str, kind: str) -> str:
        key = (self.lexicon.language, tag, kind)
        found = _advice.get(key)
        if found is None:
            found = ""
            for lexicon in (self.lexicon, self.fallback):
                advice = lexicon.texts.get("advice", {})
                found = advice.get(f"{tag}/{kind}") or advice.get(tag) or ""
                if found:
                    break
            _advice[key] = found
        return found

    def finding(self, tag: str, kind: str, start: int, end: int) -> Finding:
        text = self.text[start:end]
        key = (self.lexicon.language, tag, kind, start, end, text)
        found = _findings.get(key)
        if found is None:
            found = Finding(tag, start, end, text, self.advice(tag, kind), kind)
            if len(_findings) >= _FINDINGS_SIZE:
                _findings.clear()
            _findings[key] = found
        return found

    def read(self) -> tuple[str, list[Finding]]:
        self.split()
        findings = self.found[:]
        if self.sentences:
            findings.extend(self.structure())
        findings.sort(key=lambda f: (f.start, -f.end, _RANK.get(f.tag, 99)))
        return stance_of(findings), findings

    def split(self) -> None:
        """Read each sentence. What the text's finished sentences hold is kept from the
        last text read in this language when they are the same (typing adds to the end)."""
        text, language = self.text, self.lexicon.language
        cut = 0
        for match in _CUT.finditer(text):
            cut = match.end()
        head = text[:cut]
        kept = _heads.get(language)
        if kept is not None and kept[0] == head:
            self.restore(kept[1])
        else:
            self.scan(head, 0)
            _heads[language] = (head, self.snapshot())
        self.scan(text[cut:], cut)

    def snapshot(self) -> _State:
        """A copy of what has been read so far (the reading goes on in place)."""
        return (
            self.tokens[:],
            self.pairs[:],
            self.found[:],
            self.reasons[:],
            self.sentences[:],
            self.by_sentence[:],
            set(self.asks),
            dict(self.agreed),
        )

    def restore(self, state: _State) -> None:
        tokens, pairs, found, reasons, sentences, by_sentence, asks, agreed = state
        self.tokens, self.pairs, self.found = tokens[:], pairs[:], found[:]
        self.reasons = reasons[:]
        self.sentences, self.by_sentence = sentences[:], by_sentence[:]
        self.asks, self.agreed = set(asks), dict(agreed)

    def scan(self, piece: str, offset: int) -> None:
        """Tokenise ``piece`` (at ``offset`` in the text) and read its sentences (from the
        memo when they were seen before)."""
        if not piece:
            return
        new = tokenize(piece, self.lexicon.language, offset)
        start = len(self.tokens)
        self.tokens.extend(new)
        self.pairs.extend((t.kind, t.key) for t in new)
        tokens, pairs, memo, lexicon = self.tokens, self.pairs, self.lexicon.memo, self.lexicon
        n = len(pairs)
        ends = [i + 1 for i in range(start, n) if pairs[i][0] == END or pairs[i][0] == NEWLINE]
        if start < n and (not ends or ends[-1] != n):
            ends.append(n)
        for end in ends:
            key = tuple(pairs[start:end])
            found = memo.get(key)
            if found is None:
                found = read_sentence(tokens[start:end], list(key), lexicon)
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[key] = found
            self.add(start, end, found)
            start = end

    def add(self, start: int, end: int, found: Segment) -> None:
        """One sentence's memo entry, placed at token ``start`` of the text."""
        hits, reasons, words, greeting, asks, agreed, chained = found
        tags: set[str] = set()
        tokens = self.tokens
        for tag, name, first, last in hits:
            a, b = tokens[first + start].start, tokens[last + start - 1].end
            self.found.append(self.finding(tag, name, a, b))
            tags.add(tag)
        self.reasons.extend((a + start, b + start) for a, b in reasons)
        if not words:
            if tags and self.by_sentence:
                self.by_sentence[-1] = self.by_sentence[-1] | tags  # (shared with a snapshot)
            return
        kind, key = self.pairs[end - 1]
        last = end - 1 if kind == NEWLINE else end
        sentence = Sentence(
            start,
            last,
            self.tokens[start].start,
            self.tokens[last - 1].end,
            words,
            kind == END and key == "?",
        )
        sentence.greeting = greeting
        if chained is not None:
            sentence.chained = (chained[0] + start, chained[1] + start)
        if asks:
            self.asks.add(len(self.sentences))
        if agreed is not None:
            self.agreed[len(self.sentences)] = (agreed[0] + start, agreed[1] + start)
        self.sentences.append(sentence)
        self.by_sentence.append(tags)

    def structure(self) -> list[Finding]:
        """Findings about the text's shape (see :mod:`partways.coach.structure`)."""
        from partways.coach.structure import structure

        return structure(self)
