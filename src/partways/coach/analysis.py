"""The coach: read one reply or message draft the way a mentor would.

:func:`analyze` finds what the text contains (the contract's tags, each finding
with code-point offsets into the ORIGINAL text), judges its stance, scores it,
and says the one thing to change first. Plain Python, no Textual, no PyYAML.

How the stance is judged (the contract's rule, with density and scope):

1. ``hostile`` when it blames, shows contempt or threatens (a negated blame,
   "it's not your fault", does not count);
2. else ``cave`` when it gives the decision away: continues, postpones,
   reconsiders or bargains ("let's keep going as we are"). A negated reversal
   ("I won't reconsider", "no amount of money will change it") is a decision;
3. else ``waffle`` when no decision is stated or acted on (no decision, date,
   handoff or written follow-up), or when the softeners weigh 1 or more:
   a hedge, a permission, a question where a statement belongs, an over-explained
   reason or a buried decision weigh 1 each; an apology, a minimiser or a filler
   ½; an intensifier ¼. So one "sorry" or one "just" beside a clear decision is
   still firm; "sorry" + "just", or any hedge on the decision, is not;
4. else ``firm``.
"""

from __future__ import annotations

from partways.coach import wordlists
from partways.coach.lexicon import Lexicon, Segment, candidates, match_groups, next_keys
from partways.coach.tokens import COMMA, END, NEWLINE, WORD, Token, tokenize
from partways.record import Record
from partways.scores import ZERO, Said, Scores, score
from partways.vocab import (
    CONTENT_TAGS,
    DECISIVE,
    FALLBACK_LANGUAGE,
    LANGUAGES,
    SOFTENERS,
    STANCES,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = [
    "MAX_CHARS",
    "Analysis",
    "Finding",
    "Hint",
    "analyze",
    "language_of",
]

#: Only this much of a text is read (a pasted novel is judged by its start).
MAX_CHARS = 20_000
#: Words a negation reaches forward ("no amount of money will change it").
NEGATION_REACH = 5
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

#: Findings about the whole text's shape, not a word or phrase.
STRUCTURAL_KINDS = (
    "no-decision",
    "question",
    "buried",
    "too-long",
    "wordy",
    "reasons",
    "assent",
)

#: How much a finding weighs toward ``waffle`` (tag or tag/kind).
WEIGHTS: dict[str, float] = {
    "hedge": 1.0,
    "permission": 1.0,
    "over-explain": 1.0,
    "apology": 0.5,
    "minimizer": 0.5,
    "filler": 0.5,
    "filler/intensifier": 0.25,
    "over-explain/wordy": 0.5,
}

#: When two findings overlap, the longer wins; on a tie, the earlier tag here.
TAG_RANK: tuple[str, ...] = (
    "blame",
    "reversal",
    "breakup-phrase",
    "decision",
    "in-writing",
    "handoff",
    "notice",
    "gratitude",
    "permission",
    "apology",
    "hedge",
    "minimizer",
    "filler",
    "over-explain",
)
_RANK = {tag: n for n, tag in enumerate(TAG_RANK)}
_FIRST = frozenset({"blame", "reversal", "decision"})
_STRENGTHS = ("decision", "notice", "handoff", "in-writing", "gratitude")
_GOOD = frozenset(_STRENGTHS)


class Finding(Record):
    """Something the coach found: ``text == original[start:end]`` (code points).

    ``kind`` is the finer category: ``relational``/``propositional``/``disclaimer``
    for a hedge, ``tag-question`` or ``question`` for a permission, ``intensifier``
    for a filler, ``contempt``/``threat`` for blame, ``continue``/``postpone``/
    ``bargain``/``reconsider`` for a reversal, ``negated`` for a decision said as a
    refusal to reverse, and the structural ones (:data:`STRUCTURAL_KINDS`).
    """

    __slots__ = ("advice", "end", "kind", "start", "tag", "text")
    _fields = ("tag", "start", "end", "text", "advice", "kind")
    tag: str
    start: int
    end: int
    text: str
    advice: str
    kind: str

    def __init__(
        self, tag: str, start: int, end: int, text: str, advice: str, kind: str = ""
    ) -> None:
        self._init(tag, start, end, text, advice, kind)

    @property
    def structural(self) -> bool:
        """True for a finding about the text's shape (a sentence or more), not a phrase."""
        return self.kind in STRUCTURAL_KINDS

    @property
    def weight(self) -> float:
        """How much it counts toward ``waffle`` (0 for what is not a softener)."""
        return WEIGHTS.get(f"{self.tag}/{self.kind}", WEIGHTS.get(self.tag, 0.0))

    def to_json(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "advice": self.advice,
        }


class Hint(Record):
    """A rewrite hint for one sentence that has findings (for the coach pad)."""

    __slots__ = ("advice", "cut", "end", "move_first", "start", "text")
    _fields = ("start", "end", "text", "cut", "move_first", "advice")
    start: int
    end: int
    text: str
    cut: tuple[Finding, ...]
    move_first: bool
    advice: str

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        cut: tuple[Finding, ...],
        move_first: bool,
        advice: str,
    ) -> None:
        self._init(start, end, text, cut, move_first, advice)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "cut": [f.to_json() for f in self.cut],
            "move_first": self.move_first,
            "advice": self.advice,
        }


class Analysis(Record):
    """What the coach made of one text.

    ``stance``; ``language``; ``findings`` in text order (phrases and structural
    findings, see :attr:`marks` for what to highlight); the four ``scores`` of this
    text alone; the ``note`` (the one thing to change first, or what went well);
    ``hints``, one per sentence with something to fix; ``first_fix``, the finding
    the note is about (None when the text is firm and clean).
    """

    __slots__ = ("_hints", "findings", "first_fix", "language", "note", "scores", "stance")
    _fields = ("stance", "language", "findings", "scores", "note", "hints", "first_fix")
    stance: str
    language: str
    findings: tuple[Finding, ...]
    scores: Scores
    note: str
    first_fix: Finding | None
    _hints: tuple[Hint, ...] | Callable[[], tuple[Hint, ...]]

    def __init__(
        self,
        stance: str,
        language: str,
        findings: tuple[Finding, ...],
        scores: Scores = ZERO,
        note: str = "",
        hints: tuple[Hint, ...] | Callable[[], tuple[Hint, ...]] = (),
        first_fix: Finding | None = None,
    ) -> None:
        for name, value in (
            ("stance", stance),
            ("language", language),
            ("findings", findings),
            ("scores", scores),
            ("note", note),
            ("_hints", hints),
            ("first_fix", first_fix),
        ):
            object.__setattr__(self, name, value)

    @property
    def hints(self) -> tuple[Hint, ...]:
        """A rewrite hint per sentence with something to fix (worked out when first asked:
        live highlighting never pays for it)."""
        hints = self._hints
        if callable(hints):
            hints = hints()
            object.__setattr__(self, "_hints", hints)
        return hints

    @property
    def tags(self) -> tuple[str, ...]:
        """Distinct finding tags in order of first appearance, then the stance (last).

        A structural finding tagged with a stance name (``waffle`` for "no decision")
        shows only as the stance.
        """
        seen: dict[str, None] = {}
        for finding in self.findings:
            if finding.tag not in STANCES:
                seen.setdefault(finding.tag, None)
        seen.setdefault(self.stance, None)
        return tuple(seen)

    @property
    def content_tags(self) -> tuple[str, ...]:
        """The tags of the contract's content vocabulary (what the log and scores keep)."""
        return tuple(tag for tag in self.tags if tag in CONTENT_TAGS)

    @property
    def marks(self) -> tuple[Finding, ...]:
        """Phrase findings, never overlapping, in order: what to highlight in place."""
        return tuple(f for f in self.findings if not f.structural)

    def to_json(self) -> dict[str, Any]:
        return {
            "stance": self.stance,
            "language": self.language,
            "findings": [f.to_json() for f in self.findings],
            "scores": self.scores.to_json(),
            "note": self.note,
        }


# -- reading ----------------------------------------------------------------------


class _Hit:
    """A phrase match: tokens ``first`` up to ``last``, text ``start`` up to ``end``."""

    __slots__ = ("end", "first", "kind", "last", "start", "tag")

    def __init__(self, tag: str, kind: str, first: int, last: int, start: int, end: int) -> None:
        self.tag = tag
        self.kind = kind
        self.first = first
        self.last = last
        self.start = start
        self.end = end


class _Sentence:
    """A sentence (or line): its tokens, its text span, and what it is like."""

    __slots__ = ("end", "first", "greeting", "last", "question", "start", "words")

    def __init__(
        self,
        first: int,
        last: int,
        start: int,
        end: int,
        words: int,
        question: bool,
        greeting: bool,
    ) -> None:
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        self.words = words
        self.question = question
        self.greeting = greeting


def language_of(lang: object) -> str | None:
    """A language code the coach knows (``sv-SE`` is ``sv``), or None."""
    code = str(lang or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def _hits(tokens: list[Token], pairs: list[tuple[int, str]], lexicon: Lexicon) -> list[_Hit]:
    """Every phrase match, overlaps settled: blame, reversal and decision first (a date
    inside "give it until the end of the year" does not hide the postponing), then
    the longer match, then the earlier tag."""
    # (blame/reversal/decision first, -length, rank, first token, last token, phrase id)
    found: list[tuple[int, int, int, int, int, int]] = []
    phrases = lexicon.phrases
    after = next_keys(pairs)
    for i, (kind, key) in enumerate(pairs):
        if kind in (END, NEWLINE, COMMA):
            continue
        for pid in candidates(lexicon, kind, key, after[i]):
            end = match_groups(phrases[pid].groups, pairs, i)
            if end > i:
                length = tokens[end - 1].end - tokens[i].start
                tag = phrases[pid].tag
                first = 0 if tag in _FIRST else 1
                found.append((first, -length, _RANK.get(tag, 99), i, end, pid))
    found.sort()
    taken = [False] * len(tokens)
    hits: list[_Hit] = []
    for _first, _length, _rank, first, last, pid in found:
        if any(taken[first:last]):
            continue
        for n in range(first, last):
            taken[n] = True
        phrase = phrases[pid]
        hits.append(
            _Hit(phrase.tag, phrase.kind, first, last, tokens[first].start, tokens[last - 1].end)
        )
    hits.sort(key=lambda h: h.first)
    return hits


def _list_matches(
    pairs: list[tuple[int, str]], lexicon: Lexicon, name: str, starts: list[int] | None = None
) -> list[tuple[int, int]]:
    """Token spans of the matches of a special list (negators, reasons...), not overlapping.

    ``starts``: the only token indexes to try (sentence starts, for anchored lists).
    """
    index = lexicon.lists.get(name)
    if index is None:
        return []
    phrases = index.phrases
    after = next_keys(pairs)
    spans: list[tuple[int, int]] = []
    n = len(pairs)
    at = -1
    for i in range(n) if starts is None else starts:
        if i < at or i >= n:
            continue
        kind, key = pairs[i]
        best = -1
        for pid in candidates(index, kind, key, after[i]):
            best = max(best, match_groups(phrases[pid].groups, pairs, i))
        if best > i:
            spans.append((i, best))
            at = best
    return spans


def _negated(
    hit: _Hit, pairs: list[tuple[int, str]], negators: dict[int, int], stops: set[int]
) -> bool:
    """True when a negator starts within reach before the hit, in the same clause."""
    k = hit.first - 1
    reach = 0
    while k >= 0 and reach <= NEGATION_REACH:
        kind = pairs[k][0]
        if kind in (END, NEWLINE, COMMA) or k in stops:
            return False
        if k in negators:  # a negator that starts before the hit ("even at double the rate")
            return True
        k -= 1
        reach += 1
    return False


def _sentences(
    tokens: list[Token], pairs: list[tuple[int, str]], lexicon: Lexicon
) -> list[_Sentence]:
    """The sentences (and lines) with at least one word, in one pass."""
    sentences: list[_Sentence] = []
    first = 0
    words = 0
    n = len(pairs)
    for i, (kind, key) in enumerate(pairs):
        if kind == WORD:
            words += 1
            if i < n - 1:
                continue
        elif kind != END and kind != NEWLINE and i < n - 1:
            continue
        last = i if kind == NEWLINE else i + 1
        if words:
            sentences.append(
                _Sentence(
                    first,
                    last,
                    tokens[first].start,
                    tokens[last - 1].end,
                    words,
                    kind == END and key == "?",
                    False,
                )
            )
        first, words = i + 1, 0
    greetings = lexicon.lists.get("greetings")
    if greetings is not None:
        for sentence in sentences:
            if sentence.words <= 6:  # a greeting or sign-off is a few words
                a, b = sentence.first, sentence.last
                if _list_matches(pairs[a:b], lexicon, "greetings", [0]):
                    sentence.greeting = True
    return sentences


def _sentence_of(sentences: list[_Sentence], token: int) -> int:
    for n, sentence in enumerate(sentences):
        if sentence.first <= token < sentence.last:
            return n
    return len(sentences) - 1


class _Reader:
    """One analysis in progress."""

    def __init__(self, text: str, lexicon: Lexicon, fallback: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.fallback = fallback
        self.tokens = tokenize(text, lexicon.language)
        self.pairs = [(t.kind, t.key) for t in self.tokens]
        self.sentences: list[_Sentence] = []

    def advice(self, tag: str, kind: str) -> str:
        for lexicon in (self.lexicon, self.fallback):
            advice = lexicon.texts.get("advice", {})
            found = advice.get(f"{tag}/{kind}") or advice.get(tag)
            if found:
                return found
        return ""

    def finding(self, tag: str, kind: str, start: int, end: int) -> Finding:
        return Finding(
            tag,
            kind=kind,
            start=start,
            end=end,
            text=self.text[start:end],
            advice=self.advice(tag, kind),
        )

    def read(self) -> tuple[str, list[Finding]]:
        kept: list[_Hit] = []
        self.reasons: list[tuple[int, int]] = []
        tokens, pairs, memo = self.tokens, self.pairs, self.lexicon.memo
        start = 0
        n = len(pairs)
        for i in range(n):
            if pairs[i][0] not in (END, NEWLINE) and i < n - 1:
                continue
            end = i + 1
            key = tuple(pairs[start:end])
            found = memo.get(key)
            if found is None:
                found = self.segment(tokens[start:end], list(key))
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[key] = found
            hits, reasons = found
            for tag, kind, first, last in hits:
                a, b = first + start, last + start
                kept.append(_Hit(tag, kind, a, b, tokens[a].start, tokens[b - 1].end))
            self.reasons.extend((a + start, b + start) for a, b in reasons)
            start = end
        findings = [self.finding(h.tag, h.kind, h.start, h.end) for h in kept]
        findings.extend(self.structure(kept))
        findings.sort(key=lambda f: (f.start, -f.end, _RANK.get(f.tag, 99)))
        return self.stance(findings), findings

    def segment(self, tokens: list[Token], pairs: list[tuple[int, str]]) -> Segment:
        """The hits (negation settled) and reason markers of one sentence, by token index."""
        lexicon = self.lexicon
        hits = _hits(tokens, pairs, lexicon)
        negators = dict(_list_matches(pairs, lexicon, "negators"))
        stops = {a for a, _b in _list_matches(pairs, lexicon, "boundaries")}
        after = {a for a, _b in _list_matches(pairs, lexicon, "negated-by")}
        kept: list[_Hit] = []
        for hit in hits:
            if hit.tag == "reversal" and (hit.last in after or hit.last + 1 in after):
                # "a discount won't keep me", "more money doesn't change it": a decision.
                if hit.last in after or pairs[hit.last][0] == WORD:
                    kept.append(_Hit("decision", "negated", hit.first, hit.last, hit.start, hit.end))
                    continue
            if hit.tag in ("reversal", "blame", "decision") and _negated(
                hit, pairs, negators, stops
            ):
                if hit.tag == "decision" and hit.first in negators:
                    # A refusal ("ne nastavljam", "I won't continue") after another negator
                    # is negative concord ("not even for double, I won't"): still a decision.
                    kept.append(hit)
                    continue
                if hit.tag == "reversal":
                    kept.append(
                        _Hit("decision", "negated", hit.first, hit.last, hit.start, hit.end)
                    )
                continue  # a negated blame or decision says nothing
            kept.append(hit)
        reasons = _list_matches(pairs, lexicon, "reasons")
        return [(h.tag, h.kind, h.first, h.last) for h in kept], reasons

    def structure(self, hits: list[_Hit]) -> list[Finding]:
        pairs, lexicon = self.pairs, self.lexicon
        sentences = self.sentences = _sentences(self.tokens, pairs, lexicon)
        if not sentences:
            return []
        found: list[Finding] = []
        tags = {h.tag for h in hits}
        content = [n for n, s in enumerate(sentences) if not s.greeting]
        by_sentence: dict[int, set[str]] = {}
        for hit in hits:
            by_sentence.setdefault(_sentence_of(sentences, hit.first), set()).add(hit.tag)

        # More than one reason.
        reasons = self.reasons
        if len(reasons) > MAX_REASONS:
            first, _last = reasons[MAX_REASONS]
            sentence = sentences[_sentence_of(sentences, first)]
            found.append(
                self.finding("over-explain", "reasons", self.tokens[first].start, sentence.end)
            )

        # The decision, buried after a preamble.
        preamble: list[int] = []
        decided = [n for n in content if "decision" in by_sentence.get(n, set())]
        if decided:
            preamble = [n for n in content if n < decided[0] and sentences[n].words >= 3]
            if len(preamble) >= BURIED_AFTER:
                found.append(
                    self.finding(
                        "over-explain",
                        "buried",
                        sentences[preamble[0]].start,
                        sentences[preamble[-1]].end,
                    )
                )

        # Too long for the moment: many sentences that only explain, or too many words.
        explaining = [
            n
            for n in content
            if sentences[n].words >= 3
            and not by_sentence.get(n, set()) & _GOOD
            and not (decided and n < decided[0] and len(preamble) >= BURIED_AFTER)
        ]
        if len(explaining) > MAX_EXPLAINING:
            for n in explaining[MAX_EXPLAINING:]:
                found.append(
                    self.finding("over-explain", "too-long", sentences[n].start, sentences[n].end)
                )
        words = [t for t in self.tokens if t.kind == WORD]
        if len(words) > MAX_WORDS:
            found.append(
                self.finding("over-explain", "wordy", words[MAX_WORDS].start, words[-1].end)
            )

        # A question where a statement belongs.
        question_starts = {
            a for a, _b in _list_matches(pairs, lexicon, "questions", [s.first for s in sentences])
        }
        for n in content:
            sentence = sentences[n]
            if not sentence.question:
                continue
            inside = by_sentence.get(n, set())
            if (
                inside & {"decision", "notice"}
                or sentence.first in question_starts
                or not tags & set(DECISIVE)
            ) and ("permission" not in inside or inside & {"decision", "notice"}):
                found.append(self.finding("permission", "question", sentence.start, sentence.end))

        # Agreeing to what the client asked, and no decision ("Okay. Same time next week").
        if content and not tags & {"decision", "reversal", "blame"}:
            opening = sentences[content[0]]
            agreed = _list_matches(pairs, lexicon, "assent", [opening.first])
            if agreed:
                a, b = agreed[0]
                start, end = self.tokens[a].start, self.tokens[b - 1].end
                found.append(self.finding("reversal", "assent", start, end))
                tags = tags | {"reversal"}

        # No decision at all.
        if not tags & set(DECISIVE) and not tags & {"reversal", "blame"}:
            where = sentences[content[0]] if content else sentences[0]
            found.append(self.finding("waffle", "no-decision", where.start, where.end))
        return found

    @staticmethod
    def stance(findings: list[Finding]) -> str:
        tags = {f.tag for f in findings}
        if "blame" in tags:
            return "hostile"
        if "reversal" in tags:
            return "cave"
        if not tags & set(DECISIVE):
            return "waffle"
        softness = sum(f.weight for f in findings if f.tag in SOFTENERS)
        return "waffle" if softness >= 1.0 else "firm"


# -- the public entry ---------------------------------------------------------------


def analyze(text: str, lang: str | None = None) -> Analysis:
    """Judge one reply or message draft in ``lang`` (detected when None or unknown).

    Never raises: odd input (empty, huge, control characters, emoji, right-to-left
    text) gives an analysis all the same, ``waffle`` with no findings at worst.
    Only the first :data:`MAX_CHARS` characters are read.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    language = language_of(lang)
    if language is None:
        language = FALLBACK_LANGUAGE if lang is not None else _detect(text)
    try:
        return _analyze(text, language)
    except Exception:  # pragma: no cover - a broken word list must not break typing
        return Analysis("waffle", language, ())


def _detect(text: str) -> str:
    try:
        from partways.coach.detect import detect_language

        return detect_language(text)
    except Exception:  # pragma: no cover
        return FALLBACK_LANGUAGE


def _analyze(text: str, language: str) -> Analysis:
    head = text[:MAX_CHARS]
    if not head.strip():
        return Analysis("waffle", language, ())
    lexicon = wordlists.get(language)
    fallback = wordlists.get(FALLBACK_LANGUAGE)
    reader = _Reader(head, lexicon, fallback)
    stance, found = reader.read()
    findings = tuple(found)
    content = tuple(t for t in dict.fromkeys(f.tag for f in findings) if t in CONTENT_TAGS)
    scores = score([Said(head, stance, content)])
    from partways.coach.notes import first_fix, hints, note

    fix = first_fix(stance, findings)
    partial = Analysis(stance, language, findings, scores, "", (), fix)
    sentences = reader.sentences
    return Analysis(
        stance,
        language,
        findings,
        scores,
        note(partial, lexicon, fallback),
        lambda: hints(partial, head, sentences, lexicon, fallback),
        fix,
    )
